import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import {
  certificateRegion, checkAlbPathPattern, checkDomainName, checkDuration, checkHeaderName, checkHealthCheckPath, checkHealthyHttpCodes,
  checkNamesInZone, checkRetentionDays,
} from '../../private/input-rules';
import { profileDefault } from '../../private/profile-defaults';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { ApiServiceBaseProps } from '../api-service-base-props';

/** Rule priorities already taken on each shared listener, with the path of the service that took it. */
const TAKEN_PRIORITIES = new WeakMap<elbv2.IApplicationListener, Map<number, string>>();

/** The path patterns already routed on each shared listener (sorted, joined), with the path of the service that routes them. */
const TAKEN_PATH_PATTERNS = new WeakMap<elbv2.IApplicationListener, Map<string, string>>();

/** Props that configure the load balancer, which an attached service does not own. */
const LOAD_BALANCER_PROPS: Array<keyof ApiServiceBaseProps> = [
  'cloudFrontAccess', 'internetFacing', 'certificate', 'domainName', 'hostedZone', 'loadBalancerSubnets',
  'sslPolicy', 'ipAddressType', 'deletionProtection', 'accessLogs', 'waf', 'redirectHttp', 'testListenerPort', 'testTrafficPeer',
];

/** The task counts with defaults applied. */
export interface TaskCounts {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly desiredCount: number;
}

/** Refuses path routing without attaching, and load balancer settings with it. */
export function validateAttachment(scope: Construct, props: ApiServiceBaseProps): void {
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
  if (props.pathPatterns.length > 3) {
    invalidProp(scope, 'pathPatterns', props.pathPatterns, 'must list at most 3 path patterns (ALB matches at most 3 values per rule condition)');
  }
  props.pathPatterns.forEach((pattern, i) => checkAlbPathPattern(scope, `pathPatterns[${i}]`, pattern));
  const wildcards = props.pathPatterns.filter((p) => !Token.isUnresolved(p)).join('').replace(/[^*?]/g, '').length;
  if (wildcards > 5) {
    invalidProp(scope, 'pathPatterns', props.pathPatterns, `must hold at most 5 wildcards ('*' or '?') in all, an ALB rule limit (${wildcards} given)`);
  }
  if (props.priority === undefined) invalidProp(scope, 'priority', props.priority, 'must be given with attachTo');
  checkInteger(scope, 'priority', props.priority, 1, 49999);
  const taken = TAKEN_PRIORITIES.get(props.attachTo.listener) ?? new Map<number, string>();
  const holder = taken.get(props.priority);
  if (holder) invalidProp(scope, 'priority', props.priority, `must be unique on the listener of ${props.attachTo.node.path} (${holder} has it)`);
  taken.set(props.priority, scope.node.path);
  TAKEN_PRIORITIES.set(props.attachTo.listener, taken);
  // The rule with the lower priority number wins: a second service on the same patterns never gets a request.
  const patterns = TAKEN_PATH_PATTERNS.get(props.attachTo.listener) ?? new Map<string, string>();
  const key = [...props.pathPatterns].sort().join('\n');
  const sameHolder = Token.isUnresolved(key) ? undefined : patterns.get(key);
  if (sameHolder) invalidProp(scope, 'pathPatterns', props.pathPatterns, `must differ from those of ${sameHolder} on the same listener (only one of the two rules would ever match)`);
  patterns.set(key, scope.node.path);
  TAKEN_PATH_PATTERNS.set(props.attachTo.listener, patterns);
  const theirVpc = props.attachTo.loadBalancer.vpc;
  if (theirVpc && theirVpc !== props.vpc && differentVpcs(theirVpc, props.vpc)) {
    invalidProp(scope, 'vpc', props.vpc.node.path, `must be the VPC of the load balancer of ${props.attachTo.node.path} (${theirVpc.node.path}): a target group joins a load balancer of its own VPC`);
  }
  for (const prop of LOAD_BALANCER_PROPS) {
    if (props[prop] !== undefined) {
      conflictingProps(scope, 'attachTo', prop, `cannot be combined: the load balancer belongs to the service attached to (${props.attachTo.node.path})`);
    }
  }
}

