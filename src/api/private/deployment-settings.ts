// How an API service deploys: the deployment strategy with its defaults applied, the listener
// actions of blue/green target groups, and the alarm that rolls a deployment back (internal, not exported).
import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { checkDuration } from '../../private/input-rules';
import { acknowledgeNag } from '../../private/nag';
import { profileDefault } from '../../private/profile-defaults';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { ApiServiceBaseProps } from '../api-service-base-props';
import { DeploymentStrategy, DeploymentStrategyKind } from '../deployment';

/** The deployment of an API service with every default applied. */
export interface DeploymentSettings {
  readonly blueGreen: boolean;
  /** Blue/green only: how long blue stays after the production shift. */
  readonly bakeTime?: Duration;
  readonly rollbackAlarms: cloudwatch.IAlarm[];
  /** Target 5xx a minute that roll a blue/green deployment back; 0 for no such alarm. */
  readonly rollbackOnTarget5xx: number;
  readonly lifecycleHooks: ecs.IDeploymentLifecycleHookTarget[];
  /** The port of the test listener on the service's own load balancer, when it has one. */
  readonly testListenerPort?: number;
}

/** The ports a listener may use. */
const PORT_RANGE: [number, number] = [1, 65535];

/**
 * Validates the deployment strategy and the test listener port and applies their defaults.
 * `listenerPorts` are the production listener ports of the service's own load balancer (none when attached).
 */
export function resolveDeployment(scope: Construct, props: ApiServiceBaseProps, listenerPorts: number[]): DeploymentSettings {
  const strategy = props.deployment ?? DeploymentStrategy.rolling();
  const options = strategy.options;
  const blueGreen = strategy.kind === DeploymentStrategyKind.BLUE_GREEN;
  if (!blueGreen) {
    // A JavaScript caller may hand blue/green options to rolling(): refuse rather than ignore them.
    const misplaced = (['bakeTime', 'rollbackOnTarget5xx', 'lifecycleHooks'] as const).find((name) => options[name] !== undefined);
    if (misplaced) invalidProp(scope, `deployment.${misplaced}`, String(options[misplaced]), 'applies to DeploymentStrategy.blueGreen() only');
  }
  const bakeTime = blueGreen ? options.bakeTime ?? profileDefault(props.profile, Duration.minutes(5), { prod: Duration.minutes(10) }) : undefined;
  // ECS: BakeTimeInMinutes is 0-1440 (AWS::ECS::Service DeploymentConfiguration, checked 2026-12-01).
  checkDuration(scope, 'deployment.bakeTime', bakeTime, { unit: 'minutes', min: 0, max: 1440, why: '24 hours' });
  if (blueGreen && props.scaling?.requestsPerTarget !== undefined) {
    conflictingProps(scope, 'scaling.requestsPerTarget', 'deployment (blue/green)', 'cannot be combined: ALB counts requests per target '
      + 'on one target group, and production traffic moves to the other group at every blue/green deployment (scale on CPU or memory)');
  }
  const rollbackOnTarget5xx = blueGreen ? options.rollbackOnTarget5xx ?? 10 : 0;
  checkInteger(scope, 'deployment.rollbackOnTarget5xx', rollbackOnTarget5xx, 0, 1000000);

  const given = props.testListenerPort;
  checkInteger(scope, 'testListenerPort', given, ...PORT_RANGE);
  const testListenerPort = given ?? (blueGreen && !props.attachTo ? (listenerPorts.includes(443) ? 8443 : 8080) : undefined);
  if (testListenerPort !== undefined && !Token.isUnresolved(testListenerPort) && listenerPorts.includes(testListenerPort)) {
    invalidProp(scope, 'testListenerPort', testListenerPort, `must differ from the load balancer's production listener ports (${listenerPorts.join(', ')})`);
  }
  if (props.testTrafficPeer && testListenerPort === undefined && !props.attachTo) {
    invalidProp(scope, 'testTrafficPeer', props.testTrafficPeer.uniqueId, 'needs a test listener: a blue/green deployment or testListenerPort');
  }
  if (blueGreen && props.attachTo && !props.attachTo.testListener) {
    conflictingProps(scope, 'deployment (blue/green)', 'attachTo',
      `conflict: the load balancer of ${props.attachTo.node.path} has no test listener for this service's test rule; `
      + 'give that service testListenerPort (or a blue/green deployment of its own)');
  }
  return {
    blueGreen,
    bakeTime,
    rollbackAlarms: options.rollbackAlarms ?? [],
    rollbackOnTarget5xx,
    lifecycleHooks: options.lifecycleHooks ?? [],
    testListenerPort,
  };
}

/** Forwards to the target group, or with blue/green to blue (weight 100) and green (weight 0), which ECS reweighs. */
export function forwardTo(targetGroup: elbv2.IApplicationTargetGroup, alternateTargetGroup?: elbv2.IApplicationTargetGroup): elbv2.ListenerAction {
  return alternateTargetGroup
    ? elbv2.ListenerAction.weightedForward([{ targetGroup, weight: 100 }, { targetGroup: alternateTargetGroup, weight: 0 }])
    : elbv2.ListenerAction.forward([targetGroup]);
}

/**
 * The alarm that rolls a blue/green deployment back: target 5xx of both target groups in a minute. It
 * reads the target groups, not the service, so the service may depend on it without a cycle.
 */
export function target5xxRollbackAlarm(
  scope: Construct, alarmName: string, threshold: number, targetGroups: elbv2.IApplicationTargetGroup[],
): cloudwatch.Alarm {
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  targetGroups.forEach((group, i) => {
    usingMetrics[`tg${i}`] = group.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period: Duration.minutes(1) });
  });
  const alarm = new cloudwatch.Alarm(scope, 'RollbackAlarm', {
    alarmName,
    alarmDescription: `Rolls a blue/green deployment of ${scope.node.path} back: ${threshold} or more target 5xx responses in a minute.`,
    metric: new cloudwatch.MathExpression({
      expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
      usingMetrics,
      period: Duration.minutes(1),
      label: 'Target 5xx (blue + green)',
    }),
    threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  // Its reader is the ECS deployment, which rolls back while it is in ALARM; the service's own
  // target 5xx alarm (AlarmSet) is the one that notifies people.
  acknowledgeNag(alarm, [{
    id: 'NIST.800.53.R5-CloudWatchAlarmAction',
    reason: 'This alarm exists for ECS to read during blue/green deployments (it rolls the deployment back); it notifies nobody by design.',
  }]);
  return alarm;
}
