import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { build } from './aurora-cluster-fixture';
import { expectNagClean } from './nag';
import { AuroraCluster, DatabaseCapacity, DatabaseEngine, EnvironmentProfile, FlowLogs, RdsDatabase, SecureVpc } from '../src';

function provisioned(instanceClass: ec2.InstanceClass, size: ec2.InstanceSize): DatabaseCapacity {
  return DatabaseCapacity.provisioned({ instanceType: ec2.InstanceType.of(instanceClass, size) });
}

describe('AuroraCluster monitoring', () => {
  test('monitoring: Performance Insights off', () => {
    const { template } = build({ monitoring: { performanceInsights: false } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { EnablePerformanceInsights: false });
    template.hasResourceProperties('AWS::RDS::DBCluster', { PerformanceInsightsEnabled: Match.absent() });
  });

  test('monitoring: advanced Database Insights keeps 15 months of history', () => {
    const { template } = build({ monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } });
    template.hasResourceProperties('AWS::RDS::DBCluster', { DatabaseInsightsMode: 'advanced', PerformanceInsightsRetentionPeriod: 465 });
  });

  test('monitoring: advanced Database Insights turns Performance Insights on, even with the dev profile', () => {
    const { template } = build({ profile: EnvironmentProfile.dev(), monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { EnablePerformanceInsights: true, PerformanceInsightsRetentionPeriod: 465 });
  });

  test('monitoring: enhanced monitoring interval (and cdk-nag clean with its role)', () => {
    const { template, database } = build({ monitoring: { enhancedMonitoringInterval: Duration.seconds(30) } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: 30, MonitoringRoleArn: Match.anyValue() });
    expectNagClean(database);
  });

  test('Aurora MySQL on db.t4g.medium keeps Performance Insights on (reference E)', () => {
    const { template } = build({ engine: DatabaseEngine.auroraMysql(), capacity: provisioned(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) });
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t4g.medium', EnablePerformanceInsights: true });
  });

  test.each([
    ['db.t3.medium', ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM],
    ['db.t3.large', ec2.InstanceClass.T3, ec2.InstanceSize.LARGE],
  ])('Aurora MySQL on %s, which cannot run it, leaves Performance Insights off (and stays cdk-nag clean)', (instanceClassName, instanceClass, size) => {
    const { template, database } = build({ engine: DatabaseEngine.auroraMysql(), capacity: provisioned(instanceClass, size), readers: 1 });
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: instanceClassName, EnablePerformanceInsights: false });
    template.hasResourceProperties('AWS::RDS::DBCluster', { PerformanceInsightsEnabled: Match.absent(), PerformanceInsightsKmsKeyId: Match.absent() });
    expectNagClean(database);
  });

  test('Aurora PostgreSQL on db.t3.medium keeps Performance Insights on', () => {
    const { template } = build({ capacity: provisioned(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM) });
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t3.medium', EnablePerformanceInsights: true });
  });
});

describe('Log group encryption (databases and flow logs share one key-policy helper)', () => {
  function logsStatement(template: any) {
    const key = Object.values(template.findResources('AWS::KMS::Key')).find((r: any) => r.Properties.Description === 'Logs key') as any;
    return key.Properties.KeyPolicy.Statement.find((st: any) => JSON.stringify(st.Principal).includes('logs.'));
  }

  test('logEncryptionKey encrypts every exported log group of an AuroraCluster, and CloudWatch Logs may use the key', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
    const key = new kms.Key(stack, 'LogsKey', { description: 'Logs key', enableKeyRotation: true });
    new AuroraCluster(stack, 'Database', { vpc: network.vpc, engine: DatabaseEngine.auroraMysql(), logEncryptionKey: key });
    const template = Template.fromStack(stack);
    const groups = Object.entries(template.findResources('AWS::Logs::LogGroup')).filter(([id]) => id.startsWith('Database'));
    expect(groups).toHaveLength(3);
    for (const [, group] of groups) expect((group as any).Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] });
    expect(logsStatement(template)).toMatchObject({ Action: expect.arrayContaining(['kms:GenerateDataKey*']), Effect: 'Allow' });
    // Without the prop: CloudWatch Logs' own encryption.
    const plain = build().template;
    for (const group of Object.values(plain.findResources('AWS::Logs::LogGroup')) as any[]) expect(group.Properties.KmsKeyId).toBeUndefined();
  });

  test('RdsDatabase takes logEncryptionKey too, for the primary\'s and the replicas\' log groups', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
    const key = new kms.Key(stack, 'LogsKey', { description: 'Logs key', enableKeyRotation: true });
    new RdsDatabase(stack, 'Database', { vpc: network.vpc, readReplicas: 1, logEncryptionKey: key });
    const template = Template.fromStack(stack);
    const groups = Object.entries(template.findResources('AWS::Logs::LogGroup')).filter(([id]) => id.startsWith('Database'));
    expect(groups).toHaveLength(4);
    for (const [, group] of groups) expect((group as any).Properties.KmsKeyId).toBeDefined();
    expect(logsStatement(template)).toBeDefined();
  });

  test('a flow-log key of this app gets the CloudWatch Logs statement it needs', () => {
    const stack = new Stack(new App(), 'Stack');
    const key = new kms.Key(stack, 'LogsKey', { description: 'Logs key', enableKeyRotation: true });
    new SecureVpc(stack, 'Network', { flowLogs: FlowLogs.toCloudWatchLogs({ encryptionKey: key }) });
    expect(logsStatement(Template.fromStack(stack))).toBeDefined();
  });
});
