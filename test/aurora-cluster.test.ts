import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { build, onlyResource, R6G_LARGE } from './aurora-cluster-fixture';
import { expectNagClean } from './nag';
import { AuroraCluster, DatabaseCapacity, DatabaseEngine, EnvironmentProfile, IDatabaseConnection } from '../src';

describe('AuroraCluster defaults', () => {
  test('Aurora PostgreSQL 17.5 on Serverless v2 0.5-4 ACU with a writer only', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: '17.5',
      Port: 5432,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 1);
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.serverless', PromotionTier: 0, AvailabilityZone: 'ap-northeast-1a' });
  });

  test('storage encrypted with a new customer-managed key that rotates', () => {
    const { template } = build();
    const key = onlyResource(template, 'AWS::KMS::Key');
    expect(key.properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::RDS::DBCluster', { StorageEncrypted: true, KmsKeyId: { 'Fn::GetAtt': [key.logicalId, 'Arn'] } });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: { 'Fn::GetAtt': [key.logicalId, 'Arn'] } });
  });

  test('TLS required by the parameter group and IAM authentication on', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::RDS::DBCluster', { EnableIAMDatabaseAuthentication: true });
  });

  test('7-day backups, copy tags to snapshots, deletion protection and SNAPSHOT removal', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 7, CopyTagsToSnapshot: true, DeletionProtection: true });
    template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  test('credentials generated in Secrets Manager for the postgres user', () => {
    const { template, database } = build();
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"postgres"}', GenerateStringKey: 'password' }),
    });
    template.hasResourceProperties('AWS::RDS::DBCluster', { MasterUsername: 'postgres' });
    expect(database.secret).toBeDefined();
  });

  test('in the Data subnets, behind a security group without egress', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet2') }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Aurora cluster: inbound only from allowed peers, no egress',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { FromPort: 5432 }, 0);
  });

  test('the PostgreSQL log exported to a log group with 3 months retention, created before the instances', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBCluster', { EnableCloudwatchLogsExports: ['postgresql'] });
    const logGroup = onlyResource(template, 'AWS::Logs::LogGroup', 'Database');
    expect(logGroup.properties.RetentionInDays).toBe(90);
    expect(logGroup.properties.LogGroupName['Fn::Join'][1]).toEqual(['/aws/rds/cluster/', { Ref: onlyResource(template, 'AWS::RDS::DBCluster').logicalId }, '/postgresql']);
    expect(onlyResource(template, 'AWS::RDS::DBInstance').resource.DependsOn).toContain(logGroup.logicalId);
  });

  test('Performance Insights on, encrypted with the cluster key; no enhanced monitoring', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::RDS::DBCluster', { PerformanceInsightsEnabled: true, PerformanceInsightsKmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: Match.absent() });
  });

  test('exposes the connection for other constructs', () => {
    const { database, stack, template } = build();
    const connection: IDatabaseConnection = database;
    const clusterId = onlyResource(template, 'AWS::RDS::DBCluster').logicalId;
    expect(stack.resolve(connection.endpointAddress)).toEqual({ 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] });
    expect(stack.resolve(database.readerEndpointAddress)).toEqual({ 'Fn::GetAtt': [clusterId, 'ReadEndpoint.Address'] });
    expect(connection.port).toBe(5432);
    expect(connection.databaseName).toBeUndefined();
    expect(database.isServerless).toBe(true);
    expect(database.readerCount).toBe(0);
    expect(database.cluster).toBeInstanceOf(rds.DatabaseCluster);
    expect(database.connections.securityGroups).toEqual([database.securityGroup]);
  });

  test('is cdk-nag clean (serverless default)', () => {
    const { database } = build();
    expectNagClean(database);
  });
});

