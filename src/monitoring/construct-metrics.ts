// Metric sources of this library's own constructs, built from their `metric*()` methods
// (internal, not exported).
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmKind } from './alarm-definitions';
import { MetricSource } from './metrics';
import { FargateApiService } from '../api/fargate-api-service';
import { AuroraCluster } from '../database/aurora-cluster';
import { RdsDatabase } from '../database/rds-database';

const { AVERAGE, MAXIMUM, MINIMUM, SUM } = cloudwatch.Stats;

/** The service and load balancer metrics of a FargateApiService. */
export function fargateApiServiceMetrics(api: FargateApiService): MetricSource {
  return {
    where: `ECS service '${api.service.serviceName}' in cluster '${api.cluster.clusterName}' (target group '${api.targetGroup.targetGroupName}')`,
    metrics: {
      [AlarmKind.SERVICE_CPU]: api.metricCpuUtilization({ statistic: AVERAGE, label: 'CPU %' }),
      [AlarmKind.SERVICE_MEMORY]: api.metricMemoryUtilization({ statistic: AVERAGE, label: 'Memory %' }),
      [AlarmKind.SERVICE_RUNNING_TASKS]: api.metricRunningTaskCount({ statistic: MINIMUM, label: 'Running tasks' }),
      [AlarmKind.LOAD_BALANCER_5XX]: api.metricLoadBalancer5xx({ statistic: SUM, label: 'ELB 5xx' }),
      [AlarmKind.TARGET_5XX]: api.metricTarget5xx({ statistic: SUM, label: 'Target 5xx' }),
      [AlarmKind.TARGET_RESPONSE_TIME]: api.metricTargetResponseTime({ statistic: 'p95', label: 'p95 response time (s)' }),
      [AlarmKind.UNHEALTHY_HOSTS]: api.metricUnhealthyHosts({ statistic: MAXIMUM, label: 'Unhealthy targets' }),
    },
  };
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
