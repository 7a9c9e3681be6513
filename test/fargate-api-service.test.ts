import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { build, IMAGE, zone } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { EnvironmentProfile, FargateApiService, FargateCapacity, SecureVpc } from '../src';

function container(template: Template): any {
  return Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties.ContainerDefinitions[0];
}

describe('FargateApiService defaults', () => {
  test('container port 8080 and an ALB health check on /health', () => {
    const { template } = build();
    expect(container(template).PortMappings).toEqual([{ ContainerPort: 8080, Name: 'http', Protocol: 'tcp' }]);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      TargetType: 'ip',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-399' },
    });
  });

  test('tasks run in the Application subnets without a public IP', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: [{ Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet2') }],
        },
      },
    });
  });

  test('a 0.25 vCPU / 0.5 GB x86_64 task', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '256',
      Memory: '512',
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('circuit breaker with rollback, 100%/200%, a grace period, ECS Exec off', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      }),
      HealthCheckGracePeriodSeconds: 60,
      EnableExecuteCommand: false,
      LaunchType: 'FARGATE',
      DesiredCount: 2,
    });
  });

  test('min 2, max 10 tasks (reference D)', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 10 });
  });

  test('logs to a log group with finite retention, kept on deletion; Container Insights on', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    expect(container(template).LogConfiguration.LogDriver).toBe('awslogs');
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('a read-only root filesystem with a writable scratch volume on /tmp', () => {
    const { template } = build();
    expect(container(template).ReadonlyRootFilesystem).toBe(true);
    expect(container(template).MountPoints).toEqual([{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'scratch' }]);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Volumes: [{ Name: 'scratch' }] });
  });

  test('the task role has no permissions; the execution role only writes logs', () => {
    const { template } = build();
    const roles = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.Roles.map((r: any) => r.Ref));
    expect(roles.filter((r: string) => r.startsWith('Api'))).toEqual([expect.stringMatching(/^ApiTaskDefinitionExecutionRole/)]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiLogGroup'), 'Arn'] },
        }],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('ApiTaskDefinitionExecutionRole') }],
    });
  });

  test('the task security group admits the load balancer only and sends HTTPS out only', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'FargateApiService tasks: from the load balancer only',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: Match.anyValue() }],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiLoadBalancerSecurityGroup'), 'GroupId'] },
    });
  });

  test('exposes its resources and is IConnectable', () => {
    const { api } = build();
    expect(api.cluster).toBeDefined();
    expect(api.service).toBeInstanceOf(ecs.FargateService);
    expect(api.taskDefinition).toBeDefined();
    expect(api.container.containerName).toBe('app');
    expect(api.loadBalancer).toBeDefined();
    expect(api.listener).toBeDefined();
    expect(api.targetGroup).toBeDefined();
    expect(api.logGroup).toBeDefined();
    expect(api.connections.securityGroups).toHaveLength(1);
    expect(api.internetFacing).toBe(true);
    expect(api.certificate).toBeUndefined();
    expect(api.cloudFrontAccess).toBeUndefined();
    expect(api.originHeaderName).toBeUndefined();
    expect(api.domainName).toBeUndefined();
  });

  test('is cdk-nag clean', () => {
    const { api } = build();
    expectNagClean(api);
  });

  test('in a VPC without SecureVpc subnet groups, tasks go to the private subnets with egress', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    new FargateApiService(stack, 'Api', { vpc, image: IMAGE });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ Subnets: [{ Ref: Match.stringLikeRegexp('VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPrivateSubnet2') }] }) },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Subnets: [{ Ref: Match.stringLikeRegexp('VpcPublicSubnet1') }, { Ref: Match.stringLikeRegexp('VpcPublicSubnet2') }],
    });
  });
});