describe('AuroraCluster engines', () => {
  test('Aurora MySQL 3.10 with TLS required, error, slow query and audit logs, port 3306 and the admin user', () => {
    const { template } = build({ engine: DatabaseEngine.auroraMysql() });
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-mysql',
      EngineVersion: '8.0.mysql_aurora.3.10.0',
      Port: 3306,
      MasterUsername: 'admin',
      EnableCloudwatchLogsExports: ['error', 'slowquery', 'audit'],
    });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Parameters: {
        require_secure_transport: 'ON',
        slow_query_log: '1',
        long_query_time: '2',
        log_output: 'FILE',
        server_audit_logging: '1',
        server_audit_events: 'CONNECT,QUERY_DDL,QUERY_DCL',
      },
    });
    const logGroups = Object.keys(template.findResources('AWS::Logs::LogGroup')).filter((id) => id.startsWith('Database'));
    expect(logGroups).toEqual([
      expect.stringMatching(/^DatabaseErrorLogGroup/), expect.stringMatching(/^DatabaseSlowqueryLogGroup/), expect.stringMatching(/^DatabaseAuditLogGroup/),
    ]);
  });

  test('a pinned PostgreSQL version', () => {
    const { template } = build({ engine: DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }) });
    template.hasResourceProperties('AWS::RDS::DBCluster', { EngineVersion: '16.6' });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'aurora-postgresql16' });
  });

  test('a pinned MySQL version', () => {
    const { template } = build({ engine: DatabaseEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_2 }) });
    template.hasResourceProperties('AWS::RDS::DBCluster', { EngineVersion: '8.0.mysql_aurora.3.08.2' });
  });

  test('a version given with .of() can pause when its number allows it', () => {
    const version = rds.AuroraPostgresEngineVersion.of('17.7', '17');
    const capacity = DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2 });
    const { template } = build({ engine: DatabaseEngine.auroraPostgres({ version }), capacity });
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      EngineVersion: '17.7',
      ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 2, SecondsUntilAutoPause: 300 },
    });
  });

  test('engine version support tables', () => {
    expect(DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_3 }).supportsAutoPause).toBe(true);
    expect(DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_2 }).supportsAutoPause).toBe(false);
    expect(DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_13_15 }).supportsAutoPause).toBe(true);
    expect(DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_12_9 }).supportsServerlessV2).toBe(false);
    expect(DatabaseEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 }).supportsAutoPause).toBe(true);
    expect(DatabaseEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_1 }).supportsAutoPause).toBe(false);
    expect(DatabaseEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_01_0 }).supportsServerlessV2).toBe(false);
    expect(DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.of('custom', '17') }).supportsAutoPause).toBeUndefined();
  });

  test('MySQL is cdk-nag clean', () => {
    const { database } = build({ engine: DatabaseEngine.auroraMysql() });
    expectNagClean(database);
  });

  test('backtrackWindow enables backtrack on MySQL', () => {
    const { template } = build({ engine: DatabaseEngine.auroraMysql(), backtrackWindow: Duration.hours(24) });
    template.hasResourceProperties('AWS::RDS::DBCluster', { BacktrackWindow: 86400 });
  });
});

describe('AuroraCluster capacity', () => {
  test('reference D: Serverless v2 0.5-2 ACU without auto-pause', () => {
    const { template } = build({ capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 2 }) });
    template.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 } });
  });

  test('min 0 ACU pauses after 5 minutes by default', () => {
    const { template } = build({ capacity: DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2 }) });
    template.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 2, SecondsUntilAutoPause: 300 } });
  });

  test('autoPauseAfter sets the idle delay', () => {
    const { template } = build({ capacity: DatabaseCapacity.serverless({ minAcu: 0, maxAcu: 2, autoPauseAfter: Duration.hours(1) }) });
    template.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: Match.objectLike({ SecondsUntilAutoPause: 3600 }) });
  });

  test('provisioned instances of one type, no serverless scaling', () => {
    const { template, database } = build({ capacity: DatabaseCapacity.provisioned({ instanceType: R6G_LARGE }) });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.r6g.large' });
    template.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: Match.absent() });
    expect(database.isServerless).toBe(false);
  });

  test('readers go to the other AZ with failover tiers in order; the first serverless reader scales with the writer', () => {
    const { template, database } = build({ readers: 2 });
    template.resourceCountIs('AWS::RDS::DBInstance', 3);
    template.hasResourceProperties('AWS::RDS::DBInstance', { PromotionTier: 0, AvailabilityZone: 'ap-northeast-1a' });
    template.hasResourceProperties('AWS::RDS::DBInstance', { PromotionTier: 1, AvailabilityZone: 'ap-northeast-1c' });
    template.hasResourceProperties('AWS::RDS::DBInstance', { PromotionTier: 2, AvailabilityZone: 'ap-northeast-1c' });
    expect(database.readerCount).toBe(2);
  });

  test('serverless readers past the second keep their order: failover tiers 1, 2, 3', () => {
    const { template } = build({ readers: 3 });
    for (const tier of [1, 2, 3]) {
      template.resourcePropertiesCountIs('AWS::RDS::DBInstance', { PromotionTier: tier, DBInstanceClass: 'db.serverless' }, 1);
    }
  });

  test('provisioned readers take failover tiers 1, 2, 3', () => {
    const { template } = build({ capacity: DatabaseCapacity.provisioned({ instanceType: R6G_LARGE }), readers: 3 });
    for (const tier of [1, 2, 3]) {
      template.hasResourceProperties('AWS::RDS::DBInstance', { PromotionTier: tier, DBInstanceClass: 'db.r6g.large', AvailabilityZone: 'ap-northeast-1c' });
    }
  });

  test('provisioned with readers is cdk-nag clean', () => {
    const { database } = build({ capacity: DatabaseCapacity.provisioned({ instanceType: R6G_LARGE }), readers: 2 });
    expectNagClean(database);
  });
});

