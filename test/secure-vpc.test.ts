import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgedReasons, expectNagClean, nagFindings } from './nag';
import { EnvironmentProfile, FlowLogs, NatStrategy, SecureVpc, SecureVpcProps } from '../src';

const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };

function build(props?: SecureVpcProps, env?: { account: string; region: string }) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  const network = new SecureVpc(stack, 'Network', props);
  return { app, stack, network, template: Template.fromStack(stack) };
}

function subnetCidrs(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::Subnet')).map((r: any) => r.Properties.CidrBlock).sort();
}

describe('SecureVpc defaults', () => {
  test('a 10.0.0.0/16 VPC over 2 AZs with three /24 tiers', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    expect(subnetCidrs(template)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24']);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 6);
  });

  test('one NAT gateway per AZ and an S3 gateway endpoint', () => {
    const { template } = build();
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.s3'])]) }),
    });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
  });

  test('flow logs of ALL traffic to a log group with finite retention', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('the default security group is stripped of all rules', () => {
    const { template } = build();
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('exposes the three tiers as subnet selections', () => {
    const { network } = build();
    const app = network.vpc.selectSubnets(network.applicationSubnets);
    expect(app.subnets).toHaveLength(2);
    expect(app.subnets.every((s) => network.vpc.privateSubnets.includes(s))).toBe(true);
    expect(network.vpc.selectSubnets(network.dataSubnets).subnets.every((s) => network.vpc.isolatedSubnets.includes(s))).toBe(true);
    expect(network.vpc.selectSubnets(network.publicSubnets).subnets.every((s) => network.vpc.publicSubnets.includes(s))).toBe(true);
    expect(network.flowLog).toBeDefined();
    expect(network.flowLogGroup).toBeDefined();
  });

  test('is cdk-nag clean', () => {
    const { network } = build();
    expectNagClean(network);
  });
});

describe('SecureVpc AZs', () => {
  test('azCount 3 in a stack with a region gives nine subnets', () => {
    const { template } = build({ azCount: 3, availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] }, TOKYO);
    template.resourceCountIs('AWS::EC2::Subnet', 9);
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  test('availabilityZones are used as given', () => {
    const { template } = build({ availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] }, TOKYO);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { AvailabilityZone: 'ap-northeast-1a' }, 3);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { AvailabilityZone: 'ap-northeast-1c' }, 3);
  });

  test.each([1, 4, 2.5])('refuses azCount %p', (azCount) => {
    expect(() => build({ azCount })).toThrow(`azCount (az_count) must be 2 or 3; got ${azCount}`);
  });

  test('refuses 3 AZs in a region-agnostic stack without availabilityZones', () => {
    expect(() => build({ azCount: 3 })).toThrow('azCount (az_count) of 3 needs a stack with env.account and env.region or explicit availabilityZones (a stack without both only knows 2 AZs); got 3');
  });

  test('refuses 3 AZs in a stack with env.region but no env.account (it only knows 2 AZs there)', () => {
    const stack = new Stack(new App(), 'Stack', { env: { region: 'ap-northeast-1' } });
    expect(() => new SecureVpc(stack, 'Network', { profile: EnvironmentProfile.prod() })).toThrow('azCount (az_count) of 3 needs a stack with env.account and env.region or explicit availabilityZones (a stack without both only knows 2 AZs); got 3');
    const listed = new Stack(new App(), 'Listed', { env: { region: 'ap-northeast-1' } });
    new SecureVpc(listed, 'Network', { profile: EnvironmentProfile.prod(), availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] });
    Template.fromStack(listed).resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  test('refuses availabilityZones of the wrong length', () => {
    expect(() => build({ availabilityZones: ['ap-northeast-1a'] }, TOKYO)).toThrow(/availabilityZones \(availability_zones\) must list 2 or 3 AZs; got \['ap-northeast-1a'\]/);
  });

  test('refuses azCount that disagrees with availabilityZones', () => {
    expect(() => build({ azCount: 3, availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] }, TOKYO))
      .toThrow(/azCount \(az_count\) and availabilityZones \(availability_zones\) disagree/);
  });
});

