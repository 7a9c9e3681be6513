import { createHash } from 'crypto';
import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** How to shape a physical name. */
export interface PhysicalNameOptions {
  /** The longest name the resource type accepts. */
  readonly maxLength: number;
  /** Text in front of the name, e.g. a prefix the service requires. @default '' */
  readonly prefix?: string;
}

/**
 * A physical name unique per stack and construct, for resources whose name CloudFormation cannot
 * generate: the stack's name (unique in an account and region, and different for every Stage and
 * every app that deploys the same code) and a hash of the construct's path (unique in the app).
 * `Names.uniqueResourceName` is not enough: it uses the stack's id, which two Stages share.
 */
export function stackUniqueName(scope: IConstruct, options: PhysicalNameOptions): string {
  const stackName = Stack.of(scope).stackName;
  const prefix = options.prefix ?? '';
  const whole = `${prefix}${stackName}-${scope.node.addr.slice(0, 8)}`;
  if (whole.length <= options.maxLength) return whole;
  // A shortened stack name no longer tells stacks apart: hash it together with the path.
  const hash = createHash('sha256').update(`${stackName}/${scope.node.addr}`).digest('hex').slice(0, 8);
  return `${prefix}${stackName.slice(0, options.maxLength - prefix.length - hash.length - 1)}-${hash}`;
}
