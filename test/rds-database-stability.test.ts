import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { buildRds, InstanceOptions } from './rds-database-fixture';
import { REPLACING } from './replacing-properties';
import { EnvironmentProfile, RdsEngine } from '../src';

/** The logical id and replacement-relevant properties of every stateful resource of the database (rotation excluded). */
function identity(template: Template): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [type, keys] of Object.entries(REPLACING)) {
    for (const [logicalId, resource] of Object.entries(template.findResources(type))) {
      if (!/^(Stack)?Database/.test(logicalId) || /RotationSchedule/.test(logicalId)) continue;
      const props = (resource as any).Properties ?? {};
      result[logicalId] = Object.fromEntries(keys.filter((k) => k in props).map((k) => [k, props[k]]));
    }
  }
  return result;
}

describe.each([
  ['PostgreSQL', RdsEngine.postgres()],
  ['MySQL', RdsEngine.mysql()],
])('RdsDatabase (%s) replacement safety', (_, engine) => {
  const baseOptions: InstanceOptions = { engine, readReplicas: 1 };
  const base = identity(buildRds(baseOptions).template);

  test('the baseline holds the instance, its replica, key, secret, subnet groups, security group, parameter group and log groups', () => {
    const ids = Object.keys(base);
    const prefixes = ['DatabaseInstanceAA8A5FDE', 'DatabaseReadReplica1FBA61E5E', 'DatabaseKey', 'StackDatabaseInstanceSecret', 'DatabaseInstanceSubnetGroup',
      'DatabaseReadReplica1SubnetGroup', 'DatabaseSecurityGroup', 'DatabaseParameterGroup'];
    expect(prefixes.filter((prefix) => !ids.some((id) => id.startsWith(prefix)))).toEqual([]);
    expect(ids.filter((id) => id.includes('LogGroup')).length).toBe(engine.family === 'aurora-mysql' ? 6 : 4);
    expect(base.DatabaseInstanceAA8A5FDE).toMatchObject({ DBInstanceIdentifier: expect.stringMatching(/^stack-database-/), StorageEncrypted: true });
  });

  test.each<[string, InstanceOptions]>([
    ['instanceType', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.XLARGE) }],
    ['allocatedStorage and maxAllocatedStorage', { allocatedStorage: 100, maxAllocatedStorage: 500 }],
    ['readReplicas: 1 -> 3', { readReplicas: 3 }],
    ['backupRetention', { backupRetention: Duration.days(30) }],
    ['logRetention', { logRetention: logs.RetentionDays.ONE_YEAR }],
    ['preferredBackupWindow and preferredMaintenanceWindow', { preferredBackupWindow: '17:00-17:30', preferredMaintenanceWindow: 'sun:18:00-sun:18:30' }],
    ['multiAz', { multiAz: true }],
    ['monitoring', { monitoring: { enhancedMonitoringInterval: Duration.seconds(30), performanceInsights: false } }],
    ['deletionProtection', { deletionProtection: false }],
    ['rotation', { rotation: { schedule: Duration.days(30) } }],
    ['profile: prod', { profile: EnvironmentProfile.prod() }],
  ])('changing %s replaces no DBInstance, key, secret or log group', (__, change) => {
    const changed = identity(buildRds({ ...baseOptions, ...change }).template);
    for (const [logicalId, props] of Object.entries(base)) {
      expect({ logicalId, props: changed[logicalId] }).toEqual({ logicalId, props });
    }
  });
});
