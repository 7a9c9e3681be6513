// Shared GIVEN of the RdsDatabase tests: a SecureVpc in Tokyo (two AZs) and the instance under test.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { RdsDatabase, RdsDatabaseProps, SecureVpc } from '../src';

export const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };

/** Every RdsDatabase prop except the VPC, which the fixture provides. */
export type InstanceOptions = Omit<RdsDatabaseProps, 'vpc'>;

/** Builds a stack with a SecureVpc and an RdsDatabase 'Database' in it. */
export function buildRds(
  options: InstanceOptions = {},
  env: { account?: string; region?: string } | undefined = TOKYO,
  before?: (stack: Stack, database: RdsDatabase, vpc: ec2.IVpc) => void,
) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  const network = new SecureVpc(stack, 'Network', {
    availabilityZones: env?.region ? [`${env.region}a`, `${env.region}c`] : undefined,
  });
  const database = new RdsDatabase(stack, 'Database', { vpc: network.vpc, ...options });
  before?.(stack, database, network.vpc);
  return { app, stack, network, database, template: Template.fromStack(stack) };
}

/** The resources of `type`, by logical id. */
export function resources(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}