describe('SecureVpc CIDRs', () => {
  test('a custom VPC CIDR moves every subnet with it', () => {
    const { template } = build({ cidr: '10.20.0.0/16' });
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    expect(subnetCidrs(template)[0]).toBe('10.20.0.0/24');
  });

  test.each(['10.0.0.0', '10.0.0.1/16', '300.0.0.0/16', '10.0.0.0/8'])('refuses cidr %p', (cidr) => {
    expect(() => build({ cidr })).toThrow(`cidr must be an IPv4 CIDR block with a prefix between /16 and /28; got '${cidr}'`);
  });

  test('an explicit subnet plan gives exactly those CIDRs (reference A)', () => {
    const { template } = build({
      subnetPlan: {
        publicCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
        applicationCidrs: ['10.0.11.0/24', '10.0.12.0/24'],
        dataCidrs: ['10.0.21.0/24', '10.0.22.0/24'],
      },
    });
    expect(subnetCidrs(template)).toEqual(['10.0.1.0/24', '10.0.11.0/24', '10.0.12.0/24', '10.0.2.0/24', '10.0.21.0/24', '10.0.22.0/24']);
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.0.1.0/24', MapPublicIpOnLaunch: false, Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-name', Value: 'Public' }]) });
    template.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.0.12.0/24', Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-name', Value: 'Application' }]) });
  });

  test('a tier left out of the plan gets the next free /24 blocks', () => {
    const { template } = build({ subnetPlan: { publicCidrs: ['10.0.0.0/24', '10.0.1.0/24'] } });
    expect(subnetCidrs(template)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24']);
  });

  test('refuses a CIDR that is not valid IPv4', () => {
    expect(() => build({ subnetPlan: { publicCidrs: ['10.0.1.0/24', '10.0.2.300/24'] } }))
      .toThrow("subnetPlan.publicCidrs (subnet_plan.public_cidrs) must be a valid IPv4 CIDR block such as 10.0.1.0/24; got '10.0.2.300/24'");
  });

  test('refuses a subnet outside the VPC CIDR', () => {
    expect(() => build({ subnetPlan: { applicationCidrs: ['10.0.11.0/24', '10.1.12.0/24'] } }))
      .toThrow("subnetPlan.applicationCidrs (subnet_plan.application_cidrs) must lie inside the VPC CIDR 10.0.0.0/16; got '10.1.12.0/24'");
  });

  test('refuses overlapping subnets', () => {
    expect(() => build({ subnetPlan: { publicCidrs: ['10.0.1.0/24', '10.0.2.0/24'], dataCidrs: ['10.0.2.128/25', '10.0.3.0/24'] } }))
      .toThrow("subnetPlan.dataCidrs (subnet_plan.data_cidrs) must not overlap another subnet (subnetPlan.publicCidrs has 10.0.2.0/24); got '10.0.2.128/25'");
  });

  test('refuses a count that does not match the AZ count', () => {
    expect(() => build({ subnetPlan: { publicCidrs: ['10.0.1.0/24'] } }))
      .toThrow("subnetPlan.publicCidrs (subnet_plan.public_cidrs) must list exactly one CIDR per AZ (2); got ['10.0.1.0/24']");
  });
});

