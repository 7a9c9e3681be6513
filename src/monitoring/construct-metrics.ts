// Metric sources of this library's own constructs, built from their `metric*()` methods
// (internal, not exported).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { AlarmKind } from './alarm-definitions';
import { MetricSource } from './metrics';
import { ApiServiceBase } from '../api/api-service-base';
import { Ec2ApiService } from '../api/ec2-api-service';
import { AuroraCluster } from '../database/aurora-cluster';
import { RdsDatabase } from '../database/rds-database';
import { AmplifyNextjsApp } from '../frontend/amplify-nextjs-app';

const { AVERAGE, MAXIMUM, MINIMUM, SUM } = cloudwatch.Stats;

/** The service and load balancer metrics of an API service, and the instance group's of an Ec2ApiService. */
export function apiServiceMetrics(api: ApiServiceBase): MetricSource {
  const group = api instanceof Ec2ApiService ? ` on Auto Scaling group '${api.autoScalingGroup.autoScalingGroupName}'` : '';
  const green = api.alternateTargetGroup ? ` and green target group '${api.alternateTargetGroup.targetGroupName}'` : '';
  return {
    where: `ECS service '${api.service.serviceName}' in cluster '${api.cluster.clusterName}' (target group '${api.targetGroup.targetGroupName}'${green})${group}`,
    metrics: {
      [AlarmKind.SERVICE_CPU]: api.metricCpuUtilization({ statistic: AVERAGE, label: 'CPU %' }),
      [AlarmKind.SERVICE_MEMORY]: api.metricMemoryUtilization({ statistic: AVERAGE, label: 'Memory %' }),
      [AlarmKind.SERVICE_RUNNING_TASKS]: api.scalesToZero ? runningTasksWhileWanted(api) : api.metricRunningTaskCount({ statistic: MINIMUM, label: 'Running tasks' }),
      [AlarmKind.LOAD_BALANCER_5XX]: api.metricLoadBalancer5xx({ statistic: SUM, label: 'ELB 5xx' }),
      [AlarmKind.TARGET_5XX]: bothTargetGroups(api, 'FILL(blue, 0) + FILL(green, 0)', 'Target 5xx',
        (tg) => tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: SUM }),
        () => api.metricTarget5xx({ statistic: SUM, label: 'Target 5xx' })),
      [AlarmKind.TARGET_RESPONSE_TIME]: bothTargetGroups(api, 'MAX([blue, green])', 'p95 response time (s)',
        (tg) => tg.metrics.targetResponseTime({ statistic: 'p95' }),
        () => api.metricTargetResponseTime({ statistic: 'p95', label: 'p95 response time (s)' })),
      [AlarmKind.UNHEALTHY_HOSTS]: bothTargetGroups(api, 'FILL(blue, 0) + FILL(green, 0)', 'Unhealthy targets',
        (tg) => tg.metrics.unhealthyHostCount({ statistic: MAXIMUM }),
        () => api.metricUnhealthyHosts({ statistic: MAXIMUM, label: 'Unhealthy targets' })),
      ...(api instanceof Ec2ApiService ? {
        [AlarmKind.CAPACITY_PROVIDER_RESERVATION]: api.metricCapacityProviderReservation({ statistic: MAXIMUM, label: 'Capacity reservation %' }),
        [AlarmKind.INSTANCE_STATUS_CHECK_FAILED]: api.metricInstanceStatusCheckFailed({ statistic: MAXIMUM, label: 'Failed status checks' }),
      } : {}),
    },
    // No task is not an outage for a service that scales to zero: no data (no task) does not breach either.
    defaults: api.scalesToZero ? [{ alarm: AlarmKind.SERVICE_RUNNING_TASKS, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }] : [],
  };
}

/**
 * A target group metric of the service; with blue/green, of both groups in one expression, since
 * production traffic moves to the green group at each deployment and the alarm must follow it.
 */
function bothTargetGroups(
  api: ApiServiceBase, expression: string, label: string,
  metricOf: (targetGroup: elbv2.IApplicationTargetGroup) => cloudwatch.IMetric, single: () => cloudwatch.IMetric,
): cloudwatch.IMetric {
  const green = api.alternateTargetGroup;
  if (!green) return single();
  return new cloudwatch.MathExpression({
    expression,
    usingMetrics: { blue: metricOf(api.targetGroup), green: metricOf(green) },
    label: `${label}, blue and green`,
    period: Duration.minutes(5),
  });
}

