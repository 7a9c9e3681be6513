import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { build, ClusterOptions, R6G_LARGE } from './aurora-cluster-fixture';
import { REPLACING } from './replacing-properties';
import { DatabaseCapacity, EnvironmentProfile } from '../src';

/** The logical id and replacement-relevant properties of every stateful resource of the cluster (readers excluded). */
function identity(template: Template): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [type, keys] of Object.entries(REPLACING)) {
    for (const [logicalId, resource] of Object.entries(template.findResources(type))) {
      if (!/^(Stack)?Database/.test(logicalId) || /Reader\d/.test(logicalId) || /RotationSchedule/.test(logicalId)) continue;
      const props = (resource as any).Properties ?? {};
      result[logicalId] = Object.fromEntries(keys.filter((k) => k in props).map((k) => [k, props[k]]));
    }
  }
  return result;
}

describe('AuroraCluster replacement safety', () => {
  const base = identity(build().template);

  test('the baseline holds the cluster, writer, key, secret, subnet group, security group, parameter group and log group', () => {
    const ids = Object.keys(base);
    const prefixes = ['DatabaseCluster5B53A178', 'DatabaseClusterWriter', 'DatabaseKey', 'StackDatabaseClusterSecret', 'DatabaseClusterSubnets',
      'DatabaseSecurityGroup', 'DatabaseClusterParameterGroup', 'DatabasePostgresqlLogGroup'];
    expect(prefixes.filter((prefix) => !ids.some((id) => id.startsWith(prefix)))).toEqual([]);
    expect(ids).toHaveLength(prefixes.length);
    expect(base.DatabaseCluster5B53A178).toMatchObject({ StorageEncrypted: true, Engine: 'aurora-postgresql', MasterUsername: 'postgres' });
  });

  test.each<[string, ClusterOptions]>([
    ['capacity: serverless to provisioned', { capacity: DatabaseCapacity.provisioned({ instanceType: R6G_LARGE }) }],
    ['capacity: scale to zero with auto-pause', { capacity: DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2, autoPauseAfter: Duration.hours(1) }) }],
    ['reader count 0 to 2', { readers: 2 }],
    ['backup retention 7 to 30 days', { backupRetention: Duration.days(30) }],
    ['monitoring: Performance Insights off', { monitoring: { performanceInsights: false } }],
    ['monitoring: enhanced monitoring and advanced Database Insights', {
      monitoring: { enhancedMonitoringInterval: Duration.seconds(15), databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED },
    }],
    ['the prod profile', { profile: EnvironmentProfile.prod() }],
    ['password rotation on', { rotation: {} }],
    ['exported logs encrypted with a KMS key', { logEncryptionKey: kms.Key.fromKeyArn(new Stack(), 'K', 'arn:aws:kms:ap-northeast-1:111111111111:key/abc') }],
    ['all of them at once', {
      capacity: DatabaseCapacity.provisioned({ instanceType: R6G_LARGE }),
      readers: 3,
      backupRetention: Duration.days(35),
      monitoring: { performanceInsights: true, enhancedMonitoringInterval: Duration.seconds(60) },
    }],
  ])('%s keeps every logical id and replacing property', (_name, options) => {
    expect(identity(build(options).template)).toEqual(base);
  });

  test('the check would catch a replacement (a different database name)', () => {
    expect(identity(build({ databaseName: 'other' }).template)).not.toEqual(base);
  });
});
