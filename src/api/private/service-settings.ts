// The shared settings of the API services with their defaults applied, and the scaling they share
// (internal, not exported).
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { DeploymentSettings, resolveDeployment } from './deployment-settings';
import { LoadBalancerWafSettings, resolveLoadBalancerWaf, resolveRedirectHttp } from './load-balancer-waf';
import { accessLogExpiration, TaskCounts, taskCounts, validateAttachment, validateLoadBalancerCertificate, validateServiceInputs } from './validate-props';
import { checkDuration, checkStackRegion } from '../../private/input-rules';
import { profileDefault } from '../../private/profile-defaults';
import { subnetGroupOr } from '../../private/subnets';
import { checkInteger, checkRange, conflictingProps, invalidProp } from '../../private/validation';
import { ApiServiceBaseProps } from '../api-service-base-props';
import { CloudFrontAccess, CloudFrontAccessKind } from '../cloudfront-access';
import { CpuStepScaling } from '../scaling';

/** Name of the task's writable scratch volume. */
export const SCRATCH_VOLUME = 'scratch';

/** How a subclass's service joins the load balancer. */
export interface ServiceTarget {
  /** The security groups that admit the load balancer (the tasks' or the instances'). */
  readonly connections: ec2.Connections;
  /** `IP` for awsvpc tasks, `INSTANCE` for bridge tasks on dynamic host ports. */
  readonly targetType: elbv2.TargetType;
  /** The port the load balancer reaches the targets on: the container port, or the dynamic host port range. */
  readonly trafficPort: ec2.Port;
  /** The health check port, when it must be written out ('traffic-port' for dynamic host ports). */
  readonly healthCheckPort?: string;
}

/** CPU and memory limits of an EC2 task's container. */
export interface ContainerLimits {
  readonly cpu?: number;
  readonly memoryLimitMiB?: number;
}

/** The settings of an API service with every default applied. */
export interface ServiceSettings {
  readonly props: ApiServiceBaseProps;
  readonly containerName: string;
  readonly containerPort: number;
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly counts: TaskCounts;
  readonly healthCheckPath: string;
  readonly scratchPath: string;
  readonly cloudFrontAccess?: CloudFrontAccess;
  readonly internetFacing: boolean;
  readonly taskSubnets: ec2.SubnetSelection;
  /** The subnets of the service's own load balancer (none when attaching). */
  readonly loadBalancerSubnets?: ec2.SubnetSelection;
  readonly enableExecuteCommand: boolean;
  readonly healthCheckGracePeriod: Duration;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly accessLogExpiration: Duration;
  /** The load balancer's web ACL (none when attaching). */
  readonly waf: LoadBalancerWafSettings;
  /** Whether an HTTPS load balancer also listens on 80 to redirect. */
  readonly redirectHttp: boolean;
  /** How new task definitions are deployed, and the test listener port. */
  readonly deployment: DeploymentSettings;
}

