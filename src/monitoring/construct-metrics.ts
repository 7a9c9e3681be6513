// Metric sources of this library's own constructs, built from their `metric*()` methods
// (internal, not exported).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmKind } from './alarm-definitions';
import { MetricSource } from './metrics';
import { FargateApiService } from '../api/fargate-api-service';
import { AuroraCluster } from '../database/aurora-cluster';

const { AVERAGE, MAXIMUM, MINIMUM, SUM } = cloudwatch.Stats;

/** The service and load balancer metrics of a FargateApiService. */
export function fargateApiServiceMetrics(api: FargateApiService): MetricSource {
  return {
    where: `ECS service '${api.service.serviceName}' in cluster '${api.cluster.clusterName}' (target group '${api.targetGroup.targetGroupName}')`,
    metrics: {
      [AlarmKind.SERVICE_CPU]: api.metricCpuUtilization({ statistic: AVERAGE, label: 'CPU %' }),
      [AlarmKind.SERVICE_MEMORY]: api.metricMemoryUtilization({ statistic: AVERAGE, label: 'Memory %' }),
      [AlarmKind.SERVICE_RUNNING_TASKS]: api.scalesToZero ? runningTasksWhileWanted(api) : api.metricRunningTaskCount({ statistic: MINIMUM, label: 'Running tasks' }),
      [AlarmKind.LOAD_BALANCER_5XX]: api.metricLoadBalancer5xx({ statistic: SUM, label: 'ELB 5xx' }),
      [AlarmKind.TARGET_5XX]: api.metricTarget5xx({ statistic: SUM, label: 'Target 5xx' }),
      [AlarmKind.TARGET_RESPONSE_TIME]: api.metricTargetResponseTime({ statistic: 'p95', label: 'p95 response time (s)' }),
      [AlarmKind.UNHEALTHY_HOSTS]: api.metricUnhealthyHosts({ statistic: MAXIMUM, label: 'Unhealthy targets' }),
    },
    // No task is not an outage for a service that scales to zero: no data (no task) does not breach either.
    defaults: api.scalesToZero ? [{ alarm: AlarmKind.SERVICE_RUNNING_TASKS, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING }] : [],
  };
}

/**
 * Running tasks while the service wants at least one, else 1: the running-tasks alarm (< 1) of a
 * service that scales to zero pages when it is down during its hours, not when it is stopped by design.
 */
function runningTasksWhileWanted(api: FargateApiService): cloudwatch.MathExpression {
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

/** The metrics of an AuroraCluster; ACU utilization only when it is serverless. */
export function auroraClusterMetrics(db: AuroraCluster): MetricSource {
  return {
    where: `Aurora cluster '${db.cluster.clusterIdentifier}'`,
    metrics: {
      [AlarmKind.DATABASE_CPU]: db.metricCpuUtilization({ statistic: AVERAGE, label: 'CPU %' }),
      [AlarmKind.DATABASE_FREEABLE_MEMORY]: db.metricFreeableMemory({ statistic: MINIMUM, label: 'Freeable memory (bytes)' }),
      [AlarmKind.DATABASE_CONNECTIONS]: db.metricDatabaseConnections({ statistic: MAXIMUM, label: 'Connections' }),
      ...(db.isServerless ? { [AlarmKind.DATABASE_ACU_UTILIZATION]: db.metricAcuUtilization({ statistic: AVERAGE, label: 'ACU %' }) } : {}),
      [AlarmKind.DATABASE_REPLICA_LAG]: db.metricReplicaLag({ statistic: MAXIMUM, label: 'Replica lag (ms)' }),
    },
  };
}
