import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { expectNagClean } from './nag';
import { buildRds, resources, TOKYO } from './rds-database-fixture';
import { BackupCopy, EnvironmentProfile, RdsEngine } from '../src';

const instanceOf = (template: any) => resources(template, 'AWS::RDS::DBInstance').find(([, r]) => !r.Properties.SourceDBInstanceIdentifier)!;
const replicasOf = (template: any) => resources(template, 'AWS::RDS::DBInstance').filter(([, r]) => r.Properties.SourceDBInstanceIdentifier);

describe('RdsDatabase secure defaults', () => {
  test('RDS for PostgreSQL 18.3 on db.t4g.small, gp3 20 GiB growing to 100, encrypted, IAM auth, private, 7-day backups, snapshot on removal', () => {
    const { template, database } = buildRds();
    const [, instance] = instanceOf(template);
    expect(instance.DeletionPolicy).toBe('Snapshot');
    expect(instance.UpdateReplacePolicy).toBe('Snapshot');
    const key = resources(template, 'AWS::KMS::Key')[0][0];
    expect(instance.Properties).toMatchObject({
      Engine: 'postgres',
      EngineVersion: '18.3',
      DBInstanceClass: 'db.t4g.small',
      StorageType: 'gp3',
      AllocatedStorage: '20',
      MaxAllocatedStorage: 100,
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
      EnableIAMDatabaseAuthentication: true,
      PubliclyAccessible: false,
      MultiAZ: false,
      AvailabilityZone: 'ap-northeast-1a',
      BackupRetentionPeriod: 7,
      CopyTagsToSnapshot: true,
      DeletionProtection: true,
      AutoMinorVersionUpgrade: true,
      EnablePerformanceInsights: true,
      PerformanceInsightsKMSKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
      EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
      Port: '5432',
      MasterUsername: 'postgres',
    });
    expect(instance.Properties.MonitoringInterval).toBeUndefined();
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'postgres18', Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet2') }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'RDS instance: inbound only from allowed peers, no egress',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    expect(database.port).toBe(5432);
    expect(database.multiAz).toBe(false);
    expectNagClean(database);
  });

  test('log groups with finite retention, named after the fixed identifier, created before the instance', () => {
    const { template, database } = buildRds();
    const [instanceId, instance] = instanceOf(template);
    expect(database.instanceIdentifier).toMatch(/^stack-database-[0-9a-f]{8}$/);
    expect(instance.Properties.DBInstanceIdentifier).toBe(database.instanceIdentifier);
    const groups = resources(template, 'AWS::Logs::LogGroup').filter(([, r]) => r.Properties.LogGroupName?.startsWith('/aws/rds/'));
    expect(groups.map(([, r]) => r.Properties.LogGroupName)).toEqual([
      `/aws/rds/instance/${database.instanceIdentifier}/postgresql`,
      `/aws/rds/instance/${database.instanceIdentifier}/upgrade`,
    ]);
    for (const [id, group] of groups) {
      expect(group.Properties.RetentionInDays).toBe(90);
      expect(group.DeletionPolicy).toBe('Retain');
      expect(template.toJSON().Resources[instanceId].DependsOn).toContain(id);
    }
  });

  test('MySQL: require_secure_transport, error/slow query/audit logs through the MariaDB audit plugin, port 3306, user admin', () => {
    const { template, database } = buildRds({ engine: RdsEngine.mysql() });
    const [, instance] = instanceOf(template);
    expect(instance.Properties).toMatchObject({
      Engine: 'mysql', EngineVersion: '8.4.9', Port: '3306', MasterUsername: 'admin', EnableCloudwatchLogsExports: ['error', 'slowquery', 'audit'],
    });
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'mysql8.4', Parameters: Match.objectLike({ require_secure_transport: 'ON' }) });
    template.hasResourceProperties('AWS::RDS::OptionGroup', {
      EngineName: 'mysql', MajorEngineVersion: '8.4', OptionConfigurations: [Match.objectLike({ OptionName: 'MARIADB_AUDIT_PLUGIN' })],
    });
    expect(resources(template, 'AWS::Logs::LogGroup').filter(([, r]) => r.Properties.LogGroupName?.startsWith('/aws/rds/'))).toHaveLength(3);
    expectNagClean(database);
  });

  test('MySQL 8.0 pinned', () => {
    const { template } = buildRds({ engine: RdsEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0_42 }) });
    template.hasResourceProperties('AWS::RDS::DBInstance', { EngineVersion: '8.0.42' });
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'mysql8.0' });
  });
});