/** Validates the shared props and applies their defaults (the profile's, then the library's). */
export function resolveSettings(scope: Construct, props: ApiServiceBaseProps): ServiceSettings {
  const profile = props.profile;
  const attachTo = props.attachTo;
  checkStackRegion(scope);
  validateAttachment(scope, props);
  validateServiceInputs(scope, props);
  if (!props.attachTo) validateLoadBalancerCertificate(scope, props.certificate);

  const containerPort = props.containerPort ?? 8080;
  checkInteger(scope, 'containerPort', containerPort, 1, 65535);
  const cpu = props.cpu ?? profileDefault(profile, 256, { staging: 512, prod: 1024 });
  const memoryLimitMiB = props.memoryLimitMiB ?? profileDefault(profile, 512, { staging: 1024, prod: 2048 });
  const counts = taskCounts(scope, props);
  const healthCheckPath = props.healthCheck?.path ?? '/health';
  const scratchPath = props.scratchPath ?? '/tmp';
  if (!Token.isUnresolved(scratchPath) && !scratchPath.startsWith('/')) invalidProp(scope, 'scratchPath', scratchPath, "must be an absolute path starting with '/'");
  checkContainerUser(scope, props.user);
  if (props.domainName && !props.hostedZone) {
    invalidProp(scope, 'domainName', props.domainName, 'needs hostedZone (to validate its certificate and write the alias records)');
  }
  if (props.sslPolicy && !props.certificate && !props.domainName) {
    invalidProp(scope, 'sslPolicy', props.sslPolicy, 'needs certificate or domainName: a plain HTTP listener has no TLS policy');
  }
  if (props.hostedZone && !props.domainName) {
    conflictingProps(scope, 'hostedZone', 'domainName', 'go together: give the domain name to create in the hosted zone');
  }

  const cloudFrontAccess = props.cloudFrontAccess ?? (props.internetFacing === undefined && !props.domainName && !props.certificate && !attachTo
    ? profileDefault<CloudFrontAccess | undefined>(profile, undefined, { dev: CloudFrontAccess.vpcOrigin() })
    : undefined);
  const internetFacing = props.internetFacing ?? (attachTo ? attachTo.internetFacing : cloudFrontAccess?.kind !== CloudFrontAccessKind.VPC_ORIGIN);
  if (cloudFrontAccess?.kind === CloudFrontAccessKind.VPC_ORIGIN && internetFacing) {
    conflictingProps(scope, 'cloudFrontAccess', 'internetFacing', 'conflict: a CloudFront VPC origin only reaches an internal load balancer (internetFacing: false)');
  }
  if (cloudFrontAccess?.kind === CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER && !internetFacing) {
    conflictingProps(scope, 'cloudFrontAccess', 'internetFacing', 'conflict: CloudFront reaches a prefix-list-restricted load balancer over the internet (internetFacing: true); use CloudFrontAccess.vpcOrigin() for an internal one');
  }

  const redirectHttp = resolveRedirectHttp(scope, props, cloudFrontAccess);
  const https = props.certificate !== undefined || props.domainName !== undefined;
  const listenerPorts = attachTo ? [] : https ? (redirectHttp ? [443, 80] : [443]) : [80];

  const taskSubnetSelection = props.vpcSubnets ?? taskSubnets(scope, props.vpc);
  return {
    props,
    containerName: props.containerName ?? 'app',
    containerPort,
    cpu,
    memoryLimitMiB,
    counts,
    healthCheckPath,
    scratchPath,
    cloudFrontAccess,
    internetFacing,
    taskSubnets: taskSubnetSelection,
    loadBalancerSubnets: attachTo ? undefined : loadBalancerSubnets(scope, props, internetFacing, taskSubnetSelection),
    enableExecuteCommand: props.enableExecuteCommand ?? false,
    healthCheckGracePeriod: props.healthCheckGracePeriod ?? Duration.seconds(60),
    // Logs are kept on deletion except in dev, where a short-lived stack should leave nothing behind.
    logRemovalPolicy: profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY }),
    accessLogExpiration: accessLogExpiration(scope, props),
    waf: resolveLoadBalancerWaf(scope, props, internetFacing, cloudFrontAccess),
    redirectHttp,
    deployment: resolveDeployment(scope, props, listenerPorts),
  };
}

/** The 'Application' subnet group when the VPC has one (SecureVpc), else its private subnets with egress, which it must have. */
function taskSubnets(scope: Construct, vpc: ec2.IVpc): ec2.SubnetSelection {
  const selection = subnetGroupOr(vpc, 'Application', { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
  if (selection.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS && vpc.privateSubnets.length === 0) {
    invalidProp(scope, 'vpc', vpc.node.path, 'must have private subnets with egress for the tasks (they never get a public IP), or give vpcSubnets');
  }
  return selection;
}

/**
 * The subnets of the load balancer: given, else the 'Public' group (or the public subnets) when internet-facing,
 * else the tasks'. An internet-facing one needs public subnets; an ALB needs subnets in at least two AZs.
 */
function loadBalancerSubnets(scope: Construct, props: ApiServiceBaseProps, internetFacing: boolean, tasks: ec2.SubnetSelection): ec2.SubnetSelection {
  const given = props.loadBalancerSubnets;
  const vpc = props.vpc;
  if (!given && internetFacing && vpc.publicSubnets.length === 0) {
    invalidProp(scope, 'vpc', vpc.node.path, 'must have public subnets for an internet-facing load balancer, or give loadBalancerSubnets (or internetFacing: false)');
  }
  const selection = given ?? (internetFacing ? subnetGroupOr(vpc, 'Public', { subnetType: ec2.SubnetType.PUBLIC }) : tasks);
  // Subnets of one AZ share one AZ value (a literal, or the same token): fewer than two values is one AZ.
  const azs = [...new Set(vpc.selectSubnets(selection).availabilityZones)];
  if (azs.length < 2) {
    invalidProp(scope, given ? 'loadBalancerSubnets' : 'vpc', azs, 'must give the load balancer subnets in at least 2 AZs (an Application Load Balancer needs two)');
  }
  return selection;
}

/** A non-root `user`, `user:group`, `uid` or `uid:gid` as ECS passes it to Docker; unresolved tokens pass. */
function checkContainerUser(scope: Construct, user: string | undefined): void {
  if (user === undefined || Token.isUnresolved(user)) return;
  const match = /^([A-Za-z0-9_][A-Za-z0-9_.-]{0,31})(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,31}))?$/.exec(user);
  if (!match) invalidProp(scope, 'user', user, 'must be a user name or uid, optionally followed by :group or :gid (e.g. 1000:1000)');
  if (match[1] === 'root' || /^0+$/.test(match[1])) {
    invalidProp(scope, 'user', user, 'must not be root (root or uid 0): leave user out to run as the image\'s USER');
  }
}

/** Cooldowns after a scale-out and after a scale-in. */
interface Cooldowns {
  readonly scaleOutCooldown: Duration;
  readonly scaleInCooldown: Duration;
}