describe('FargateApiService tasks', () => {
  test('containerPort moves the port mapping, target group and security group rule', () => {
    const { template } = build({ containerPort: 3000 });
    expect(container(template).PortMappings[0].ContainerPort).toBe(3000);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 3000 });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 3000, ToPort: 3000 });
  });

  test('containerName names the container and its log stream prefix', () => {
    const { template } = build({ containerName: 'api' });
    expect(container(template).Name).toBe('api');
    expect(container(template).LogConfiguration.Options['awslogs-stream-prefix']).toBe('api');
  });

  test('cpu and memoryLimitMiB size the task', () => {
    const { template } = build({ cpu: 1024, memoryLimitMiB: 3072 });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '1024', Memory: '3072' });
  });

  test('cpuArchitecture ARM64 runs on Graviton', () => {
    const { template } = build({ cpuArchitecture: ecs.CpuArchitecture.ARM64 });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' } });
  });

  test('environment and secrets reach the container', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Parameter', { parameterName: '/app/key' });
    new FargateApiService(stack, 'Api', {
      vpc: network.vpc, image: IMAGE, environment: { MODE: 'api' }, secrets: { API_KEY: ecs.Secret.fromSsmParameter(parameter) },
    });
    const def = container(Template.fromStack(stack));
    expect(def.Environment).toEqual([{ Name: 'MODE', Value: 'api' }]);
    expect(def.Secrets).toHaveLength(1);
    expect(def.Secrets[0].Name).toBe('API_KEY');
  });

  test('readonlyRootFilesystem false makes the root filesystem writable', () => {
    const { template } = build({ readonlyRootFilesystem: false });
    expect(container(template).ReadonlyRootFilesystem).toBe(false);
  });

  test('user runs the container as that non-root user; by default the image\'s USER', () => {
    expect(container(build().template).User).toBeUndefined();
    for (const user of ['1000', '1000:1000', 'node', 'app:app', 'nobody:65534']) {
      expect(container(build({ user }).template).User).toBe(user);
    }
  });

  test('scratchPath moves the scratch volume', () => {
    const { template } = build({ scratchPath: '/var/cache/app' });
    expect(container(template).MountPoints[0].ContainerPath).toBe('/var/cache/app');
  });

  test('allowAllOutbound opens all egress', () => {
    const { template } = build({ allowAllOutbound: true });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'FargateApiService tasks: from the load balancer only',
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: '-1' })],
    });
  });

  test('enableExecuteCommand turns on ECS Exec with the writable root filesystem its agent needs; cdk-nag clean', () => {
    const { api, template } = build({ enableExecuteCommand: true });
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true });
    expect(container(template).ReadonlyRootFilesystem).toBe(false);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ssmmessages:CreateControlChannel']) })]) },
    });
    expectNagClean(api);
  });

  test('healthCheckGracePeriod is set on the service', () => {
    const { template } = build({ healthCheckGracePeriod: Duration.minutes(3) });
    template.hasResourceProperties('AWS::ECS::Service', { HealthCheckGracePeriodSeconds: 180 });
  });

  test('logRetention sets the retention', () => {
    const { template } = build({ logRetention: logs.RetentionDays.SIX_MONTHS });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
  });

  test('logEncryptionKey encrypts the logs and lets CloudWatch Logs use the key', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, logEncryptionKey: key });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } })]) },
    });
  });

  test('a cluster you bring is used instead of a new one', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const cluster = new ecs.Cluster(stack, 'Shared', { vpc: network.vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, cluster });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.hasResourceProperties('AWS::ECS::Service', { Cluster: { Ref: Match.stringLikeRegexp('Shared') } });
    expect(api.cluster).toBe(cluster);
  });

  test('on a cluster you bring, a profile does not default to Fargate Spot (the cluster may lack its capacity provider)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const cluster = new ecs.Cluster(stack, 'Shared', { vpc: network.vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE, cluster, profile: EnvironmentProfile.dev() });
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10, profile: EnvironmentProfile.dev() });
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::ECS::Service', { LaunchType: 'FARGATE', CapacityProviderStrategy: Match.absent() }, 2);
  });

  test('a service attached to one with its own cluster defaults to the profile\'s Spot mix', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE, profile: EnvironmentProfile.dev() });
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10, profile: EnvironmentProfile.dev() });
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::ECS::Service', { CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT' })]) }, 2);
  });

  test('vpcSubnets places the tasks', () => {
    const { template } = build({ vpcSubnets: { subnetGroupName: 'Data' } });
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ Subnets: [{ Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet2') }] }) },
    });
  });
});

