// Shared setup of the FargateApiService tests: a SecureVpc and a service built from partial props.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { FargateApiService, FargateApiServiceProps, SecureVpc } from '../src';

/** An image from a public registry: nothing needs Docker. */
export const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

/** The stack environment of the region-specific tests. */
export const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };

/** Everything a test needs to make assertions on a built service. */
export interface Built {
  readonly app: App;
  readonly stack: Stack;
  readonly network: SecureVpc;
  readonly api: FargateApiService;
  readonly template: Template;
}

/** Optional props of FargateApiService (every prop but vpc and image). */
export type ServiceOptions = Omit<FargateApiServiceProps, 'vpc' | 'image'>;

/** GIVEN a SecureVpc in a stack, WHEN a FargateApiService is built with `props`. */
export function build(props: ServiceOptions = {}, env?: { account: string; region: string }): Built {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  const network = new SecureVpc(stack, 'Network');
  const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: props.repositoryImage ? undefined : IMAGE, ...props });
  return { app, stack, network, api, template: Template.fromStack(stack) };
}

/** A hosted zone imported by attributes: no lookup. */
export function zone(stack: Stack): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
}