describe('SecureVpc NAT strategies', () => {
  test('singleGateway creates one NAT gateway', () => {
    const { template, network } = build({ natStrategy: NatStrategy.singleGateway() });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    expectNagClean(network);
  });

  test('gatewayPerAz is cdk-nag clean with 3 AZs', () => {
    const { network } = build({ natStrategy: NatStrategy.gatewayPerAz(), availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] }, TOKYO);
    expectNagClean(network);
  });

  test('instance creates a Graviton t4g.nano with IMDSv2 and a VPC-only security group', () => {
    const { template, network } = build({ natStrategy: NatStrategy.instance() });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't4g.nano', SourceDestCheck: false });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Security Group for NAT instances',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', IpProtocol: '-1' })],
    });
    template.hasResourceProperties('AWS::EC2::Instance', {
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3' } }],
    });
    expect(network.natInstanceProvider).toBeDefined();
    expectNagClean(network);
  });

  test('instance has a public address: launched with one, then an Elastic IP that survives its replacement', () => {
    const { template } = build({ natStrategy: NatStrategy.instance() });
    const [instanceId] = Object.keys(template.findResources('AWS::EC2::Instance'));
    template.hasResourceProperties('AWS::EC2::Instance', {
      NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: true, DeviceIndex: '0' })],
    });
    template.hasResource('AWS::EC2::EIP', {
      Properties: { Domain: 'vpc', InstanceId: { Ref: instanceId } },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('VPCGW')]),
    });
  });

  test('instance launch template has no fixed name, with or without the unique-name feature flag', () => {
    for (const flag of [false, true]) {
      const app = new App({ context: { '@aws-cdk/aws-ec2:uniqueImdsv2TemplateName': flag } });
      const stack = new Stack(app, 'Stack');
      new SecureVpc(stack, 'Network', { natStrategy: NatStrategy.instance() });
      const template = Template.fromStack(stack);
      const [launchTemplateId] = Object.keys(template.findResources('AWS::EC2::LaunchTemplate'));
      template.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateName: Match.absent() });
      template.hasResourceProperties('AWS::EC2::Instance', {
        LaunchTemplate: { LaunchTemplateId: { Ref: launchTemplateId }, Version: { 'Fn::GetAtt': [launchTemplateId, 'LatestVersionNumber'] } },
      });
    }
  });

  test('instance: EC28 acknowledged with the stage and the choice, detailed monitoring in prod instead', () => {
    const reasonOf = (props: SecureVpcProps) => acknowledgedReasons(build(props).template, 'AwsSolutions-EC28', 'AWS::EC2::Instance');
    expect(reasonOf({ profile: EnvironmentProfile.dev() })).toEqual([
      "A NAT instance (the dev profile's default natStrategy) with the dev profile: it reports the 5-minute basic EC2 metrics; detailed 1-minute monitoring is turned on with the prod profile only.",
    ]);
    expect(reasonOf({ profile: EnvironmentProfile.staging(), natStrategy: NatStrategy.instance() })).toEqual([
      'A NAT instance (natStrategy: NatStrategy.instance()) with the staging profile: it reports the 5-minute basic EC2 metrics; detailed 1-minute monitoring is turned on with the prod profile only.',
    ]);
    expect(reasonOf({ natStrategy: NatStrategy.instance() })[0]).toContain('with no profile');
    const prod = build({ profile: EnvironmentProfile.prod(), natStrategy: NatStrategy.instance(), availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] }, TOKYO);
    expect(acknowledgedReasons(prod.template, 'AwsSolutions-EC28')).toEqual([]);
    prod.template.hasResourceProperties('AWS::EC2::Instance', { Monitoring: true });
    expectNagClean(prod.network);
  });

  test('instance accepts another instance type', () => {
    const { template } = build({ natStrategy: NatStrategy.instance({ instanceType: new ec2.InstanceType('t3.micro') }) });
    template.hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't3.micro' });
  });

  test('none isolates the application subnets and adds the ECS endpoints with a 443-from-VPC group', () => {
    const { template, network } = build({ natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true } });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0' }, 2); // public subnets only
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 4);
    const services = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((r: any) => JSON.stringify(r.Properties.ServiceName));
    for (const svc of ['.ecr.api', '.ecr.dkr', '.logs', '.secretsmanager']) {
      expect(services.some((s) => s.includes(svc))).toBe(true);
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the VPC' }],
    });
    expect(network.endpointSecurityGroup).toBeDefined();
    expect(network.vpc.selectSubnets(network.applicationSubnets).subnets.every((s) => network.vpc.isolatedSubnets.includes(s))).toBe(true);
    expectNagClean(network);
  });

  test('none without the container endpoints warns that tasks cannot pull images, and creates none', () => {
    const { stack, template } = build({ natStrategy: NatStrategy.none() });
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('cannot pull images'));
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 0);
  });

  test('none with the container endpoints but without the S3 gateway warns that image layers are out of reach', () => {
    const { stack, template } = build({ natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true, s3Gateway: false } });
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('cannot download image layers, which ECR serves from S3'));
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 0);
  });

  test('a NAT without the S3 gateway: layers come through the NAT, no warning', () => {
    const { stack } = build({ endpoints: { s3Gateway: false } });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Network', Match.anyValue());
  });

  test('a NAT with no endpoints asked for: no interface endpoints and no warning', () => {
    const { stack, template } = build();
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 0);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Network', Match.anyValue());
  });
});

describe('SecureVpc endpoints', () => {
  test('optional gateway and interface endpoints', () => {
    const { template } = build({ endpoints: { s3Gateway: false, dynamoDbGateway: true, ssm: true, ecs: true } });
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 1);
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 4);
    const services = JSON.stringify(template.findResources('AWS::EC2::VPCEndpoint'));
    expect(services).toContain('.dynamodb');
    expect(services).not.toContain('.s3');
    expect(services).toContain('.ssm');
    expect(services).toContain('.ecs-agent');
  });

  test('containerImagePull can be asked for with a NAT too', () => {
    const { template } = build({ endpoints: { containerImagePull: true } });
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true }, 4);
  });
});

