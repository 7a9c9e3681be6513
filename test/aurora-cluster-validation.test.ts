import { Duration, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { build, ClusterOptions, R6G_LARGE } from './aurora-cluster-fixture';
import { BackupCopy, DatabaseCapacity, DatabaseEngine } from '../src';

const PREFIX = "AuroraCluster 'Stack/Database': ";
const T3_MEDIUM = ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM);

function refusal(options: ClusterOptions, env?: { account?: string; region?: string }): () => void {
  return () => build(options, env);
}

describe('AuroraCluster refusals', () => {
  test.each([-0.5, 256.5, 300])('minAcu %p outside 0-256', (minAcu) => {
    expect(refusal({ capacity: DatabaseCapacity.serverless({ minAcu, maxAcu: 2 }) }))
      .toThrow(`${PREFIX}capacity.minAcu (capacity.min_acu) must be between 0 and 256 in steps of 0.5; got ${minAcu}`);
  });

  test('minAcu not a multiple of 0.5', () => {
    expect(refusal({ capacity: DatabaseCapacity.serverless({ minAcu: 0.3, maxAcu: 2 }) }))
      .toThrow(`${PREFIX}capacity.minAcu (capacity.min_acu) must be between 0 and 256 in steps of 0.5; got 0.3`);
  });

  test.each([0.5, 257, 2.25])('maxAcu %p outside 1-256 or not a multiple of 0.5', (maxAcu) => {
    expect(refusal({ capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu }) }))
      .toThrow(`${PREFIX}capacity.maxAcu (capacity.max_acu) must be between 1 and 256 in steps of 0.5; got ${maxAcu}`);
  });

  test('min > max', () => {
    expect(refusal({ capacity: DatabaseCapacity.serverless({ minAcu: 4, maxAcu: 2 }) }))
      .toThrow(`${PREFIX}capacity.minAcu (capacity.min_acu) must not exceed capacity.maxAcu (2); got 4`);
  });

  test('autoPauseAfter without minAcu 0', () => {
    expect(refusal({ capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 2, autoPauseAfter: Duration.minutes(10) }) }))
      .toThrow(`${PREFIX}capacity.autoPauseAfter (capacity.auto_pause_after) and capacity.minAcu (capacity.min_acu) cannot be combined unless minAcu is 0 (only instances at 0 ACU pause); minAcu is 0.5`);
  });

  test('autoPauseAfter outside 5 minutes to 24 hours', () => {
    expect(refusal({ capacity: DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2, autoPauseAfter: Duration.minutes(1) }) }))
      .toThrow(`${PREFIX}capacity.autoPauseAfter (capacity.auto_pause_after) must be a whole number of seconds, between 300 and 86400 (5 minutes to 24 hours); got '1 minute'`);
  });

  test('min 0 ACU on a PostgreSQL version without auto-pause', () => {
    const engine = DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_2 });
    expect(refusal({ engine, capacity: DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2 }) }))
      .toThrow(`${PREFIX}capacity.minAcu (capacity.min_acu) must be at least 0.5 with engine version 16.2: 0 ACU (auto-pause) needs PostgreSQL 13.15, 14.12, 15.7, 16.3 or later, or MySQL 3.08.0 or later; got 0`);
  });

  test('min 0 ACU on a MySQL version without auto-pause', () => {
    const engine = DatabaseEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 });
    expect(refusal({ engine, capacity: DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2 }) }))
      .toThrow(`${PREFIX}capacity.minAcu (capacity.min_acu) must be at least 0.5 with engine version 8.0.mysql_aurora.3.07.1: 0 ACU (auto-pause) needs PostgreSQL 13.15, 14.12, 15.7, 16.3 or later, or MySQL 3.08.0 or later; got 0`);
  });

  test('serverless capacity on a version without Serverless v2', () => {
    const engine = DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_12_9 });
    expect(refusal({ engine }))
      .toThrow(`${PREFIX}engine must support Aurora Serverless v2 for serverless capacity (PostgreSQL 13.6, 14.3, 15.2, 16 or later; MySQL 3.02.0 or later); got '12.9'`);
  });

  test('an Aurora MySQL version before 3', () => {
    const engine = DatabaseEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_2_11_2 });
    expect(refusal({ engine, capacity: DatabaseCapacity.provisioned({ instanceType: R6G_LARGE }) }))
      .toThrow(`${PREFIX}engine must be Aurora MySQL 3 or later (Aurora MySQL 1 and 2 are past their end of standard support); got '5.7.mysql_aurora.2.11.2'`);
  });

  test.each(['my-app', '1app'])('databaseName %p', (databaseName) => {
    expect(refusal({ databaseName }))
      .toThrow(`${PREFIX}databaseName (database_name) must start with a letter and hold only letters, digits and underscores, at most 63 characters; got '${databaseName}'`);
  });

  test('a MySQL masterUsername over 16 characters', () => {
    expect(refusal({ engine: DatabaseEngine.auroraMysql(), masterUsername: 'application_owner' }))
      .toThrow(`${PREFIX}masterUsername (master_username) must start with a letter and hold only letters, digits and underscores, at most 16 characters; got 'application_owner'`);
  });

  test('the same masterUsername is accepted by PostgreSQL (up to 63 characters)', () => {
    expect(refusal({ masterUsername: 'application_owner' })).not.toThrow();
  });

  test.each([-1, 1.5, 16])('readers %p', (readers) => {
    expect(refusal({ readers })).toThrow(`${PREFIX}readers must be a whole number between 0 and 15; got ${readers}`);
  });

  test.each([0, 36])('backupRetention of %p days', (days) => {
    expect(refusal({ backupRetention: Duration.days(days) }))
      .toThrow(`${PREFIX}backupRetention (backup_retention) must be a whole number of days, between 1 and 35; got '${days} days'`);
  });

  test('backupRetention in hours', () => {
    expect(refusal({ backupRetention: Duration.hours(36) }))
      .toThrow(`${PREFIX}backupRetention (backup_retention) must be a whole number of days, between 1 and 35; got '1 day 12 hours'`);
  });

  test.each([80, 1149, 65536])('port %p', (port) => {
    expect(refusal({ port })).toThrow(`${PREFIX}port must be a whole number between 1150 and 65535; got ${port}`);
  });

  test('preferredBackupWindow that is not hh:mm-hh:mm', () => {
    expect(refusal({ preferredBackupWindow: 'noon' }))
      .toThrow(`${PREFIX}preferredBackupWindow (preferred_backup_window) must be hh:mm-hh:mm in UTC, e.g. '17:00-17:30'; got 'noon'`);
  });

  test('preferredBackupWindow shorter than 30 minutes', () => {
    expect(refusal({ preferredBackupWindow: '23:50-00:10' }))
      .toThrow(`${PREFIX}preferredBackupWindow (preferred_backup_window) must be at least 30 minutes long; got '23:50-00:10'`);
  });

  test('a 30-minute preferredBackupWindow across midnight is accepted', () => {
    expect(refusal({ preferredBackupWindow: '23:45-00:15' })).not.toThrow();
  });

  test('Performance Insights on Aurora MySQL db.t3.medium', () => {
    const capacity = DatabaseCapacity.provisioned({ instanceType: T3_MEDIUM });
    expect(refusal({ engine: DatabaseEngine.auroraMysql(), capacity, monitoring: { performanceInsights: true } }))
      .toThrow(`${PREFIX}monitoring.performanceInsights (monitoring.performance_insights) must be false with Aurora MySQL on db.t3.medium: Performance Insights does not run on db.t2, db.t3, db.t4g.micro or db.t4g.small; got true`);
  });

  test('advanced Database Insights on Aurora MySQL db.t3.medium', () => {
    const capacity = DatabaseCapacity.provisioned({ instanceType: T3_MEDIUM });
    expect(refusal({ engine: DatabaseEngine.auroraMysql(), capacity, monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } }))
      .toThrow(`${PREFIX}monitoring.databaseInsightsMode (monitoring.database_insights_mode) and capacity cannot be combined: advanced Database Insights does not run on Aurora MySQL on db.t3.medium (db.t2, db.t3, db.t4g.micro and db.t4g.small are unsupported)`);
  });

  test('enhanced monitoring interval AWS does not offer', () => {
    expect(refusal({ monitoring: { enhancedMonitoringInterval: Duration.seconds(20) } }))
      .toThrow(`${PREFIX}monitoring.enhancedMonitoringInterval (monitoring.enhanced_monitoring_interval) must be one of 1, 5, 10, 15, 30, 60 seconds; got '20 seconds'`);
  });

  test('advanced Database Insights without Performance Insights', () => {
    expect(refusal({ monitoring: { performanceInsights: false, databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } }))
      .toThrow(`${PREFIX}monitoring.databaseInsightsMode (monitoring.database_insights_mode) and monitoring.performanceInsights (monitoring.performance_insights) cannot be combined: advanced Database Insights is built on Performance Insights, which is turned off`);
  });

  test('rotation schedule outside 4 hours to 1000 days', () => {
    expect(refusal({ rotation: { schedule: Duration.hours(1) } }))
      .toThrow(`${PREFIX}rotation.schedule must be a whole number of hours, between 4 and 24000 (4 hours to 1000 days); got '1 hour'`);
  });

  test('a cross-region copy to the stack\'s own region', () => {
    expect(refusal({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-1', 'dr') } }))
      .toThrow(`${PREFIX}backupPlan.copy (backup_plan.copy) region must be a region other than the stack's own (ap-northeast-1): a copy in the same region does not survive a regional outage; got 'ap-northeast-1'`);
  });

  test('a copy to a vault ARN in the stack\'s own region', () => {
    const copy = BackupCopy.toVaultArn('arn:aws:backup:ap-northeast-1:222222222222:backup-vault:dr');
    expect(refusal({ backupPlan: { copy } }))
      .toThrow(`${PREFIX}backupPlan.copy (backup_plan.copy) region must be a region other than the stack's own (ap-northeast-1): a copy in the same region does not survive a regional outage; got 'ap-northeast-1'`);
  });

  test('a copy to something that is not a region', () => {
    expect(refusal({ backupPlan: { copy: BackupCopy.toRegion('Osaka', 'dr') } }))
      .toThrow(`${PREFIX}backupPlan.copy (backup_plan.copy) region must be an AWS region such as 'ap-northeast-1' or 'us-east-1'; got 'Osaka'`);
  });

  test('backtrack on PostgreSQL', () => {
    expect(refusal({ backtrackWindow: Duration.hours(24) }))
      .toThrow(`${PREFIX}backtrackWindow (backtrack_window) and engine cannot be combined: only Aurora MySQL supports backtrack; engine is aurora-postgresql`);
  });

  test('backtrack window over 72 hours', () => {
    expect(refusal({ engine: DatabaseEngine.auroraMysql(), backtrackWindow: Duration.hours(73) }))
      .toThrow(`${PREFIX}backtrackWindow (backtrack_window) must be a whole number of seconds, between 1 and 259200 (at most 72 hours); got '3 days 1 hour'`);
  });

  test.each([
    ['db.t3.micro', ec2.InstanceClass.T3, ec2.InstanceSize.MICRO],
    ['db.t4g.small', ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL],
    ['db.m6g.large', ec2.InstanceClass.M6G, ec2.InstanceSize.LARGE],
    ['db.t2.medium', ec2.InstanceClass.T2, ec2.InstanceSize.MEDIUM],
  ])('a provisioned class Aurora does not offer: %s', (name, instanceClass, size) => {
    const capacity = DatabaseCapacity.provisioned({ instanceType: ec2.InstanceType.of(instanceClass, size) });
    expect(refusal({ capacity })).toThrow(`${PREFIX}capacity.instanceType (capacity.instance_type) must be a DB instance class Aurora PostgreSQL offers: db.t3.medium/large, db.t4g.medium/large, db.r5.large-24xlarge`);
    expect(refusal({ capacity })).toThrow(`; got '${name}'`);
  });

  test.each([
    ['db.r7i.48xlarge', 'r7i.48xlarge'],
    ['db.x2iedn.xlarge', 'x2iedn.xlarge'],
    ['db.r8g.48xlarge', 'r8g.48xlarge'],
  ])('a class the table does not list but Aurora may offer (%s) is accepted with a warning', (name, type) => {
    const { stack } = build({ capacity: DatabaseCapacity.provisioned({ instanceType: new ec2.InstanceType(type) }) });
    Annotations.fromStack(stack).hasWarning('/Stack/Database', Match.stringLikeRegexp(`capacity.instanceType ${name.replace(/\./g, '\\.')} is not in this library's table`));
  });

  test('a listed class gets no warning', () => {
    const { stack } = build({ capacity: DatabaseCapacity.provisioned({ instanceType: new ec2.InstanceType('r6gd.xlarge') }) });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('library\'s table'))).toEqual([]);
  });

  test('an instance class token is not checked', () => {
    const instanceType = new ec2.InstanceType(Token.asString({ Ref: 'InstanceClass' }));
    expect(refusal({ capacity: DatabaseCapacity.provisioned({ instanceType }) })).not.toThrow();
  });

  test.each([0, 521, 1.5])('weekly backups kept %p weeks', (keepWeeks) => {
    expect(refusal({ backupPlan: { weekly: { keepWeeks } } }))
      .toThrow(`${PREFIX}backupPlan.weekly.keepWeeks (backup_plan.weekly.keep_weeks) must be a whole number between 1 and 520; got ${keepWeeks}`);
  });

  test('a copy vault created by the app needs a known stack region', () => {
    expect(refusal({ backupPlan: { copy: BackupCopy.toRegion('us-west-2', 'dr') } }, {}))
      .toThrow(`${PREFIX}the stack's env.region must be set (e.g. 'ap-northeast-1') with backupPlan.copy BackupCopy.toRegion`);
  });

  test('a copy vault name AWS Backup refuses', () => {
    expect(refusal({ backupPlan: { copy: BackupCopy.toRegion('us-west-2', 'dr vault!') } }))
      .toThrow(`${PREFIX}backupPlan.copy (backup_plan.copy) vaultName must be 2 to 50 letters, digits, hyphens or underscores (an AWS Backup vault name); got 'dr vault!'`);
  });
});
