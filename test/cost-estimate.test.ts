import * as fs from 'fs';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { tempApp } from './deploy-readiness-fixture';
import { CostEstimate, CostEstimateOptions, CostEstimateReport, EnvironmentProfile } from '../src';
import { runCli } from '../src/cli';
import { buildReferenceA } from './examples/reference-a-cdn-blog';
import { PRICES } from '../src/tools/private/price-table';

const HOURS = 730;

function estimate(app: App, options?: CostEstimateOptions): CostEstimateReport {
  const directory = app.synth().directory;
  try {
    return CostEstimate.fromAssembly(directory, options);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** A stack in `region` holding one L1 resource per entry. */
function stackWith(resources: Record<string, { type: string; properties?: Record<string, unknown> }>, region = 'us-east-1'): App {
  const app = tempApp();
  const stack = new Stack(app, 'Costed', { env: { region, account: '111111111111' } });
  for (const [id, r] of Object.entries(resources)) new CfnResource(stack, id, r);
  return app;
}

function monthlyOf(report: CostEstimateReport, type: string): number {
  return Math.round(report.stacks.flatMap((s) => s.lineItems).filter((i) => i.resourceType === type).reduce((a, i) => a + i.monthly, 0) * 100) / 100;
}

const price = (key: string, region = 'us-east-1') => PRICES[region][key].usd;
const money = (n: number) => Math.round(n * 100) / 100;

describe('CostEstimate prices every resource type of its table', () => {
  test('NAT gateway, Elastic IP and interface endpoint per AZ, in us-east-1 and Tokyo', () => {
    for (const region of ['us-east-1', 'ap-northeast-1']) {
      const report = estimate(stackWith({
        Nat: { type: 'AWS::EC2::NatGateway', properties: { SubnetId: 'subnet-1' } },
        Ip: { type: 'AWS::EC2::EIP' },
        Ecr: { type: 'AWS::EC2::VPCEndpoint', properties: { VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.${region}.ecr.api`, VpcId: 'vpc-1', SubnetIds: ['subnet-1', 'subnet-2'] } },
        S3: { type: 'AWS::EC2::VPCEndpoint', properties: { VpcEndpointType: 'Gateway', ServiceName: `com.amazonaws.${region}.s3`, VpcId: 'vpc-1' } },
      }, region));
      expect(monthlyOf(report, 'AWS::EC2::NatGateway')).toBe(money(HOURS * price('natGatewayHour', region)));
      expect(monthlyOf(report, 'AWS::EC2::EIP')).toBe(money(HOURS * 0.005));
      expect(monthlyOf(report, 'AWS::EC2::VPCEndpoint')).toBe(money(2 * HOURS * price('interfaceEndpointAzHour', region)));
      expect(report.stacks[0].lineItems.find((i) => i.resourceType === 'AWS::EC2::VPCEndpoint')?.description).toBe('interface endpoint ecr.api in 2 AZ(s)');
    }
    // Tokyo's NAT gateway costs more than Virginia's: the region decides the price.
    expect(price('natGatewayHour', 'ap-northeast-1')).toBeGreaterThan(price('natGatewayHour'));
  });

  test('an EC2 instance (NAT instance) with its volume, and an Auto Scaling group at its minimum', () => {
    const report = estimate(stackWith({
      NatInstance: { type: 'AWS::EC2::Instance', properties: { InstanceType: 't4g.nano', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, VolumeType: 'gp3' } }] } },
      Template: { type: 'AWS::EC2::LaunchTemplate', properties: { LaunchTemplateData: { InstanceType: 't3.small' } } },
      Group: { type: 'AWS::AutoScaling::AutoScalingGroup', properties: { MinSize: '2', MaxSize: '4', LaunchTemplate: { LaunchTemplateId: { Ref: 'Template' }, Version: '1' } } },
    }));
    expect(monthlyOf(report, 'AWS::EC2::Instance')).toBe(money(HOURS * price('ec2:t4g.nano')) + money(8 * price('ebsGp3GbMonth')));
    const group = report.stacks[0].lineItems.filter((i) => i.resourceType === 'AWS::AutoScaling::AutoScalingGroup');
    expect(group[0]).toMatchObject({ quantity: 2 * HOURS, unitPrice: price('ec2:t3.small'), description: '2 x t3.small (Auto Scaling group)' });
    expect(group[0].assumption).toMatch(/2 instance\(s\): the group's minimum size/);
    expect(group[1].assumption).toMatch(/8 GB gp3/);
  });

  test('an instance with an auto-assigned public IPv4 address pays for it, unless an Elastic IP replaces it', () => {
    const nic = { NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: true, SubnetId: 'subnet-1' }] };
    const report = estimate(stackWith({
      Auto: { type: 'AWS::EC2::Instance', properties: { InstanceType: 't4g.nano', ...nic } },
      WithEip: { type: 'AWS::EC2::Instance', properties: { InstanceType: 't4g.nano', ...nic } },
      Eip: { type: 'AWS::EC2::EIP', properties: { InstanceId: { Ref: 'WithEip' } } },
    }));
    const ipv4 = (id: string) => report.stacks[0].lineItems.filter((i) => i.resource.endsWith(`/${id}`) && i.unit === 'hour' && i.unitPrice === 0.005);
    expect(ipv4('Auto')).toHaveLength(1);
    expect(ipv4('WithEip')).toHaveLength(0);
    expect(monthlyOf(report, 'AWS::EC2::EIP')).toBe(money(HOURS * 0.005));
  });

  test('an ECS capacity group with a Spot mix and minimum 0 counts the one instance managed scaling starts, at on-demand', () => {
    const report = estimate(stackWith({
      Template: { type: 'AWS::EC2::LaunchTemplate', properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30 } }] } } },
      Group: {
        type: 'AWS::AutoScaling::AutoScalingGroup',
        properties: {
          MinSize: '0',
          MaxSize: '3',
          MixedInstancesPolicy: {
            InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 0 },
            LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Template' }, Version: '1' }, Overrides: [{ InstanceType: 't3.small' }] },
          },
        },
      },
      Provider: { type: 'AWS::ECS::CapacityProvider', properties: { AutoScalingGroupProvider: { AutoScalingGroupArn: { Ref: 'Group' } } } },
      Service: { type: 'AWS::ECS::Service', properties: { CapacityProviderStrategy: [{ CapacityProvider: { Ref: 'Provider' }, Weight: 1 }] } },
    }, 'ap-northeast-1'));
    const items = report.stacks[0].lineItems;
    expect(items.map((i) => i.monthly)).toEqual([money(HOURS * price('ec2:t3.small', 'ap-northeast-1')), money(30 * price('ebsGp3GbMonth', 'ap-northeast-1'))]);
    expect(items[0].assumption).toMatch(/ECS managed scaling runs 1 instance.*Spot instances priced at on-demand/);
    expect(report.usageBased.map((u) => u.resourceType)).toEqual(['AWS::ECS::Service']);
  });

  test('load balancers: hours, the LCU assumption, and public IPv4 addresses when internet-facing', () => {
    const app = stackWith({
      Internal: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', properties: { Scheme: 'internal', Type: 'application', Subnets: ['a', 'b'] } },
      Public: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', properties: { Scheme: 'internet-facing', Type: 'application', Subnets: ['a', 'b', 'c'] } },
      Network: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', properties: { Scheme: 'internal', Type: 'network', Subnets: ['a', 'b'] } },
      Gateway: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', properties: { Type: 'gateway', Subnets: ['a'] } },
    });
    const report = estimate(app, { loadBalancerCapacityUnits: 1 });
    const items = report.stacks[0].lineItems;
    const internal = items.filter((i) => i.resource.endsWith('/Internal'));
    expect(internal.map((i) => i.monthly)).toEqual([money(HOURS * price('albHour')), money(HOURS * 0.008)]);
    const ipv4 = items.find((i) => i.resource.endsWith('/Public') && i.description.startsWith('public IPv4'));
    expect(ipv4).toMatchObject({ quantity: 3 * HOURS, unitPrice: 0.005 });
    expect(report.assumptions.join('\n')).toMatch(/1 LCU per load balancer/);
    expect(items.find((i) => i.resource.endsWith('/Network'))).toMatchObject({ description: 'network load balancer hours', unitPrice: price('nlbHour') });
    expect(report.unpriced.map((u) => u.reason)).toEqual(["load balancer type 'gateway' is not in the price table"]);
  });

  test('Fargate: task size x task count (auto-scaling minimum), ARM64 prices, and the Spot discount', () => {
    const report = estimate(stackWith({
      Task: { type: 'AWS::ECS::TaskDefinition', properties: { Cpu: '512', Memory: '1024', RuntimePlatform: { CpuArchitecture: 'ARM64' } } },
      Service: { type: 'AWS::ECS::Service', properties: { DesiredCount: 3, TaskDefinition: { Ref: 'Task' }, CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] } },
      Target: { type: 'AWS::ApplicationAutoScaling::ScalableTarget', properties: { MinCapacity: 2, MaxCapacity: 4, ScalableDimension: 'ecs:service:DesiredCount', ServiceNamespace: 'ecs', ResourceId: { 'Fn::Join': ['', ['service/c/', { 'Fn::GetAtt': ['Service', 'Name'] }]] } } },
      OnDemand: { type: 'AWS::ECS::Service', properties: { DesiredCount: 1, LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Task' } } },
      Mixed: {
        type: 'AWS::ECS::Service',
        properties: {
          DesiredCount: 3,
          TaskDefinition: { Ref: 'Task' },
          CapacityProviderStrategy: [
            { CapacityProvider: 'FARGATE', Base: 1, Weight: 1 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
          ],
        },
      },
    }));
    const spot = report.stacks[0].lineItems.filter((i) => i.resource.endsWith('/Service'));
    expect(spot[0]).toMatchObject({ quantity: 2 * HOURS * 0.5, unit: 'vCPU-hour' });
    expect(spot[0].unitPrice).toBeCloseTo(price('fargateArmVcpuHour') * 0.3, 8);
    expect(spot[1]).toMatchObject({ quantity: 2 * HOURS * 1, unit: 'GB-hour' });
    expect(spot[0].assumption).toMatch(/2 task\(s\): the auto-scaling minimum.*100% on Fargate Spot/);
    // 3 tasks: 1 on-demand base, the other 2 split 1:1, so a third of the task-hours run on Spot.
    const mixed = report.stacks[0].lineItems.find((i) => i.resource.endsWith('/Mixed'))!;
    expect(mixed.unitPrice).toBeCloseTo(price('fargateArmVcpuHour') * (1 - 0.7 / 3), 8);
    expect(mixed.assumption).toMatch(/3 task\(s\): the desired count.*33% on Fargate Spot/);
    const onDemand = report.stacks[0].lineItems.filter((i) => i.resource.endsWith('/OnDemand'));
    expect(onDemand.map((i) => i.monthly)).toEqual([money(HOURS * 0.5 * price('fargateArmVcpuHour')), money(HOURS * price('fargateArmGbHour'))]);
  });

  test('Aurora Serverless v2 at its minimum ACU (zero when it pauses), Aurora and RDS instance classes, Multi-AZ', () => {
    const report = estimate(stackWith({
      Paused: { type: 'AWS::RDS::DBCluster', properties: { Engine: 'aurora-postgresql', ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 2 } } },
      PausedWriter: { type: 'AWS::RDS::DBInstance', properties: { DBClusterIdentifier: { Ref: 'Paused' }, DBInstanceClass: 'db.serverless', Engine: 'aurora-postgresql' } },
      Warm: { type: 'AWS::RDS::DBCluster', properties: { Engine: 'aurora-mysql', ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 } } },
      WarmWriter: { type: 'AWS::RDS::DBInstance', properties: { DBClusterIdentifier: { Ref: 'Warm' }, DBInstanceClass: 'db.serverless', Engine: 'aurora-mysql' } },
      WarmReader: { type: 'AWS::RDS::DBInstance', properties: { DBClusterIdentifier: { Ref: 'Warm' }, DBInstanceClass: 'db.r6g.large', Engine: 'aurora-mysql' } },
      Rds: { type: 'AWS::RDS::DBInstance', properties: { DBInstanceClass: 'db.t3.micro', Engine: 'mysql', MultiAZ: true, AllocatedStorage: '20' } },
    }, 'ap-northeast-1'));
    const items = report.stacks[0].lineItems;
    const of = (id: string) => items.filter((i) => i.resource.endsWith(`/${id}`)).map((i) => i.monthly);
    expect(of('PausedWriter')).toEqual([0]);
    expect(items.find((i) => i.resource.endsWith('/PausedWriter'))?.assumption).toMatch(/pauses/);
    expect(of('WarmWriter')).toEqual([money(0.5 * HOURS * price('auroraAcuHour', 'ap-northeast-1'))]);
    expect(of('WarmReader')).toEqual([money(HOURS * price('aurora:db.r6g.large', 'ap-northeast-1'))]);
    expect(of('Rds')).toEqual([money(2 * HOURS * price('rds:db.t3.micro', 'ap-northeast-1')), money(40 * price('rdsStorageGbMonth', 'ap-northeast-1'))]);
    expect(of('Paused')).toEqual([money(price('auroraStorageGbMonth', 'ap-northeast-1'))]);
  });

  test('KMS keys, secrets, a WAF web ACL with its rules, alarms, dashboards, log ingestion and hosted zones', () => {
    const report = estimate(stackWith({
      Key: { type: 'AWS::KMS::Key', properties: { KeyPolicy: {} } },
      Secret: { type: 'AWS::SecretsManager::Secret' },
      Acl: { type: 'AWS::WAFv2::WebACL', properties: { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} }, VisibilityConfig: {}, Rules: [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }] } },
      Alarm: { type: 'AWS::CloudWatch::Alarm', properties: { Period: 60 } },
      FastAlarm: { type: 'AWS::CloudWatch::Alarm', properties: { Period: 10 } },
      Board: { type: 'AWS::CloudWatch::Dashboard', properties: { DashboardBody: '{}' } },
      Logs: { type: 'AWS::Logs::LogGroup' },
      Zone: { type: 'AWS::Route53::HostedZone', properties: { Name: 'example.com' } },
    }), { logIngestionGbPerLogGroup: 2 });
    expect(monthlyOf(report, 'AWS::KMS::Key')).toBe(1);
    expect(monthlyOf(report, 'AWS::SecretsManager::Secret')).toBe(0.4);
    expect(monthlyOf(report, 'AWS::WAFv2::WebACL')).toBe(5 + 3);
    expect(monthlyOf(report, 'AWS::CloudWatch::Alarm')).toBe(money(0.1 + 0.3));
    expect(monthlyOf(report, 'AWS::CloudWatch::Dashboard')).toBe(3);
    expect(monthlyOf(report, 'AWS::Logs::LogGroup')).toBe(money(2 * price('cloudwatchLogIngestGb')));
    expect(monthlyOf(report, 'AWS::Route53::HostedZone')).toBe(0.5);
  });

  test('backup storage in the stack region and its copy in the destination region; Amplify Hosting', () => {
    const report = estimate(stackWith({
      Plan: { type: 'AWS::Backup::BackupPlan', properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'r', TargetBackupVault: 'v', CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:ap-northeast-3:111111111111:backup-vault:dr' }] }] } } },
      Selection: { type: 'AWS::Backup::BackupSelection', properties: { BackupPlanId: { Ref: 'Plan' }, BackupSelection: { IamRoleArn: 'r', SelectionName: 's' } } },
      Amplify: { type: 'AWS::Amplify::App', properties: { Name: 'site' } },
    }, 'ap-northeast-1'), { backupStorageGb: 10 });
    const backup = report.stacks[0].lineItems.filter((i) => i.resourceType === 'AWS::Backup::BackupSelection');
    expect(backup.map((i) => [i.region, i.monthly])).toEqual([
      ['ap-northeast-1', money(10 * price('backupStorageGbMonth', 'ap-northeast-1'))],
      ['ap-northeast-3', money(10 * price('backupStorageGbMonth', 'ap-northeast-3'))],
    ]);
    expect(monthlyOf(report, 'AWS::Amplify::App')).toBe(money(price('amplifyStorageGbMonth', 'ap-northeast-1')));
  });
});

describe('CostEstimate never counts what it cannot price as zero', () => {
  test('an unknown type, an instance type missing from the table and a region missing from it are unpriced', () => {
    const report = estimate(stackWith({
      Cache: { type: 'AWS::ElastiCache::CacheCluster', properties: { CacheNodeType: 'cache.t3.micro', Engine: 'redis', NumCacheNodes: 1 } },
      Big: { type: 'AWS::EC2::Instance', properties: { InstanceType: 'x2iedn.32xlarge' } },
      Ip: { type: 'AWS::EC2::EIP' },
    }));
    expect(report.unpriced.map((u) => [u.resourceType, u.reason])).toEqual([
      ['AWS::ElastiCache::CacheCluster', 'the estimate has no prices for AWS::ElastiCache::CacheCluster'],
      ['AWS::EC2::Instance', "no price for 'ec2:x2iedn.32xlarge' in us-east-1 in the price table"],
    ]);
    expect(report.monthly).toBe(money(HOURS * 0.005));
    expect(CostEstimate.format(report)).toMatch(/Unpriced \(not in the total\): 2\n {2}Costed\/Cache \(AWS::ElastiCache::CacheCluster\)/);
    expect(CostEstimate.format(report)).toMatch(/\+ 2 unpriced resource\(s\)/);

    const elsewhere = estimate(stackWith({ Nat: { type: 'AWS::EC2::NatGateway', properties: { SubnetId: 's' } } }, 'sa-east-1'));
    expect(elsewhere.unpriced[0].reason).toBe('the price table has no region sa-east-1');
    expect(elsewhere.monthly).toBe(0);
  });

  test('usage-only resources are listed as usage-based, and bad options are refused', () => {
    const app = stackWith({ Bucket: { type: 'AWS::S3::Bucket' } });
    const report = estimate(app);
    expect(report.usageBased).toEqual([{ stackName: 'Costed', resource: 'Costed/Bucket', resourceType: 'AWS::S3::Bucket', chargedFor: 'storage and requests' }]);
    expect(() => CostEstimate.fromAssembly('.', { hoursPerMonth: 0 })).toThrow('CostEstimate: hoursPerMonth (hours_per_month) must be a positive number, got 0');
    expect(() => CostEstimate.fromAssembly('.', { loadBalancerCapacityUnits: -1 })).toThrow('loadBalancerCapacityUnits (load_balancer_capacity_units) must be zero or more, got -1');
  });
});

describe('CostEstimate on reference A in the dev profile', () => {
  const app = tempApp();
  buildReferenceA(app, EnvironmentProfile.dev());
  const directory = app.synth().directory;
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  test('prices every resource of the stack, per construct, and the command prints it', () => {
    const report = CostEstimate.fromAssembly(directory);
    expect(report.unpriced).toEqual([]);
    const stack = report.stacks[0];
    expect(stack.region).toBe('us-east-1');
    expect(stack.constructs.map((c) => c.construct)).toEqual(expect.arrayContaining(['Blog/Network', 'Blog/Api', 'Blog/Database', 'Blog/Alarms']));
    expect(stack.monthly).toBeCloseTo(stack.constructs.reduce((a, c) => a + c.monthly, 0), 1);
    // The dev target of the README: at most $30 a month idle (WAF, dashboard and on-demand tasks cut in dev).
    expect(report.monthly).toBeLessThanOrEqual(30);
    expect(report.stacks[0].lineItems.map((i) => i.resourceType)).not.toContain('AWS::WAFv2::WebACL');
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((s: string) => { lines.push(s); });
    try {
      expect(runCli(['cost', directory])).toBe(0);
      expect(runCli(['cost', directory, '--json'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toContain(`Total: $${report.monthly.toFixed(2)}/month in 1 stack(s)`);
    expect(JSON.parse(lines[1]).monthly).toBe(report.monthly);
  });
});
