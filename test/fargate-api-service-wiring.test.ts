import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { build, IMAGE } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { AuroraCluster, DatabaseConnection, FargateApiService, FargateCapacity, SecureVpc } from '../src';
import { acknowledgeNag } from '../src/private/nag';

function scalingPolicy(template: Template, metricType: string): any {
  const found = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'))
    .map((r: any) => r.Properties.TargetTrackingScalingPolicyConfiguration)
    .filter((c: any) => c.PredefinedMetricSpecification.PredefinedMetricType === metricType);
  return found[0];
}

function container(template: Template): any {
  return Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties.ContainerDefinitions[0];
}

/** GIVEN a SecureVpc, a service and a database secret and security group of any kind. */
function buildWithDatabase() {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const network = new SecureVpc(stack, 'Network');
  const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
  const securityGroup = new ec2.SecurityGroup(stack, 'DatabaseSecurityGroup', { vpc: network.vpc, allowAllOutbound: false });
  const secret = new secretsmanager.Secret(stack, 'DatabaseSecret');
  acknowledgeNag(secret, [{ id: 'AwsSolutions-SMG4', reason: 'Test fixture standing in for a database secret.' }]);
  const database = DatabaseConnection.fromAttributes({
    connectable: securityGroup, secret, endpointAddress: 'db.internal', port: 5432, databaseName: 'app',
  });
  return { app, stack, api, database };
}

describe('FargateApiService scaling', () => {
  test('target tracking on CPU 70% and memory 80%, out after 1 minute, in after 5', () => {
    const { template } = build();
    expect(scalingPolicy(template, 'ECSServiceAverageCPUUtilization')).toMatchObject({ TargetValue: 70, ScaleOutCooldown: 60, ScaleInCooldown: 300 });
    expect(scalingPolicy(template, 'ECSServiceAverageMemoryUtilization')).toMatchObject({ TargetValue: 80, ScaleOutCooldown: 60, ScaleInCooldown: 300 });
    expect(scalingPolicy(template, 'ALBRequestCountPerTarget')).toBeUndefined();
  });

  test('scaling options set the targets and cooldowns', () => {
    const { template } = build({
      scaling: {
        targetCpuUtilization: 50,
        targetMemoryUtilization: 75,
        scaleOutCooldown: Duration.seconds(30),
        scaleInCooldown: Duration.minutes(10),
      },
    });
    expect(scalingPolicy(template, 'ECSServiceAverageCPUUtilization')).toMatchObject({ TargetValue: 50, ScaleOutCooldown: 30, ScaleInCooldown: 600 });
    expect(scalingPolicy(template, 'ECSServiceAverageMemoryUtilization')).toMatchObject({ TargetValue: 75 });
  });

  test('requestsPerTarget adds request-count scaling on the target group', () => {
    const { template } = build({ scaling: { requestsPerTarget: 500 } });
    expect(scalingPolicy(template, 'ALBRequestCountPerTarget')).toMatchObject({ TargetValue: 500, ScaleOutCooldown: 60 });
  });

  test('desiredCount, minCapacity and maxCapacity', () => {
    const { template } = build({ desiredCount: 3, minCapacity: 2, maxCapacity: 6 });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6 });
  });
});

describe('FargateApiService capacity', () => {
  test('spotMix: a base of on-demand tasks, the rest spread by weight; cdk-nag clean', () => {
    const { api, template } = build({ capacity: FargateCapacity.spotMix({ onDemandBase: 2, onDemandWeight: 1, spotWeight: 4 }) });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [
        { CapacityProvider: 'FARGATE', Base: 2, Weight: 1 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 4 },
      ],
      LaunchType: Match.absent(),
    });
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
    expectNagClean(api);
  });

  test('spotMix() defaults to one on-demand task and equal weights', () => {
    const { template } = build({ capacity: FargateCapacity.spotMix() });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
    });
  });

  test('onDemand uses the FARGATE launch type', () => {
    const { template } = build({ capacity: FargateCapacity.onDemand() });
    template.hasResourceProperties('AWS::ECS::Service', { LaunchType: 'FARGATE', CapacityProviderStrategy: Match.absent() });
  });
});