/** Whether two VPCs of one stack surely differ (their ids resolve to different values); other cases pass. */
function differentVpcs(a: ec2.IVpc, b: ec2.IVpc): boolean {
  const stack = Stack.of(a);
  if (stack !== Stack.of(b)) return false;
  return JSON.stringify(stack.resolve(a.vpcId)) !== JSON.stringify(stack.resolve(b.vpcId));
}

/** Whether a count was given and is known at synth time (not an unresolved token). */
function known(n: number | undefined): n is number {
  return n !== undefined && !Token.isUnresolved(n);
}

/**
 * The task counts: defaults bend to the counts that were given (so `desiredCount: 1` or `maxCapacity: 1`
 * alone is valid), and only counts known at synth time are compared.
 */
export function taskCounts(scope: Construct, props: ApiServiceBaseProps): TaskCounts {
  const profile = props.profile;
  // The given counts first, so a bad one is named itself and not as a default derived from it.
  checkInteger(scope, 'desiredCount', props.desiredCount, 0, 5000);
  checkInteger(scope, 'maxCapacity', props.maxCapacity, 1, 5000);
  const minCapacity = props.minCapacity ?? Math.min(
    profileDefault(profile, 2, { dev: 1, staging: 1, prod: 2 }),
    ...[props.desiredCount, props.maxCapacity].filter(known));
  checkInteger(scope, 'minCapacity', minCapacity, 0, 5000);
  const maxCapacity = props.maxCapacity ?? Math.max(
    profileDefault(profile, 10, { dev: 3, staging: 5, prod: 10 }),
    ...[minCapacity, props.desiredCount].filter(known));
  checkInteger(scope, 'maxCapacity', maxCapacity, 1, 5000);
  if (known(minCapacity) && known(maxCapacity) && minCapacity > maxCapacity) {
    invalidProp(scope, 'minCapacity', minCapacity, `must not exceed maxCapacity (${maxCapacity})`);
  }
  let desiredCount = props.desiredCount ?? profileDefault(profile, 2, { dev: 1, staging: 2, prod: 3 });
  if (props.desiredCount === undefined) {
    if (known(minCapacity)) desiredCount = Math.max(desiredCount, minCapacity);
    if (known(maxCapacity)) desiredCount = Math.min(desiredCount, maxCapacity);
  }
  checkInteger(scope, 'desiredCount', desiredCount, 0, 5000);
  if (known(desiredCount) && ((known(minCapacity) && desiredCount < minCapacity) || (known(maxCapacity) && desiredCount > maxCapacity))) {
    invalidProp(scope, 'desiredCount', desiredCount, `must be between minCapacity (${minCapacity}) and maxCapacity (${maxCapacity})`);
  }
  return { minCapacity, maxCapacity, desiredCount };
}

export function accessLogExpiration(scope: Construct, props: ApiServiceBaseProps): Duration {
  if (props.accessLogs?.bucket && props.accessLogs.expiration) {
    conflictingProps(scope, 'accessLogs.bucket', 'accessLogs.expiration', 'cannot be combined: the lifecycle of a bucket you bring is yours to set');
  }
  return props.accessLogs?.expiration ?? profileDefault(props.profile, Duration.days(90), { dev: Duration.days(7), prod: Duration.days(365) });
}