describe('RdsDatabase profiles', () => {
  test('dev: db.t4g.micro, single-AZ, 1-day backups, no deletion protection, destroyed with its key and logs, no Performance Insights', () => {
    const { template, database } = buildRds({ profile: EnvironmentProfile.dev() });
    const [, instance] = instanceOf(template);
    expect(instance.DeletionPolicy).toBe('Delete');
    expect(instance.Properties).toMatchObject({
      DBInstanceClass: 'db.t4g.micro', MultiAZ: false, BackupRetentionPeriod: 1, DeletionProtection: false, EnablePerformanceInsights: false,
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('postgresql'), RetentionInDays: 7 });
    expectNagClean(database);
  });

  test('staging: 14-day backups, single-AZ', () => {
    const { template, database } = buildRds({ profile: EnvironmentProfile.staging() });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t4g.small', MultiAZ: false, BackupRetentionPeriod: 14 });
    expectNagClean(database);
  });

  test('prod: db.t4g.medium Multi-AZ without a pinned AZ, 30-day backups, enhanced monitoring, 1-year logs', () => {
    const { template, database } = buildRds({ profile: EnvironmentProfile.prod() });
    const [, instance] = instanceOf(template);
    expect(instance.Properties).toMatchObject({ DBInstanceClass: 'db.t4g.medium', MultiAZ: true, BackupRetentionPeriod: 30, MonitoringInterval: 60 });
    expect(instance.Properties.AvailabilityZone).toBeUndefined();
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('postgresql'), RetentionInDays: 365 });
    expect(database.multiAz).toBe(true);
    expectNagClean(database);
  });

  test('an explicit prop wins over the profile', () => {
    const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE);
    const { template } = buildRds({ profile: EnvironmentProfile.prod(), multiAz: false, instanceType });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: false, DBInstanceClass: 'db.r6g.large' });
  });

  test('Multi-AZ off in prod is acknowledged as the explicit choice it is', () => {
    const { template } = buildRds({ profile: EnvironmentProfile.prod(), multiAz: false });
    const [, instance] = instanceOf(template);
    const rds3 = instance.Metadata.cdk_nag.rules_to_suppress.find((r: any) => r.id === 'AwsSolutions-RDS3');
    expect(rds3.reason).toContain('multiAz: false');
  });

  test('Multi-AZ on: no RDS3 acknowledgement', () => {
    const { template } = buildRds({ multiAz: true });
    const [, instance] = instanceOf(template);
    expect(instance.Metadata.cdk_nag.rules_to_suppress.map((r: any) => r.id)).not.toContain('AwsSolutions-RDS3');
  });
});

