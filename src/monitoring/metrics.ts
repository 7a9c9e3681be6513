// Metric factories for plain aws-cdk-lib resources, kept apart from alarm creation: each returns
// the metric behind every alarm kind that applies to the resource (internal, not exported).
import { Duration, Fn } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { AlarmKind, AlarmOverride } from './alarm-definitions';

/** The metric behind each alarm kind that applies to one resource. */
export type MetricMap = Partial<Record<AlarmKind, cloudwatch.IMetric>>;

/** A monitored resource: where it is, for alarm descriptions and the dashboard, and its metrics. */
export interface MetricSource {
  /** Names the resource for an on-call engineer, e.g. `ECS service 'api' in cluster 'prod'`. */
  readonly where: string;
  readonly metrics: MetricMap;
  /** How this resource's alarms differ from the table by default (the set's and the call's overrides still win). */
  readonly defaults?: AlarmOverride[];
}

/** The kinds of alarm per kind of resource, in dashboard order. */
export const SERVICE_ALARMS = [AlarmKind.SERVICE_CPU, AlarmKind.SERVICE_MEMORY, AlarmKind.SERVICE_RUNNING_TASKS];
export const LOAD_BALANCER_ALARMS = [AlarmKind.LOAD_BALANCER_5XX, AlarmKind.TARGET_5XX, AlarmKind.TARGET_RESPONSE_TIME, AlarmKind.UNHEALTHY_HOSTS];
export const INSTANCE_ALARMS = [AlarmKind.CAPACITY_PROVIDER_RESERVATION, AlarmKind.INSTANCE_STATUS_CHECK_FAILED];
export const DATABASE_ALARMS = [
  AlarmKind.DATABASE_CPU, AlarmKind.DATABASE_FREEABLE_MEMORY, AlarmKind.DATABASE_CONNECTIONS,
  AlarmKind.DATABASE_ACU_UTILIZATION, AlarmKind.DATABASE_REPLICA_LAG,
];
export const INSTANCE_DATABASE_ALARMS = [
  AlarmKind.DATABASE_CPU, AlarmKind.DATABASE_FREEABLE_MEMORY, AlarmKind.DATABASE_FREE_STORAGE, AlarmKind.DATABASE_CONNECTIONS,
  AlarmKind.DATABASE_READ_LATENCY, AlarmKind.DATABASE_WRITE_LATENCY, AlarmKind.DATABASE_REPLICA_LAG,
];
export const DISTRIBUTION_ALARMS = [AlarmKind.DISTRIBUTION_5XX_ERROR_RATE];
export const AMPLIFY_ALARMS = [AlarmKind.AMPLIFY_5XX, AlarmKind.AMPLIFY_LATENCY];

const MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/** CPU, memory (AWS/ECS) and running tasks (ECS/ContainerInsights) of an ECS service. */
export function serviceMetrics(service: ecs.IBaseService): MetricSource {
  const dimensionsMap = { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName };
  const ecsMetric = (metricName: string, label: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/ECS', metricName, dimensionsMap, statistic: 'Average', period: MINUTE, label });
  return {
    where: `ECS service '${service.serviceName}' in cluster '${service.cluster.clusterName}'`,
    metrics: {
      [AlarmKind.SERVICE_CPU]: ecsMetric('CPUUtilization', 'CPU %'),
      [AlarmKind.SERVICE_MEMORY]: ecsMetric('MemoryUtilization', 'Memory %'),
      [AlarmKind.SERVICE_RUNNING_TASKS]: new cloudwatch.Metric({
        namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensionsMap, statistic: 'Average', period: MINUTE, label: 'Running tasks',
      }),
    },
  };
}

/** Load balancer 5xx, target 5xx, p95 response time and unhealthy hosts of an ALB and its target group. */
export function loadBalancerMetrics(loadBalancer: elbv2.IApplicationLoadBalancer, targetGroup: elbv2.IApplicationTargetGroup): MetricSource {
  return {
    // An ALB ARN ends in loadbalancer/app/<name>/<id>: the name is what the console lists.
    where: `target group '${targetGroup.targetGroupName}' of load balancer '${Fn.select(2, Fn.split('/', loadBalancer.loadBalancerArn))}'`,
    metrics: {
      [AlarmKind.LOAD_BALANCER_5XX]: loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum', period: FIVE_MINUTES, label: 'ELB 5xx' }),
      [AlarmKind.TARGET_5XX]: targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period: FIVE_MINUTES, label: 'Target 5xx' }),
      [AlarmKind.TARGET_RESPONSE_TIME]: targetGroup.metrics.targetResponseTime({ statistic: 'p95', period: FIVE_MINUTES, label: 'p95 response time (s)' }),
      [AlarmKind.UNHEALTHY_HOSTS]: targetGroup.metrics.unhealthyHostCount({ statistic: 'Maximum', period: MINUTE, label: 'Unhealthy targets' }),
    },
  };
}

/** CPU, freeable memory, connections, replica lag (unless it has no readers) and (serverless only) ACU utilization of an Aurora cluster. */
export function databaseMetrics(cluster: rds.IDatabaseCluster, serverless: boolean): MetricSource {
  const dimensionsMap = { DBClusterIdentifier: cluster.clusterIdentifier };
  const rdsMetric = (metricName: string, statistic: string, label: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/RDS', metricName, dimensionsMap, statistic, period: FIVE_MINUTES, label });
  return {
    where: `Aurora cluster '${cluster.clusterIdentifier}'`,
    metrics: {
      [AlarmKind.DATABASE_CPU]: rdsMetric('CPUUtilization', 'Average', 'CPU %'),
      [AlarmKind.DATABASE_FREEABLE_MEMORY]: rdsMetric('FreeableMemory', 'Minimum', 'Freeable memory (bytes)'),
      [AlarmKind.DATABASE_CONNECTIONS]: rdsMetric('DatabaseConnections', 'Maximum', 'Connections'),
      ...(serverless ? { [AlarmKind.DATABASE_ACU_UTILIZATION]: rdsMetric('ACUUtilization', 'Average', 'ACU %') } : {}),
      ...(hasReaders(cluster) ? { [AlarmKind.DATABASE_REPLICA_LAG]: rdsMetric('AuroraReplicaLagMaximum', 'Maximum', 'Replica lag (ms)') } : {}),
    },
  };
}

/**
 * Whether a cluster may have readers: a cluster defined in this app has them when it has more than its
 * writer instance; an imported cluster's instances are unknown, so it may.
 */
function hasReaders(cluster: rds.IDatabaseCluster): boolean {
  return !(cluster instanceof rds.DatabaseCluster) || cluster.instanceIdentifiers.length > 1;
}

/** Whether a cluster was defined in this app with Serverless v2 scaling (false for imported clusters). */
export function isServerlessCluster(cluster: rds.IDatabaseCluster): boolean {
  const child = cluster.node.defaultChild;
  return child instanceof rds.CfnDBCluster && child.serverlessV2ScalingConfiguration !== undefined;
}

/** The 5xx error rate of a CloudFront distribution, which CloudFront publishes only in us-east-1. */
export function distributionMetrics(distribution: cloudfront.IDistribution): MetricSource {
  return {
    where: `CloudFront distribution '${distribution.distributionId}'`,
    metrics: {
      [AlarmKind.DISTRIBUTION_5XX_ERROR_RATE]: new cloudwatch.Metric({
        namespace: 'AWS/CloudFront',
        metricName: '5xxErrorRate',
        dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' },
        statistic: 'Average',
        period: FIVE_MINUTES,
        region: 'us-east-1',
        label: '5xx error rate %',
      }),
    },
  };
}
