import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { buildRds, InstanceOptions } from './rds-database-fixture';
import { BackupCopy, RdsEngine } from '../src';

const PREFIX = "RdsDatabase 'Stack/Database': ";
const type = (c: ec2.InstanceClass, s: ec2.InstanceSize) => ec2.InstanceType.of(c, s);

function refusal(options: InstanceOptions): () => void {
  return () => buildRds(options);
}

describe('RdsDatabase refusals', () => {
  test('db.t2.micro on MySQL 8.0', () => {
    const engine = RdsEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_42 });
    expect(refusal({ engine, instanceType: type(ec2.InstanceClass.T2, ec2.InstanceSize.MICRO) }))
      .toThrow(`${PREFIX}instanceType (instance_type) must be a DB instance class RDS for MySQL offers: db.t3.micro-2xlarge, db.t4g.micro-2xlarge, db.m5.large-24xlarge`);
  });

  test.each([
    ['db.r6g.medium', type(ec2.InstanceClass.R6G, ec2.InstanceSize.MEDIUM)],
    ['db.t4g.nano', type(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO)],
    ['db.c6g.large', type(ec2.InstanceClass.C6G, ec2.InstanceSize.LARGE)],
  ])('a class RDS for PostgreSQL does not offer: %s', (name, instanceType) => {
    expect(refusal({ instanceType })).toThrow(`${PREFIX}instanceType (instance_type) must be a DB instance class RDS for PostgreSQL offers`);
    expect(refusal({ instanceType })).toThrow(`got '${name}'`);
  });

  test('an instance class token is not checked', () => {
    expect(refusal({ instanceType: new ec2.InstanceType(Token.asString({ Ref: 'Class' })) })).not.toThrow();
  });

  test('MySQL 5.7', () => {
    expect(refusal({ engine: RdsEngine.mysql({ version: rds.MysqlEngineVersion.VER_5_7_44 }) }))
      .toThrow(`${PREFIX}engine must be RDS for MySQL 8.0 or 8.4 (5.7 is past its end of standard support); got '5.7.44'`);
  });

  test('PostgreSQL 12', () => {
    expect(refusal({ engine: RdsEngine.postgres({ version: rds.PostgresEngineVersion.VER_12_22 }) }))
      .toThrow(`${PREFIX}engine must be RDS for PostgreSQL 13 or later (earlier majors are past their end of standard support); got '12.22'`);
  });

  test.each([-1, 16, 1.5])('readReplicas %p', (readReplicas) => {
    expect(refusal({ readReplicas })).toThrow(`${PREFIX}readReplicas (read_replicas) must be a whole number between 0 and 15; got ${readReplicas}`);
  });

  test.each([19, 65537, 20.5])('allocatedStorage %p', (allocatedStorage) => {
    expect(refusal({ allocatedStorage, maxAllocatedStorage: 65536 })).toThrow(`${PREFIX}allocatedStorage (allocated_storage) must be a whole number between 20 and 65536; got ${allocatedStorage}`);
  });

  test('maxAllocatedStorage less than 10% above allocatedStorage', () => {
    expect(refusal({ allocatedStorage: 100, maxAllocatedStorage: 105 }))
      .toThrow(`${PREFIX}maxAllocatedStorage (max_allocated_storage) and allocatedStorage (allocated_storage) conflict: storage autoscaling needs a ceiling at least 10% above the allocated storage (at least 110 GiB for 100); got 105`);
  });

  test.each(['sun:18:00', 'sunday:18:00-sunday:18:30', 'sun:25:00-sun:25:30'])('preferredMaintenanceWindow %p malformed', (window) => {
    expect(refusal({ preferredMaintenanceWindow: window }))
      .toThrow(`${PREFIX}preferredMaintenanceWindow (preferred_maintenance_window) must be ddd:hh:mm-ddd:hh:mm in UTC, e.g. 'sun:18:00-sun:18:30'; got '${window}'`);
  });

  test('preferredMaintenanceWindow shorter than 30 minutes', () => {
    expect(refusal({ preferredMaintenanceWindow: 'sun:18:00-sun:18:20' }))
      .toThrow(`${PREFIX}preferredMaintenanceWindow (preferred_maintenance_window) must be at least 30 minutes long; got 'sun:18:00-sun:18:20'`);
  });

  test('maintenance and backup windows overlapping', () => {
    expect(refusal({ preferredMaintenanceWindow: 'sun:18:00-sun:19:00', preferredBackupWindow: '18:30-19:00' }))
      .toThrow(`${PREFIX}preferredMaintenanceWindow (preferred_maintenance_window) and preferredBackupWindow (preferred_backup_window) must not overlap; got 'sun:18:00-sun:19:00' and '18:30-19:00'`);
  });

  test('maintenance and backup windows that do not overlap are accepted', () => {
    expect(refusal({ preferredMaintenanceWindow: 'sun:18:00-sun:19:00', preferredBackupWindow: '19:00-19:30' })).not.toThrow();
  });

  test('Performance Insights on MySQL db.t4g.micro', () => {
    const instanceType = type(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO);
    expect(refusal({ engine: RdsEngine.mysql(), instanceType, monitoring: { performanceInsights: true } }))
      .toThrow(`${PREFIX}monitoring.performanceInsights (monitoring.performance_insights) must be false with MySQL on db.t4g.micro: Performance Insights does not run on db.t2, db.t3, db.t4g.micro or db.t4g.small; got true`);
  });

  test('advanced Database Insights on MySQL db.t3.small', () => {
    expect(refusal({
      engine: RdsEngine.mysql(),
      instanceType: type(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED },
    })).toThrow(`${PREFIX}monitoring.databaseInsightsMode (monitoring.database_insights_mode) and instanceType (instance_type) cannot be combined`);
  });

  test('the shared rules: port, names, retention, backup window, monitoring interval, rotation, backup copy', () => {
    expect(refusal({ port: 80 })).toThrow(`${PREFIX}port must be a whole number between 1150 and 65535; got 80`);
    expect(refusal({ databaseName: '1app' })).toThrow(`${PREFIX}databaseName (database_name) must start with a letter`);
    expect(refusal({ engine: RdsEngine.mysql(), masterUsername: 'a_very_long_user_name' }))
      .toThrow(`${PREFIX}masterUsername (master_username) must start with a letter and hold only letters, digits and underscores, at most 16 characters`);
    expect(refusal({ backupRetention: Duration.days(36) })).toThrow(`${PREFIX}backupRetention (backup_retention) must be a whole number of days, between 1 and 35; got '36 days'`);
    expect(refusal({ preferredBackupWindow: '17:00-17:10' })).toThrow(`${PREFIX}preferredBackupWindow (preferred_backup_window) must be at least 30 minutes long; got '17:00-17:10'`);
    expect(refusal({ monitoring: { enhancedMonitoringInterval: Duration.seconds(20) } }))
      .toThrow(`${PREFIX}monitoring.enhancedMonitoringInterval (monitoring.enhanced_monitoring_interval) must be one of 1, 5, 10, 15, 30, 60 seconds`);
    expect(refusal({ rotation: { schedule: Duration.hours(1) } })).toThrow(`${PREFIX}rotation.schedule must be a whole number of hours, between 4 and 24000 (4 hours to 1000 days)`);
    expect(refusal({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-1', 'dr') } })).toThrow(`${PREFIX}backupPlan.copy (backup_plan.copy) region must be a region other than the stack's own`);
  });
});
