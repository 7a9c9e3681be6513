import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { profileDefault } from '../../private/profile-defaults';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { FargateApiServiceProps } from '../fargate-api-service-props';

/** Rule priorities already taken on each shared listener, with the path of the service that took it. */
const TAKEN_PRIORITIES = new WeakMap<elbv2.IApplicationListener, Map<number, string>>();

/** Props that configure the load balancer, which an attached service does not own. */
const LOAD_BALANCER_PROPS: Array<keyof FargateApiServiceProps> = [
  'cloudFrontAccess', 'internetFacing', 'certificate', 'domainName', 'hostedZone', 'loadBalancerSubnets',
  'sslPolicy', 'ipAddressType', 'deletionProtection', 'accessLogs',
];

/** The task counts with defaults applied. */
export interface TaskCounts {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly desiredCount: number;
}

/** Refuses path routing without attaching, and load balancer settings with it. */
export function validateAttachment(scope: Construct, props: FargateApiServiceProps): void {
  if (!props.attachTo) {
    if (props.pathPatterns) {
      invalidProp(scope, 'pathPatterns', props.pathPatterns, "need attachTo: only a service that joins another service's listener routes by path");
    }
    if (props.priority !== undefined) {
      invalidProp(scope, 'priority', props.priority, "needs attachTo: only a service that joins another service's listener has a rule priority");
    }
    return;
  }
  if (!props.pathPatterns || props.pathPatterns.length === 0) {
    invalidProp(scope, 'pathPatterns', props.pathPatterns, 'must list at least one path pattern with attachTo');
  }
  if (props.pathPatterns.length > 5) {
    invalidProp(scope, 'pathPatterns', props.pathPatterns, 'must list at most 5 path patterns (an ALB rule condition limit)');
  }
  if (props.priority === undefined) invalidProp(scope, 'priority', props.priority, 'must be given with attachTo');
  checkInteger(scope, 'priority', props.priority, 1, 49999);
  const taken = TAKEN_PRIORITIES.get(props.attachTo.listener) ?? new Map<number, string>();
  const holder = taken.get(props.priority);
  if (holder) invalidProp(scope, 'priority', props.priority, `must be unique on the listener of ${props.attachTo.node.path} (${holder} has it)`);
  taken.set(props.priority, scope.node.path);
  TAKEN_PRIORITIES.set(props.attachTo.listener, taken);
  for (const prop of LOAD_BALANCER_PROPS) {
    if (props[prop] !== undefined) {
      conflictingProps(scope, 'attachTo', prop, `cannot be combined: the load balancer belongs to the service attached to (${props.attachTo.node.path})`);
    }
  }
}

export function taskCounts(scope: Construct, props: FargateApiServiceProps): TaskCounts {
  const profile = props.profile;
  const minCapacity = props.minCapacity ?? profileDefault(profile, 2, { dev: 1, staging: 1, prod: 2 });
  checkInteger(scope, 'minCapacity', minCapacity, 0, 5000);
  const maxCapacity = props.maxCapacity ?? Math.max(minCapacity, profileDefault(profile, 10, { dev: 3, staging: 5, prod: 10 }));
  checkInteger(scope, 'maxCapacity', maxCapacity, 1, 5000);
  if (minCapacity > maxCapacity) invalidProp(scope, 'minCapacity', minCapacity, `must not exceed maxCapacity (${maxCapacity})`);
  const desiredDefault = profileDefault(profile, 2, { dev: 1, staging: 2, prod: 3 });
  const desiredCount = props.desiredCount ?? Math.min(Math.max(desiredDefault, minCapacity), maxCapacity);
  checkInteger(scope, 'desiredCount', desiredCount, 0, 5000);
  if (desiredCount < minCapacity || desiredCount > maxCapacity) {
    invalidProp(scope, 'desiredCount', desiredCount, `must be between minCapacity (${minCapacity}) and maxCapacity (${maxCapacity})`);
  }
  return { minCapacity, maxCapacity, desiredCount };
}

export function accessLogExpiration(scope: Construct, props: FargateApiServiceProps): Duration {
  if (props.accessLogs?.bucket && props.accessLogs.expiration) {
    conflictingProps(scope, 'accessLogs.bucket', 'accessLogs.expiration', 'cannot be combined: the lifecycle of a bucket you bring is yours to set');
  }
  return props.accessLogs?.expiration ?? profileDefault(props.profile, Duration.days(90), { dev: Duration.days(7), prod: Duration.days(365) });
}