describe('FargateApiService profiles', () => {
  test.each([
    ['dev', EnvironmentProfile.dev(), { cpu: '256', memory: '512', arch: 'ARM64', min: 1, desired: 1, max: 3, retention: 7, logPolicy: 'Delete', spot: true, cpuTarget: 70, scaleIn: 300, dereg: '30', scheme: 'internal', deletionProtection: 'false', logExpiry: 7 }],
    ['staging', EnvironmentProfile.staging(), { cpu: '512', memory: '1024', arch: 'X86_64', min: 1, desired: 2, max: 5, retention: 30, logPolicy: 'Retain', spot: true, cpuTarget: 70, scaleIn: 300, dereg: '30', scheme: 'internet-facing', deletionProtection: 'false', logExpiry: 90 }],
    ['prod', EnvironmentProfile.prod(), { cpu: '1024', memory: '2048', arch: 'X86_64', min: 2, desired: 3, max: 10, retention: 90, logPolicy: 'Retain', spot: false, cpuTarget: 60, scaleIn: 600, dereg: '60', scheme: 'internet-facing', deletionProtection: 'true', logExpiry: 365 }],
  ])('%s profile defaults', (_name, profile, e) => {
    const { template } = build({ profile });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: e.cpu, Memory: e.memory, RuntimePlatform: Match.objectLike({ CpuArchitecture: e.arch }) });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: e.min, MaxCapacity: e.max });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: e.desired });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: e.retention });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: e.logPolicy });
    if (e.spot) {
      template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT' })]) });
    } else {
      template.hasResourceProperties('AWS::ECS::Service', { LaunchType: 'FARGATE' });
    }
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, TargetValue: e.cpuTarget, ScaleInCooldown: e.scaleIn }),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: e.dereg }]),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: e.scheme,
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: e.deletionProtection }]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [{ ExpirationInDays: e.logExpiry, Status: 'Enabled' }] } });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: e.logPolicy });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', e.logPolicy === 'Delete' ? 1 : 0);
  });

  test('dev runs its tasks on Fargate Spot only (part of the dev cost cut)', () => {
    const { template } = build({ profile: EnvironmentProfile.dev() });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [
        { CapacityProvider: 'FARGATE', Base: 0, Weight: 0 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
      ],
    });
  });

  test.each([
    ['dev', EnvironmentProfile.dev()],
    ['staging', EnvironmentProfile.staging()],
    ['prod', EnvironmentProfile.prod()],
  ])('%s profile is cdk-nag clean', (_name, profile) => {
    const { api } = build({ profile });
    expectNagClean(api);
  });

  test('dev defaults to an internal load balancer for a CloudFront VPC origin', () => {
    const { api } = build({ profile: EnvironmentProfile.dev() });
    expect(api.internetFacing).toBe(false);
    expect(api.cloudFrontAccess?.kind).toBe('VPC_ORIGIN');
  });

  test('dev with a domain name keeps an internet-facing load balancer', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, profile: EnvironmentProfile.dev(), domainName: 'api.example.com', hostedZone: zone(stack) });
    expect(api.internetFacing).toBe(true);
    expect(api.cloudFrontAccess).toBeUndefined();
  });

  test('explicit props win over the profile', () => {
    const { template } = build({
      profile: EnvironmentProfile.prod(),
      cpu: 256,
      memoryLimitMiB: 1024,
      minCapacity: 1,
      desiredCount: 1,
      maxCapacity: 2,
      capacity: FargateCapacity.spotMix(),
      deletionProtection: false,
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '256', Memory: '1024' });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 2 });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 1, CapacityProviderStrategy: Match.anyValue() });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
  });

  test.each<[string, object, { min: number; desired: number; max: number }]>([
    ['desiredCount 1', { desiredCount: 1 }, { min: 1, desired: 1, max: 10 }],
    ['desiredCount 15', { desiredCount: 15 }, { min: 2, desired: 15, max: 15 }],
    ['maxCapacity 1', { maxCapacity: 1 }, { min: 1, desired: 1, max: 1 }],
    ['desiredCount 0 with prod', { desiredCount: 0, profile: EnvironmentProfile.prod() }, { min: 0, desired: 0, max: 10 }],
  ])('%s alone moves the default task counts to fit it', (_name, props, e) => {
    const { template } = build(props);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: e.min, MaxCapacity: e.max });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: e.desired });
  });

  test('a minCapacity above the default max raises the default max and desired count', () => {
    const { template } = build({ minCapacity: 12 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 12, MaxCapacity: 12 });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 12 });
  });
});