describe('AuroraCluster props', () => {
  test('vpcSubnets places the cluster in other subnets', () => {
    const { template, network } = build({ vpcSubnets: { subnetGroupName: 'Application' } });
    expect(network).toBeDefined();
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet2') }],
    });
  });

  test('any IVpc without a Data subnet group: the isolated subnets', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    new AuroraCluster(stack, 'Database', { vpc });
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('VpcIsolatedSubnet1') }, { Ref: Match.stringLikeRegexp('VpcIsolatedSubnet2') }],
    });
  });

  test('any IVpc without isolated subnets (a default ec2.Vpc): the private subnets', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    new AuroraCluster(stack, 'Database', { vpc });
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPrivateSubnet2') }],
    });
  });

  test('port', () => {
    const { template, database } = build({ port: 15432 });
    template.hasResourceProperties('AWS::RDS::DBCluster', { Port: 15432 });
    expect(database.port).toBe(15432);
  });

  test('databaseName', () => {
    const { template, database } = build({ databaseName: 'app' });
    template.hasResourceProperties('AWS::RDS::DBCluster', { DatabaseName: 'app' });
    expect(database.databaseName).toBe('app');
  });

  test('masterUsername', () => {
    const { template } = build({ masterUsername: 'owner' });
    template.hasResourceProperties('AWS::RDS::DBCluster', { MasterUsername: 'owner' });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"owner"}' }) });
  });

  test('encryptionKey: the given key, no new key', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:ap-northeast-1:111111111111:key/11111111-2222-3333-4444-555555555555');
    new AuroraCluster(stack, 'Database', { vpc, encryptionKey: key });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::RDS::DBCluster', { KmsKeyId: key.keyArn });
  });

  test('backupRetention and preferredBackupWindow', () => {
    const { template } = build({ backupRetention: Duration.days(35), preferredBackupWindow: '17:00-17:30' });
    template.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 35, PreferredBackupWindow: '17:00-17:30' });
  });

  test('deletionProtection: false is an explicit choice (and stays cdk-nag clean)', () => {
    const { template, database } = build({ deletionProtection: false });
    template.hasResourceProperties('AWS::RDS::DBCluster', { DeletionProtection: false });
    expectNagClean(database);
  });

  test('removalPolicy RETAIN keeps the cluster, the key and the credentials secret', () => {
    const { template } = build({ removalPolicy: RemovalPolicy.RETAIN });
    template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('removalPolicy SNAPSHOT (default) keeps the secret: a cluster restored from the snapshot has its master password', () => {
    const { template } = build();
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('removalPolicy DESTROY deletes the secret with the cluster', () => {
    const { template } = build({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
  });

  test('removalPolicy DESTROY deletes the key and the log groups with the cluster', () => {
    const { template } = build({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    expect(onlyResource(template, 'AWS::Logs::LogGroup', 'Database').resource.DeletionPolicy).toBe('Delete');
  });

  test('removalPolicy SNAPSHOT with the dev profile keeps the log groups too', () => {
    const { template } = build({ profile: EnvironmentProfile.dev(), removalPolicy: RemovalPolicy.SNAPSHOT });
    expect(onlyResource(template, 'AWS::Logs::LogGroup', 'Database').resource.DeletionPolicy).toBe('Retain');
  });

  test('logRetention', () => {
    const { template } = build({ logRetention: logs.RetentionDays.TWO_WEEKS });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14, LogGroupName: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

describe('AuroraCluster methods', () => {
  test('allowConnectionsFrom admits a peer on the database port only', () => {
    const { template } = build({}, undefined, (stack, database) => {
      database.allowConnectionsFrom(new ec2.SecurityGroup(stack, 'Client', { vpc: database.cluster.vpc }));
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Client'), 'GroupId'] },
    });
  });

  test('grantConnect allows rds-db:connect for the user', () => {
    let success = false;
    const { template } = build({}, undefined, (stack, database) => {
      const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      success = database.grantConnect(role, 'app_user').success;
    });
    expect(success).toBe(true);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'rds-db:connect', Effect: 'Allow' })] },
    });
  });

  test.each([
    ['metricCpuUtilization', 'CPUUtilization'],
    ['metricDatabaseConnections', 'DatabaseConnections'],
    ['metricFreeableMemory', 'FreeableMemory'],
    ['metricAcuUtilization', 'ACUUtilization'],
    ['metricReplicaLag', 'AuroraReplicaLagMaximum'],
  ] as const)('%s is the cluster metric %s', (method, metricName) => {
    const { database, stack } = build();
    const metric = database[method]({ period: Duration.minutes(1) });
    expect(metric.namespace).toBe('AWS/RDS');
    expect(metric.metricName).toBe(metricName);
    expect(metric.period.toMinutes()).toBe(1);
    expect(stack.resolve(metric.dimensions)).toEqual({ DBClusterIdentifier: { Ref: onlyResource(Template.fromStack(stack), 'AWS::RDS::DBCluster').logicalId } });
  });

  test('replica lag is the maximum by default', () => {
    const { database } = build();
    expect(database.metricReplicaLag().statistic).toBe('Maximum');
  });
});

describe('AuroraCluster profiles', () => {
  test.each([
    ['dev', EnvironmentProfile.dev(), { min: 0, max: 2, pause: 300, readers: 0, retention: 1, protection: false, removal: 'Delete', logs: 7, logRemoval: 'Delete', pi: false, em: undefined }],
    ['staging', EnvironmentProfile.staging(), { min: 0.5, max: 4, pause: undefined, readers: 0, retention: 14, protection: true, removal: 'Snapshot', logs: 90, logRemoval: 'Retain', pi: true, em: undefined }],
    ['prod', EnvironmentProfile.prod(), { min: 1, max: 8, pause: undefined, readers: 1, retention: 30, protection: true, removal: 'Snapshot', logs: 365, logRemoval: 'Retain', pi: true, em: 60 }],
  ])('%s profile defaults', (_name, profile, expected) => {
    const { template, database } = build({ profile });
    const cluster = onlyResource(template, 'AWS::RDS::DBCluster');
    expect(cluster.properties.ServerlessV2ScalingConfiguration).toEqual({
      MinCapacity: expected.min, MaxCapacity: expected.max, ...(expected.pause ? { SecondsUntilAutoPause: expected.pause } : {}),
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 1 + expected.readers);
    expect(cluster.properties.BackupRetentionPeriod).toBe(expected.retention);
    expect(cluster.properties.DeletionProtection).toBe(expected.protection);
    expect(cluster.resource.DeletionPolicy).toBe(expected.removal);
    const logGroup = onlyResource(template, 'AWS::Logs::LogGroup', 'Database');
    expect(logGroup.properties.RetentionInDays).toBe(expected.logs);
    expect(logGroup.resource.DeletionPolicy).toBe(expected.logRemoval);
    template.allResourcesProperties('AWS::RDS::DBInstance', { EnablePerformanceInsights: expected.pi, MonitoringInterval: expected.em ?? Match.absent() });
    expectNagClean(database);
  });

  test('dev keeps 0.5 ACU when a pinned version cannot pause', () => {
    const engine = DatabaseEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_2 });
    const { template } = build({ profile: EnvironmentProfile.dev(), engine });
    template.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 } });
  });

  test('explicit props win over the prod profile', () => {
    const { template } = build({ profile: EnvironmentProfile.prod(), readers: 0, backupRetention: Duration.days(3), deletionProtection: false });
    template.resourceCountIs('AWS::RDS::DBInstance', 1);
    template.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 3, DeletionProtection: false });
  });
});