describe('SecureVpc flow logs', () => {
  test('CloudWatch Logs with retention, traffic type and a key', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new SecureVpc(stack, 'Network', {
      flowLogs: FlowLogs.toCloudWatchLogs({
        retention: logs.RetentionDays.ONE_MONTH,
        trafficType: ec2.FlowLogTrafficType.REJECT,
        encryptionKey: key,
      }),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyId: Match.anyValue() });
  });

  test('S3 to an encrypted, SSL-only, private bucket with expiry', () => {
    const { template, network } = build({ flowLogs: FlowLogs.toS3() });
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogDestinationType: 's3', TrafficType: 'ALL' });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(network.flowLogBucket).toBeDefined();
    expectNagClean(network);
  });

  test('S3 with a custom expiration', () => {
    const { template } = build({ flowLogs: FlowLogs.toS3({ expiration: Duration.days(14) }) });
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 14 })] } });
  });

  test('S3 to a bucket the user brings', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'my-flow-logs');
    new SecureVpc(stack, 'Network', { flowLogs: FlowLogs.toS3({ bucket }) });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::FlowLog', {
      LogDestination: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':s3:::my-flow-logs'])]) }),
    });
  });

  test('refuses an expiration for a bucket the user brings', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'my-flow-logs');
    expect(() => new SecureVpc(stack, 'Network', { flowLogs: FlowLogs.toS3({ bucket, expiration: Duration.days(3) }) }))
      .toThrow(/flowLogs.bucket \(flow_logs\.bucket\) and flowLogs.expiration \(flow_logs\.expiration\) cannot be combined/);
  });

  test('disabled is explicit and warns', () => {
    const { template, stack, network } = build({ flowLogs: FlowLogs.disabled() });
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    expect(network.flowLog).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('Flow logs are disabled'));
  });

  test('disabled without a reason leaves VPC7 to the user: cdk-nag flags the VPC', () => {
    const { template, network } = build({ flowLogs: FlowLogs.disabled() });
    expect(acknowledgedReasons(template, 'AwsSolutions-VPC7')).toEqual([]);
    expect(nagFindings(network)).toContain('AwsSolutions-VPC7');
  });

  test('disabled with a reason acknowledges VPC7 (and the NIST rule) on the VPC with that reason', () => {
    for (const reason of ['A sandbox VPC that is torn down nightly', 'Traffic is mirrored to the central IDS instead']) {
      const { template, stack, network } = build({ flowLogs: FlowLogs.disabled(reason) });
      expect(acknowledgedReasons(template, 'AwsSolutions-VPC7', 'AWS::EC2::VPC')).toEqual([`Flow logs are disabled by FlowLogs.disabled(reason): ${reason}`]);
      expect(acknowledgedReasons(template, 'NIST.800.53.R5-VPCFlowLogsEnabled', 'AWS::EC2::VPC')).toEqual([`Flow logs are disabled by FlowLogs.disabled(reason): ${reason}`]);
      Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp(`acknowledged with your reason: ${reason}`));
      expectNagClean(network);
    }
  });

  test('disabled refuses an empty reason', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new SecureVpc(stack, 'Network', { flowLogs: FlowLogs.disabled('  ') }))
      .toThrow(/flowLogs \(flow_logs\) \(FlowLogs.disabled reason\) must say in at least 10 characters why this VPC needs no flow logs.*; got '  '/);
  });
});

describe('SecureVpc profiles', () => {
  test('dev: a NAT instance, one-week flow logs that are deleted with the stack', () => {
    const { template, network } = build({ profile: EnvironmentProfile.dev() });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Instance', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    expectNagClean(network);
  });

  test('staging: one NAT gateway', () => {
    const { template } = build({ profile: EnvironmentProfile.staging() });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('prod: 3 AZs, NAT per AZ, one-year retained flow logs', () => {
    const { template } = build({ profile: EnvironmentProfile.prod(), availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] }, TOKYO);
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  test('explicit props win over the profile', () => {
    const { template } = build({ profile: EnvironmentProfile.dev(), natStrategy: NatStrategy.singleGateway() });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::Instance', 0);
  });

  test('fromName reads a stage name and refuses others', () => {
    expect(EnvironmentProfile.fromName('prod').isProduction).toBe(true);
    expect(() => EnvironmentProfile.fromName('qa')).toThrow("EnvironmentProfile.fromName (EnvironmentProfile.from_name): name must be one of dev, staging, prod (case-insensitive); got 'qa'");
  });
});