describe('RdsDatabase read replicas', () => {
  test('each encrypted with the same key, in the other AZ, logging to its own log groups, monitored, removable', () => {
    const { template, database } = buildRds({ readReplicas: 2, profile: EnvironmentProfile.prod() });
    const replicas = replicasOf(template);
    expect(replicas).toHaveLength(2);
    const key = resources(template, 'AWS::KMS::Key')[0][0];
    const [primaryId] = instanceOf(template);
    for (const [id, replica] of replicas) {
      expect(replica.DeletionPolicy).toBe('Delete');
      expect(replica.Properties).toMatchObject({
        KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        AvailabilityZone: 'ap-northeast-1c',
        DBInstanceClass: 'db.t4g.medium',
        DeletionProtection: false,
        EnableIAMDatabaseAuthentication: true,
        MonitoringInterval: 60,
        EnablePerformanceInsights: true,
        EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
      });
      expect(replica.Properties.StorageEncrypted).toBeUndefined();
      expect(JSON.stringify(replica.Properties.SourceDBInstanceIdentifier)).toContain(primaryId);
      expect(replica.DependsOn.filter((d: string) => d.includes('LogGroup'))).toHaveLength(2);
      expect(id).toMatch(/^DatabaseReadReplica[12]/);
    }
    expect(database.readReplicaEndpointAddresses).toHaveLength(2);
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/rds/instance/${database.instanceIdentifier}-replica-2/upgrade` });
    // One enhanced monitoring role for all.
    expect(resources(template, 'AWS::IAM::Role').filter(([, r]) => JSON.stringify(r).includes('monitoring.rds'))).toHaveLength(1);
    expectNagClean(database);
  });

  test('MySQL replicas take the option group too', () => {
    const { template } = buildRds({ engine: RdsEngine.mysql(), readReplicas: 1 });
    const [[, replica]] = replicasOf(template);
    expect(replica.Properties.OptionGroupName.Ref).toMatch(/^DatabaseOptionGroup/);
  });
});

describe('RdsDatabase props', () => {
  test('instanceType, storage, port, names, windows, retention', () => {
    const { template } = buildRds({
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      allocatedStorage: 200,
      maxAllocatedStorage: 1000,
      port: 15432,
      databaseName: 'app',
      masterUsername: 'owner',
      preferredBackupWindow: '17:00-17:30',
      preferredMaintenanceWindow: 'sun:18:00-sun:18:30',
      backupRetention: Duration.days(21),
      deletionProtection: false,
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: 'db.m7g.large',
      AllocatedStorage: '200',
      MaxAllocatedStorage: 1000,
      Port: '15432',
      DBName: 'app',
      MasterUsername: 'owner',
      PreferredBackupWindow: '17:00-17:30',
      PreferredMaintenanceWindow: 'sun:18:00-sun:18:30',
      BackupRetentionPeriod: 21,
      DeletionProtection: false,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('postgresql'), RetentionInDays: 30 });
  });

  test('vpcSubnets: the application subnets instead of the data subnets', () => {
    const { template } = buildRds({ vpcSubnets: { subnetGroupName: 'Application' } });
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet2') }],
    });
  });

  test('the storage ceiling follows a large allocation', () => {
    const { template } = buildRds({ allocatedStorage: 500 });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MaxAllocatedStorage: 550 });
  });

  test('removalPolicy SNAPSHOT (default) keeps the secret, DESTROY deletes it', () => {
    buildRds().template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    buildRds({ removalPolicy: RemovalPolicy.DESTROY }).template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
  });

  test('prod rotates the password every 30 days by default', () => {
    const { template, database } = buildRds({ profile: EnvironmentProfile.prod() });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    expectNagClean(database);
  });

  test('removalPolicy RETAIN keeps the instance and the secret', () => {
    const { template } = buildRds({ removalPolicy: RemovalPolicy.RETAIN });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Retain' });
  });

  test('encryptionKey: the given key is used and none created', () => {
    const arn = 'arn:aws:kms:ap-northeast-1:111111111111:key/abc';
    const { template } = buildRds({ encryptionKey: kms.Key.fromKeyArn(new Stack(), 'K', arn) });
    expect(resources(template, 'AWS::KMS::Key')).toHaveLength(0);
    template.hasResourceProperties('AWS::RDS::DBInstance', { KmsKeyId: arn });
  });

  test('monitoring: advanced Database Insights keeps 15 months; Performance Insights off by choice', () => {
    buildRds({ monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } }).template.hasResourceProperties('AWS::RDS::DBInstance', {
      DatabaseInsightsMode: 'advanced', PerformanceInsightsRetentionPeriod: 465,
    });
    buildRds({ monitoring: { performanceInsights: false } }).template.hasResourceProperties('AWS::RDS::DBInstance', { EnablePerformanceInsights: false });
    buildRds({ monitoring: { enhancedMonitoringInterval: Duration.seconds(15) } }).template.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: 15 });
  });

  test('MySQL on db.t3.small (reference E) leaves Performance Insights off and stays cdk-nag clean', () => {
    const instanceType = ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL);
    const { template, database } = buildRds({ engine: RdsEngine.mysql(), instanceType });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t3.small', EnablePerformanceInsights: false });
    expectNagClean(database);
  });

  test('rotation: hosted single-user rotation admitted to the port', () => {
    const { template, database } = buildRds({ rotation: { schedule: Duration.days(30) } });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({ RotationType: 'PostgreSQLSingleUser' }), RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5432, Description: 'Password rotation Lambda' });
    expectNagClean(database);
  });

  test('allowConnectionsFrom and grantConnect cover the primary and the replicas', () => {
    const { template } = buildRds({ readReplicas: 1 }, TOKYO, (stack, database, vpc) => {
      database.allowConnectionsFrom(new ec2.SecurityGroup(stack, 'Client', { vpc }));
      database.grantConnect(new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }), 'app_user');
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5432, Description: 'Database clients on port 5432' });
    const policy = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policy.match(/rds-db:connect/g)).toHaveLength(2);
  });

  test('backupPlan: daily + weekly, into the instance, copied to a vault the app creates in Osaka', () => {
    const { template, database } = buildRds({ backupPlan: { weekly: { keepWeeks: 4 }, copy: BackupCopy.toRegion('ap-northeast-3', 'dr') } });
    const [instanceId] = instanceOf(template);
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: instanceId }])] })] }),
    });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ RuleName: 'Scheduled' }), Match.objectLike({ RuleName: 'Weekly', Lifecycle: { DeleteAfterDays: 28 } })] },
    });
    expect(database.backupCopyStack?.region).toBe('ap-northeast-3');
    expectNagClean(database);
  });
});