/** Refuses inputs the deployment would reject or that would silently not work. */
export function validateServiceInputs(scope: Construct, props: ApiServiceBaseProps): void {
  const name = props.containerName;
  if (name !== undefined && !Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    invalidProp(scope, 'containerName', name, 'must be 1-255 letters, digits, hyphens or underscores (an ECS container name)');
  }
  if (props.enableExecuteCommand && props.readonlyRootFilesystem === true) {
    conflictingProps(scope, 'enableExecuteCommand', 'readonlyRootFilesystem', 'conflict: the ECS Exec agent writes to the container\'s root filesystem (leave readonlyRootFilesystem unset or false)');
  }
  checkDuration(scope, 'deregistrationDelay', props.deregistrationDelay, { unit: 'seconds', min: 0, max: 3600 });
  // ECS: HealthCheckGracePeriodSeconds 0-2147483647; ELB: lb_cookie duration 1 second to 7 days (API references, read 2026-12-01).
  checkDuration(scope, 'healthCheckGracePeriod', props.healthCheckGracePeriod, { unit: 'seconds', min: 0, max: 2147483647 });
  checkDuration(scope, 'stickinessDuration', props.stickinessDuration, { unit: 'seconds', min: 1, max: 604800 });
  checkDuration(scope, 'accessLogs.expiration', props.accessLogs?.expiration, { unit: 'days' });
  checkRetentionDays(scope, 'logRetention', props.logRetention);
  validateHealthCheck(scope, props.healthCheck);
  checkDomainName(scope, 'domainName', props.domainName);
  if (props.domainName !== undefined) checkNamesInZone(scope, 'domainName', [props.domainName], props.hostedZone?.zoneName);
  const repeated = Object.keys(props.environment ?? {}).find((variable) => props.secrets?.[variable] !== undefined);
  if (repeated !== undefined) {
    conflictingProps(scope, `environment.${repeated}`, `secrets.${repeated}`, 'name the same variable: the container gets one value; keep it in one of them');
  }
  if (props.accessLogs?.bucket?.encryptionKey) {
    invalidProp(scope, 'accessLogs.bucket', props.accessLogs.bucket.node.path, 'must use SSE-S3 encryption: load balancer access logs cannot be written to a KMS-encrypted bucket');
  }
  const access = props.cloudFrontAccess;
  checkHeaderName(scope, 'cloudFrontAccess.headerName', access?.headerName, 40, 'an HTTP header name an ALB rule can match');
  const value = access?.headerValue;
  if (value !== undefined && !Token.isUnresolved(value) && (value.length === 0 || value.length > 128 || /[*?]/.test(value))) {
    invalidProp(scope, 'cloudFrontAccess.headerValue', value.length > 128 ? `${value.length} characters` : value,
      "must be 1-128 characters without '*' or '?' (an ALB header condition treats them as wildcards)");
  }
}

/**
 * The target group health check: path and codes as the load balancer takes them, thresholds of 2-10, an
 * interval of 5-300 s and a timeout of 2-120 s shorter than it (ELBv2 API CreateTargetGroup, read 2026-12-01).
 */
function validateHealthCheck(scope: Construct, healthCheck: elbv2.HealthCheck | undefined): void {
  if (!healthCheck) return;
  checkHealthCheckPath(scope, 'healthCheck.path', healthCheck.path);
  checkHealthyHttpCodes(scope, 'healthCheck.healthyHttpCodes', healthCheck.healthyHttpCodes);
  checkInteger(scope, 'healthCheck.healthyThresholdCount', healthCheck.healthyThresholdCount, 2, 10);
  checkInteger(scope, 'healthCheck.unhealthyThresholdCount', healthCheck.unhealthyThresholdCount, 2, 10);
  const interval = checkDuration(scope, 'healthCheck.interval', healthCheck.interval, { unit: 'seconds', min: 5, max: 300 });
  const timeout = checkDuration(scope, 'healthCheck.timeout', healthCheck.timeout, { unit: 'seconds', min: 2, max: 120 });
  if (timeout !== undefined && timeout >= (interval ?? 30)) {
    invalidProp(scope, 'healthCheck.timeout', healthCheck.timeout!.toHumanString(), `must be shorter than healthCheck.interval (${interval ?? 30} seconds)`);
  }
}

/** Refuses a certificate whose region is known and is not the stack's (a load balancer takes certificates of its own region only). */
export function validateLoadBalancerCertificate(scope: Construct, certificate: acm.ICertificate | undefined): void {
  const stackRegion = Stack.of(scope).region;
  const region = certificate ? certificateRegion(certificate) : undefined;
  if (region !== undefined && !Token.isUnresolved(stackRegion) && region !== stackRegion) {
    invalidProp(scope, 'certificate region', region, `must be the stack's region (${stackRegion}): a load balancer uses ACM certificates of its own region only`);
  }
}