describe('FargateApiService database connection', () => {
  test('opens the database port to the tasks, injects host, port, name and credentials, grants read; cdk-nag clean', () => {
    const { stack, api, database } = buildWithDatabase();
    api.connectToDatabase(database);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 5432,
      ToPort: 5432,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('DatabaseSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiSecurityGroup'), 'GroupId'] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      FromPort: 5432,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiSecurityGroup'), 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('DatabaseSecurityGroup'), 'GroupId'] },
    });
    const def = container(template);
    expect(def.Environment).toEqual([
      { Name: 'DB_HOST', Value: 'db.internal' },
      { Name: 'DB_PORT', Value: '5432' },
      { Name: 'DB_NAME', Value: 'app' },
    ]);
    expect(def.Secrets).toEqual([
      { Name: 'DB_USERNAME', ValueFrom: { 'Fn::Join': ['', [{ Ref: expect.stringMatching(/^DatabaseSecret/) }, ':username::']] } },
      { Name: 'DB_PASSWORD', ValueFrom: { 'Fn::Join': ['', [{ Ref: expect.stringMatching(/^DatabaseSecret/) }, ':password::']] } },
    ]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('ApiTaskDefinitionExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: Match.stringLikeRegexp('DatabaseSecret') } })]) },
    });
    expectNagClean(api);
  });

  test('variablePrefix renames the variables', () => {
    const { stack, api, database } = buildWithDatabase();
    api.connectToDatabase(database, { variablePrefix: 'PG' });
    const def = container(Template.fromStack(stack));
    expect(def.Environment.map((e: any) => e.Name)).toEqual(['PGHOST', 'PGPORT', 'PGNAME']);
    expect(def.Secrets.map((e: any) => e.Name)).toEqual(['PGUSERNAME', 'PGPASSWORD']);
  });

  test('a second database needs its own prefix', () => {
    const { api, database } = buildWithDatabase();
    api.connectToDatabase(database);
    api.connectToDatabase(database, { variablePrefix: 'REPLICA_' });
    expect(() => api.connectToDatabase(database))
      .toThrow("FargateApiService 'Stack/Api': variablePrefix (variable_prefix) must not repeat a variable the container already has (DB_HOST, DB_PORT, DB_NAME, DB_USERNAME, DB_PASSWORD): give each database its own prefix; got 'DB_'");
  });

  test('a prefix that repeats a variable of the environment prop is refused', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, environment: { PGHOST: 'elsewhere' } });
    const database = DatabaseConnection.fromAttributes({
      connectable: new ec2.SecurityGroup(stack, 'DatabaseSecurityGroup', { vpc: network.vpc }),
      secret: new secretsmanager.Secret(stack, 'DatabaseSecret'),
      endpointAddress: 'db.internal',
      port: 5432,
    });
    expect(() => api.connectToDatabase(database, { variablePrefix: 'PG' }))
      .toThrow("variablePrefix (variable_prefix) must not repeat a variable the container already has (PGHOST): give each database its own prefix; got 'PG'");
  });

  test('plugs into an AuroraCluster', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
    const database = new AuroraCluster(stack, 'Database', { vpc: network.vpc, databaseName: 'app' });
    api.connectToDatabase(database);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: database.port,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiSecurityGroup'), 'GroupId'] },
    });
    expect(container(template).Environment).toEqual(expect.arrayContaining([{ Name: 'DB_NAME', Value: 'app' }]));
  });

  test('warns when the injected password rotates (the prod default), not otherwise', () => {
    for (const rotates of [false, true]) {
      const stack = new Stack(new App(), 'Stack');
      const network = new SecureVpc(stack, 'Network');
      const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
      const database = new AuroraCluster(stack, 'Database', { vpc: network.vpc, rotation: rotates ? {} : undefined });
      api.connectToDatabase(database);
      const warnings = Annotations.fromStack(stack).findWarning('/Stack/Api', Match.stringLikeRegexp('password rotates'));
      expect(warnings).toHaveLength(rotates ? 1 : 0);
    }
  });
});

describe('FargateApiService grants', () => {
  test('an image from an ECR repository: the execution role may pull it; cdk-nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const repository = new ecr.Repository(stack, 'Repo', { imageScanOnPush: true, imageTagMutability: ecr.TagMutability.IMMUTABLE });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: ecs.ContainerImage.fromEcrRepository(repository, 'v1') });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('ApiTaskDefinitionExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ecr:GetAuthorizationToken', Resource: '*' })]) },
    });
    expectNagClean(api);
  });

  test('grantBucketWrite allows s3:PutObject on the bucket objects only; cdk-nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
    const media = new s3.Bucket(stack, 'Media', { enforceSSL: true, serverAccessLogsPrefix: 'access/' });
    api.grantBucketWrite(media, 'uploads/*');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('ApiTaskDefinitionTaskRole') }],
      PolicyDocument: {
        Statement: [{
          Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('Media'), 'Arn'] }, '/uploads/*']] },
        }],
      },
    });
    expectNagClean(api);
  });

  test('grantBucketWrite on a KMS-encrypted bucket grants the key for uploads', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    api.grantBucketWrite(new s3.Bucket(stack, 'Media', { encryptionKey: key }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] })]) },
    });
  });
});

describe('FargateApiService metrics', () => {
  test.each([
    ['metricCpuUtilization', 'AWS/ECS', 'CPUUtilization', 'Average'],
    ['metricMemoryUtilization', 'AWS/ECS', 'MemoryUtilization', 'Average'],
    ['metricRunningTaskCount', 'ECS/ContainerInsights', 'RunningTaskCount', 'Minimum'],
    ['metricLoadBalancer5xx', 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'Sum'],
    ['metricTarget5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'Sum'],
    ['metricTargetResponseTime', 'AWS/ApplicationELB', 'TargetResponseTime', 'p95'],
    ['metricUnhealthyHosts', 'AWS/ApplicationELB', 'UnHealthyHostCount', 'Maximum'],
  ] as const)('%s', (method, namespace, metricName, statistic) => {
    const { api } = build();
    const metric = api[method]();
    expect(metric.namespace).toBe(namespace);
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe(statistic);
    const custom = api[method]({ period: Duration.minutes(1), statistic: 'p99' });
    expect(custom.period.toSeconds()).toBe(60);
    expect(custom.statistic).toBe('p99');
  });

  test('metrics carry the service, target group and load balancer dimensions', () => {
    const { api } = build();
    const stack = Stack.of(api);
    expect(Object.keys(api.metricRunningTaskCount().dimensions!)).toEqual(['ClusterName', 'ServiceName']);
    expect(Object.keys(api.metricTarget5xx().dimensions!).sort()).toEqual(['LoadBalancer', 'TargetGroup']);
    expect(stack.resolve(api.metricLoadBalancer5xx().dimensions!.LoadBalancer)).toBeDefined();
  });
});