/**
 * Step scaling on CPU: one policy whose upper alarm adds `scaleOutBy` tasks and whose lower alarm
 * removes `scaleInBy`, each action with its own cooldown. Thresholds that overlap are refused.
 */
function scaleOnCpuSteps(
  scope: Construct, steps: CpuStepScaling, scalableTaskCount: ecs.ScalableTaskCount, cpuMetric: cloudwatch.IMetric, cooldowns: Cooldowns,
): void {
  const { scaleOutAbove, scaleInBelow } = steps;
  checkRange(scope, 'scaling.cpuSteps.scaleOutAbove', scaleOutAbove, 1, 100);
  checkRange(scope, 'scaling.cpuSteps.scaleInBelow', scaleInBelow, 0, 99);
  if (!Token.isUnresolved(scaleOutAbove) && !Token.isUnresolved(scaleInBelow) && scaleInBelow >= scaleOutAbove) {
    invalidProp(scope, 'scaling.cpuSteps.scaleInBelow', scaleInBelow,
      `must be below scaleOutAbove (${scaleOutAbove}): thresholds that overlap would add and remove tasks at the same CPU`);
  }
  const scaleOutBy = steps.scaleOutBy ?? 1;
  const scaleInBy = steps.scaleInBy ?? 1;
  checkInteger(scope, 'scaling.cpuSteps.scaleOutBy', scaleOutBy, 1, 5000);
  checkInteger(scope, 'scaling.cpuSteps.scaleInBy', scaleInBy, 1, 5000);
  const evaluationPeriods = steps.evaluationPeriods ?? 3;
  checkInteger(scope, 'scaling.cpuSteps.evaluationPeriods', evaluationPeriods, 1, 1440);
  scalableTaskCount.scaleOnMetric('CpuStepScaling', {
    metric: cpuMetric,
    scalingSteps: [{ upper: scaleInBelow, change: -scaleInBy }, { lower: scaleOutAbove, change: scaleOutBy }],
    adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
    cooldown: cooldowns.scaleOutCooldown,
    evaluationPeriods,
  });
  // One policy construct holds both actions; the scale-in action waits its own cooldown.
  const policy = scalableTaskCount.node.findAll().find((c): c is appscaling.StepScalingPolicy =>
    c instanceof appscaling.StepScalingPolicy && c.node.id === 'CpuStepScaling');
  const lower = policy?.lowerAction?.node.defaultChild as appscaling.CfnScalingPolicy | undefined;
  lower?.addPropertyOverride('StepScalingPolicyConfiguration.Cooldown', cooldowns.scaleInCooldown.toSeconds());
}

/** Target tracking on CPU, memory and (optionally) requests per target, with the profile's cooldowns. */
export function scaleOnTargets(
  scope: Construct, props: ApiServiceBaseProps, scalableTaskCount: ecs.ScalableTaskCount, targetGroup: elbv2.ApplicationTargetGroup,
  cpuMetric: cloudwatch.IMetric,
): void {
  const profile = props.profile;
  const scaling = props.scaling ?? {};
  if (scaling.cpuSteps && scaling.targetCpuUtilization !== undefined) {
    conflictingProps(scope, 'scaling.cpuSteps', 'scaling.targetCpuUtilization', 'cannot be combined: CPU scales by steps or by target tracking');
  }
  const targetCpu = scaling.targetCpuUtilization ?? profileDefault(profile, 70, { prod: 60 });
  const targetMemory = scaling.targetMemoryUtilization ?? 80;
  checkRange(scope, 'scaling.targetCpuUtilization', targetCpu, 1, 100);
  checkRange(scope, 'scaling.targetMemoryUtilization', targetMemory, 1, 100);
  checkInteger(scope, 'scaling.requestsPerTarget', scaling.requestsPerTarget, 1, 1000000);
  checkDuration(scope, 'scaling.scaleOutCooldown', scaling.scaleOutCooldown, { unit: 'seconds', min: 0 });
  checkDuration(scope, 'scaling.scaleInCooldown', scaling.scaleInCooldown, { unit: 'seconds', min: 0 });
  const cooldowns = {
    scaleOutCooldown: scaling.scaleOutCooldown ?? Duration.minutes(1),
    scaleInCooldown: scaling.scaleInCooldown ?? profileDefault(profile, Duration.minutes(5), { prod: Duration.minutes(10) }),
  };
  if (scaling.cpuSteps) {
    scaleOnCpuSteps(scope, scaling.cpuSteps, scalableTaskCount, cpuMetric, cooldowns);
  } else {
    scalableTaskCount.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: targetCpu, ...cooldowns });
  }
  scalableTaskCount.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: targetMemory, ...cooldowns });
  if (scaling.requestsPerTarget !== undefined) {
    scalableTaskCount.scaleOnRequestCount('RequestScaling', {
      requestsPerTarget: scaling.requestsPerTarget,
      targetGroup,
      ...cooldowns,
    });
  }
}