/**
 * Running tasks while the service wants at least one, else 1: the running-tasks alarm (< 1) of a
 * service that scales to zero pages when it is down during its hours, not when it is stopped by design.
 */
function runningTasksWhileWanted(api: ApiServiceBase): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: 'IF(desired >= 1, running, 1)',
    usingMetrics: {
      running: api.metricRunningTaskCount({ statistic: MINIMUM }),
      desired: api.metricDesiredTaskCount({ statistic: MAXIMUM }),
    },
    label: 'Running tasks while wanted',
    period: Duration.minutes(1),
  });
}

/** The metrics of an AuroraCluster; ACU utilization only when it is serverless, replica lag only when it has readers. */
export function auroraClusterMetrics(db: AuroraCluster): MetricSource {
  return {
    where: `Aurora cluster '${db.cluster.clusterIdentifier}'`,
    metrics: {
      [AlarmKind.DATABASE_CPU]: db.metricCpuUtilization({ statistic: AVERAGE, label: 'CPU %' }),
      [AlarmKind.DATABASE_FREEABLE_MEMORY]: db.metricFreeableMemory({ statistic: MINIMUM, label: 'Freeable memory (bytes)' }),
      [AlarmKind.DATABASE_CONNECTIONS]: db.metricDatabaseConnections({ statistic: MAXIMUM, label: 'Connections' }),
      ...(db.isServerless ? { [AlarmKind.DATABASE_ACU_UTILIZATION]: db.metricAcuUtilization({ statistic: AVERAGE, label: 'ACU %' }) } : {}),
      // A cluster without readers publishes no AuroraReplicaLagMaximum: the alarm would sit in INSUFFICIENT_DATA.
      ...(db.readerCount > 0 ? { [AlarmKind.DATABASE_REPLICA_LAG]: db.metricReplicaLag({ statistic: MAXIMUM, label: 'Replica lag (ms)' }) } : {}),
    },
  };
}

/** The 5xx errors and time to first byte of an Amplify Hosting app. */
export function amplifyAppMetrics(app: AmplifyNextjsApp): MetricSource {
  return {
    where: `Amplify app '${app.appId}'`,
    metrics: {
      [AlarmKind.AMPLIFY_5XX]: app.metric5xxErrors({ statistic: SUM, label: 'Amplify 5xx' }),
      [AlarmKind.AMPLIFY_LATENCY]: app.metricLatency({ statistic: 'p95', label: 'p95 time to first byte (ms)' }),
    },
  };
}

/** The metrics of an RdsDatabase's primary; replica lag only where it has read replicas. */
export function rdsDatabaseMetrics(db: RdsDatabase): MetricSource {
  return {
    where: `RDS instance '${db.instanceIdentifier}'${db.readReplicas.length > 0 ? ` and its ${db.readReplicas.length} read replica(s)` : ''}`,
    metrics: {
      [AlarmKind.DATABASE_CPU]: db.metricCpuUtilization({ statistic: AVERAGE, label: 'CPU %' }),
      [AlarmKind.DATABASE_FREEABLE_MEMORY]: db.metricFreeableMemory({ statistic: MINIMUM, label: 'Freeable memory (bytes)' }),
      [AlarmKind.DATABASE_FREE_STORAGE]: db.metricFreeStorageSpace({ statistic: MINIMUM, label: 'Free storage (bytes)' }),
      [AlarmKind.DATABASE_CONNECTIONS]: db.metricDatabaseConnections({ statistic: MAXIMUM, label: 'Connections' }),
      [AlarmKind.DATABASE_READ_LATENCY]: db.metricReadLatency({ statistic: AVERAGE, label: 'Read latency (s)' }),
      [AlarmKind.DATABASE_WRITE_LATENCY]: db.metricWriteLatency({ statistic: AVERAGE, label: 'Write latency (s)' }),
      ...(db.readReplicas.length > 0 ? { [AlarmKind.DATABASE_REPLICA_LAG]: db.metricReplicaLag() } : {}),
    },
  };
}
