// Shared GIVEN of the AuroraCluster tests: a SecureVpc in Tokyo (two AZs) and the cluster under test.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AuroraCluster, AuroraClusterProps, SecureVpc } from '../src';

export const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };
export const R6G_LARGE = ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);

/** Every AuroraCluster prop except the VPC, which the fixture provides. */
export type ClusterOptions = Omit<AuroraClusterProps, 'vpc'>;

/** Builds a stack with a SecureVpc and an AuroraCluster 'Database' in it; `before` adds to it before synthesis. */
export function build(
  options: ClusterOptions = {},
  env: { account?: string; region?: string } | undefined = TOKYO,
  before?: (stack: Stack, database: AuroraCluster) => void,
) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  const network = new SecureVpc(stack, 'Network', {
    availabilityZones: env?.region ? [`${env.region}a`, `${env.region}c`] : undefined,
  });
  const database = new AuroraCluster(stack, 'Database', { vpc: network.vpc, ...options });
  before?.(stack, database);
  return { app, stack, network, database, template: Template.fromStack(stack) };
}

/** The only resource of `type` (whose logical id starts with `idPrefix`) in the template. */
export function onlyResource(template: Template, type: string, idPrefix = ''): { logicalId: string; properties: any; resource: any } {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(idPrefix));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  const [logicalId, resource] = found[0];
  return { logicalId, properties: resource.Properties ?? {}, resource };
}
