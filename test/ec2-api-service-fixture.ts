// Shared setup of the Ec2ApiService tests: a SecureVpc and a service built from partial props.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Ec2ApiService, Ec2ApiServiceProps, SecureVpc } from '../src';
import { IMAGE } from './fargate-api-service-fixture';

/** Everything a test needs to make assertions on a built service. */
export interface BuiltEc2 {
  readonly app: App;
  readonly stack: Stack;
  readonly network: SecureVpc;
  readonly api: Ec2ApiService;
  readonly template: Template;
}

/** Optional props of Ec2ApiService (every prop but vpc and image). */
export type Ec2ServiceOptions = Omit<Ec2ApiServiceProps, 'vpc' | 'image'>;

/** GIVEN a SecureVpc in a stack, WHEN an Ec2ApiService is built with `props`. */
export function buildEc2(props: Ec2ServiceOptions = {}): BuiltEc2 {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
  const network = new SecureVpc(stack, 'Network', { profile: props.profile });
  const api = new Ec2ApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props });
  // Synthesized on first use, so a test can add constructs before reading the template.
  let template: Template | undefined;
  return { app, stack, network, api, get template() { return template ??= Template.fromStack(stack); } };
}

/** The properties of the only resource of a type under the construct 'Api' (the VPC may have its own). */
export function only(template: Template, type: string): any {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith('Api')).map(([, r]) => r);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return (found[0] as any).Properties;
}
