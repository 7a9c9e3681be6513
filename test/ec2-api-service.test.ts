import { Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { buildEc2, only } from './ec2-api-service-fixture';
import { IMAGE } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { Ec2ApiService, Ec2NetworkMode, EnvironmentProfile, FargateApiService, InstancePurchase } from '../src';

const AL2023_PARAMETER = '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id';

/** The parameter default behind the launch template's ImageId. */
function imageParameter(template: Template): string {
  const ref = only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.ImageId.Ref;
  return template.toJSON().Parameters[ref].Default;
}

/** The user data script of the launch template. */
function userData(stack: Stack, template: Template): string {
  return JSON.stringify(stack.resolve(only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.UserData));
}

describe('Ec2ApiService container user', () => {
  test('user is set on the EC2 task\'s application container too (the shared base)', () => {
    const { template } = buildEc2({ user: '1000:1000' });
    const def = only(template, 'AWS::ECS::TaskDefinition').ContainerDefinitions.find((c: any) => c.Name === 'app');
    expect(def.User).toBe('1000:1000');
    expect(() => buildEc2({ user: 'root' })).toThrow("Ec2ApiService 'Stack/Api': user must not be root");
  });
});

describe('Ec2ApiService instances', () => {
  test('launch from the ECS-optimized Amazon Linux 2023 AMI, resolved from its public SSM parameter at deployment', () => {
    const { template } = buildEc2();
    expect(imageParameter(template)).toBe(AL2023_PARAMETER);
    expect(template.toJSON().Parameters[only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.ImageId.Ref].Type)
      .toBe('AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>');
  });

  test('a Graviton instance type gets the arm64 AMI', () => {
    const { template } = buildEc2({ instances: { instanceType: new ec2.InstanceType('t4g.medium') } });
    expect(imageParameter(template)).toBe('/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id');
  });

  test('require IMDSv2 with one hop, so containers behind the Docker bridge cannot reach the instance credentials', () => {
    const { template } = buildEc2();
    expect(only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.MetadataOptions).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
  });

  test('awsvpc tasks are blocked from the metadata service, memory is kept for the agents, the group joins the cluster', () => {
    const { stack, template } = buildEc2();
    const script = userData(stack, template);
    expect(script).toContain('ECS_AWSVPC_BLOCK_IMDS=true');
    expect(script).toContain('ECS_RESERVED_MEMORY=256');
    expect(script).toContain('ECS_CLUSTER=');
    expect(script).not.toContain('ECS_ENABLE_SPOT_INSTANCE_DRAINING');
  });

  test('an encrypted gp3 root volume of 30 GiB, no key pair, detailed monitoring', () => {
    const { template } = buildEc2();
    const data = only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData;
    expect(data.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: true, Encrypted: true, VolumeSize: 30, VolumeType: 'gp3' } }]);
    expect(data.KeyName).toBeUndefined();
    expect(data.Monitoring).toEqual({ Enabled: true });
  });

  test('rootVolumeSize sets the root volume', () => {
    const { template } = buildEc2({ instances: { rootVolumeSize: Size.gibibytes(60) } });
    expect(only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeSize).toBe(60);
  });

  test('no port 22 and no inbound rule but the load balancer on the dynamic host ports', () => {
    const { template } = buildEc2();
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties);
    expect(ingress).toEqual([expect.objectContaining({
      FromPort: 32768,
      ToPort: 65535,
      GroupId: { 'Fn::GetAtt': [expect.stringMatching(/^ApiInstanceSecurityGroup/), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^ApiLoadBalancerSecurityGroup/), 'GroupId'] },
    })]);
    const inline = Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap((r: any) => r.Properties.SecurityGroupIngress ?? []);
    expect(inline.filter((rule: any) => rule.FromPort <= 22 && rule.ToPort >= 22)).toEqual([]);
  });

  test('the instance role has no managed policy, only the ECS agent and Session Manager actions', () => {
    const { template } = buildEc2();
    const role = Object.entries(template.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('ApiInstanceRole'))![1] as any;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const policy = Object.entries(template.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('ApiInstanceRole'))![1] as any;
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()).sort();
    expect(actions).toEqual([
      'ecr:GetAuthorizationToken', 'ecs:DeregisterContainerInstance', 'ecs:DiscoverPollEndpoint', 'ecs:Poll', 'ecs:RegisterContainerInstance',
      'ecs:StartTelemetrySession', 'ecs:Submit*', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ssm:UpdateInstanceInformation',
      'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel',
    ]);
  });

  test('the group is in the application subnets, protected from scale-in, with group metrics', () => {
    const { template } = buildEc2();
    const group = only(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(group.VPCZoneIdentifier).toEqual([{ Ref: Match.stringLikeRegexp('ApplicationSubnet1') }, { Ref: Match.stringLikeRegexp('ApplicationSubnet2') }].map(() => expect.objectContaining({ Ref: expect.stringMatching(/ApplicationSubnet/) })));
    expect(group.NewInstancesProtectedFromScaleIn).toBe(true);
    expect(group.MetricsCollection).toEqual([{ Granularity: '1Minute' }]);
    expect([group.MinSize, group.MaxSize]).toEqual(['1', '10']);
  });

  test('a managed capacity provider: scaling at 100 %, termination protection, draining, 5 minutes of warm-up', () => {
    const { template } = buildEc2();
    expect(only(template, 'AWS::ECS::CapacityProvider').AutoScalingGroupProvider).toEqual({
      AutoScalingGroupArn: { Ref: expect.stringMatching(/^ApiAutoScalingGroup/) },
      ManagedScaling: { Status: 'ENABLED', TargetCapacity: 100, InstanceWarmupPeriod: 300 },
      ManagedTerminationProtection: 'ENABLED',
      ManagedDraining: 'ENABLED',
    });
  });

  test('targetCapacityPercent and instanceWarmup set managed scaling', () => {
    const { template } = buildEc2({ instances: { targetCapacityPercent: 80, instanceWarmup: Duration.minutes(2) } });
    expect(only(template, 'AWS::ECS::CapacityProvider').AutoScalingGroupProvider.ManagedScaling)
      .toEqual({ Status: 'ENABLED', TargetCapacity: 80, InstanceWarmupPeriod: 120 });
  });

  test('instanceType, minInstances and maxInstances set the group', () => {
    const { template } = buildEc2({ instances: { instanceType: new ec2.InstanceType('m7g.large'), minInstances: 2, maxInstances: 4 } });
    expect(only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.InstanceType).toBe('m7g.large');
    const group = only(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect([group.MinSize, group.MaxSize]).toEqual(['2', '4']);
  });

  test('spotMix builds a mixed-instances policy with its base, percentage and extra types, and Spot draining', () => {
    const { stack, template } = buildEc2({
      instances: {
        instanceType: new ec2.InstanceType('t3.large'),
        purchase: InstancePurchase.spotMix({ onDemandBase: 2, onDemandPercentageAboveBase: 25, additionalInstanceTypes: [new ec2.InstanceType('t3a.large')] }),
      },
    });
    const policy = only(template, 'AWS::AutoScaling::AutoScalingGroup').MixedInstancesPolicy;
    expect(policy.InstancesDistribution).toEqual({ OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 25, SpotAllocationStrategy: 'price-capacity-optimized' });
    expect(policy.LaunchTemplate.Overrides).toEqual([{ InstanceType: 't3.large' }, { InstanceType: 't3a.large' }]);
    expect(only(template, 'AWS::AutoScaling::AutoScalingGroup').CapacityRebalance).toBe(true);
    expect(userData(stack, template)).toContain('ECS_ENABLE_SPOT_INSTANCE_DRAINING=true');
  });

  test('notificationTopic sends the group\'s launch and termination events to the topic', () => {
    const { template } = buildEc2({ instances: { notificationTopic: sns.Topic.fromTopicArn(new Stack(), 'T', 'arn:aws:sns:ap-northeast-1:111111111111:ops') } });
    expect(only(template, 'AWS::AutoScaling::AutoScalingGroup').NotificationConfigurations).toEqual([expect.objectContaining({
      TopicARN: 'arn:aws:sns:ap-northeast-1:111111111111:ops',
      NotificationTypes: expect.arrayContaining(['autoscaling:EC2_INSTANCE_LAUNCH_ERROR', 'autoscaling:EC2_INSTANCE_TERMINATE_ERROR']),
    })]);
  });
});

describe('Ec2ApiService tasks and service', () => {
  test('bridge mode by default: dynamic host ports, instance targets, CPU and memory on the container', () => {
    const { template } = buildEc2();
    const taskDefinition = only(template, 'AWS::ECS::TaskDefinition');
    expect(taskDefinition.NetworkMode).toBe('bridge');
    expect(taskDefinition.RequiresCompatibilities).toEqual(['EC2']);
    expect(taskDefinition.ContainerDefinitions[0]).toMatchObject({ Cpu: 256, Memory: 512, PortMappings: [{ ContainerPort: 8080, HostPort: 0 }] });
    expect(only(template, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toMatchObject({ TargetType: 'instance', HealthCheckPort: 'traffic-port' });
  });

  test('awsvpc mode: a task security group admitting the load balancer on the container port, ip targets', () => {
    const { template } = buildEc2({ networkMode: Ec2NetworkMode.AWS_VPC });
    expect(only(template, 'AWS::ECS::TaskDefinition').NetworkMode).toBe('awsvpc');
    expect(only(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').TargetType).toBe('ip');
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiLoadBalancerSecurityGroup'), 'GroupId'] },
    });
    expect(only(template, 'AWS::ECS::Service').NetworkConfiguration.AwsvpcConfiguration).toMatchObject({ AssignPublicIp: 'DISABLED' });
    // aws-cdk-lib adds AWS_REGION for awsvpc tasks on EC2; the AwsSolutions-ECS2 acknowledgement names it.
    expect(only(template, 'AWS::ECS::TaskDefinition').ContainerDefinitions[0].Environment).toEqual([{ Name: 'AWS_REGION', Value: 'ap-northeast-1' }]);
  });

  test('awsvpc mode with environment variables of yours leaves AwsSolutions-ECS2 to you', () => {
    const { api } = buildEc2({ networkMode: Ec2NetworkMode.AWS_VPC, environment: { LOG_LEVEL: 'info' } });
    expect(() => expectNagClean(api)).toThrow(/AwsSolutions-ECS2/);
  });

  test('the service runs on the capacity provider, spread over AZs then packed by memory, after the provider joins the cluster', () => {
    const { template } = buildEc2();
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0] as any;
    expect(service.Properties.CapacityProviderStrategy).toEqual([{ CapacityProvider: { Ref: expect.stringMatching(/^ApiCapacityProvider/) }, Weight: 1 }]);
    expect(service.Properties.PlacementStrategies).toEqual([
      { Field: 'attribute:ecs.availability-zone', Type: 'spread' },
      { Field: 'MEMORY', Type: 'binpack' },
    ]);
    const association = Object.keys(template.findResources('AWS::ECS::ClusterCapacityProviderAssociations'))[0];
    expect(service.DependsOn).toContain(association);
    expect(service.Properties.DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
  });

  test('a second Ec2ApiService attached to the first shares its instance group and cluster', () => {
    const { stack, api, network } = buildEc2();
    const back = new Ec2ApiService(stack, 'Back', { vpc: network.vpc, image: IMAGE, attachTo: api, pathPatterns: ['/api/*'], priority: 10 });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::ECS::Service'))).toHaveLength(2);
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    expect(back.autoScalingGroup).toBe(api.autoScalingGroup);
    expect(back.cluster).toBe(api.cluster);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 10 });
  });

  test('an attached bridge-mode Ec2ApiService sharing the group refuses its own vpcSubnets (its tasks run in the group\'s subnets); awsvpc places its tasks there', () => {
    const { stack, api, network } = buildEc2();
    const attached = { vpc: network.vpc, image: IMAGE, attachTo: api, pathPatterns: ['/api/*'], vpcSubnets: network.dataSubnets };
    expect(() => new Ec2ApiService(stack, 'Back', { ...attached, priority: 10 }))
      .toThrow(/vpcSubnets \(vpc_subnets\) and attachTo \(attach_to\) cannot be combined in bridge mode: the tasks run on the instances of Stack\/Api/);
    new Ec2ApiService(stack, 'Jobs', { ...attached, pathPatterns: ['/jobs/*'], priority: 20, networkMode: Ec2NetworkMode.AWS_VPC });
    const service = Object.entries(Template.fromStack(stack).findResources('AWS::ECS::Service')).find(([id]) => id.startsWith('Jobs'))![1] as any;
    expect(service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets).toEqual(
      network.vpc.selectSubnets(network.dataSubnets).subnetIds.map((id) => stack.resolve(id)));
  });

  test('an attached Ec2ApiService with its own instances gets its own group in the same cluster', () => {
    const { stack, api, network } = buildEc2();
    new Ec2ApiService(stack, 'Back', {
      vpc: network.vpc, image: IMAGE, attachTo: api, pathPatterns: ['/api/*'], priority: 10, instances: { instanceType: new ec2.InstanceType('c7g.large') },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 2);
    expect(only(template, 'AWS::ECS::ClusterCapacityProviderAssociations').CapacityProviders).toHaveLength(4);
  });

  test('an Ec2ApiService attached to a FargateApiService adds its own group to that service\'s cluster', () => {
    const { stack, network } = buildEc2();
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
    const api = new Ec2ApiService(stack, 'Back', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 });
    expect(api.cluster).toBe(web.cluster);
    const associations = Object.entries(Template.fromStack(stack).findResources('AWS::ECS::ClusterCapacityProviderAssociations'))
      .find(([id]) => id.startsWith('WebCluster'))![1] as any;
    expect(associations.Properties.CapacityProviders).toContainEqual({ Ref: expect.stringMatching(/^BackCapacityProvider/) });
  });

  test('a FargateApiService can join an Ec2ApiService listener', () => {
    const { stack, api, network } = buildEc2();
    const worker = new FargateApiService(stack, 'Worker', { vpc: network.vpc, image: IMAGE, attachTo: api, pathPatterns: ['/jobs/*'], priority: 20 });
    expect(worker.listener).toBe(api.listener);
    expect(worker.cluster).toBe(api.cluster);
  });

  test('exposes its resources and the instance metrics', () => {
    const { api, stack } = buildEc2();
    expect(api.service).toBeInstanceOf(ecs.Ec2Service);
    expect(api.taskDefinition).toBeInstanceOf(ecs.Ec2TaskDefinition);
    expect(api.networkMode).toBe(Ec2NetworkMode.BRIDGE);
    expect(api.instanceTypes.map(String)).toEqual(['t3.medium']);
    expect(api.connections.securityGroups).toHaveLength(1);
    const reservation = api.metricCapacityProviderReservation();
    expect(reservation.namespace).toBe('AWS/ECS/ManagedScaling');
    expect(Object.keys(reservation.dimensions!)).toEqual(['ClusterName', 'CapacityProviderName']);
    expect(stack.resolve(api.metricInstanceStatusCheckFailed().dimensions)).toEqual({ AutoScalingGroupName: { Ref: expect.stringMatching(/^ApiAutoScalingGroup/) } });
  });

  test('an instance type this library does not know gets a warning instead of a fit check', () => {
    const { stack } = buildEc2({ instances: { instanceType: new ec2.InstanceType('x2idn.16xlarge') } });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('x2idn.16xlarge is not known'));
  });
});

describe('Ec2ApiService profiles (the document\'s environment table)', () => {
  test.each([
    ['dev', 't3.small', '0', '3', true],
    ['staging', 't3.medium', '1', '5', true],
    ['prod', 't3.large', '2', '10', false],
  ])('%s: %s, %s to %s instances, Spot %s', (stage, instanceType, min, max, spot) => {
    const { template } = buildEc2({ profile: EnvironmentProfile.fromName(stage) });
    const group = only(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.InstanceType).toBe(instanceType);
    expect([group.MinSize, group.MaxSize]).toEqual([min, max]);
    expect(group.MixedInstancesPolicy !== undefined).toBe(spot);
  });

  test('dev Spot is all Spot; staging keeps one on-demand instance and half of the rest', () => {
    const dev = only(buildEc2({ profile: EnvironmentProfile.dev() }).template, 'AWS::AutoScaling::AutoScalingGroup');
    const staging = only(buildEc2({ profile: EnvironmentProfile.staging() }).template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(dev.MixedInstancesPolicy.InstancesDistribution).toMatchObject({ OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0 });
    expect(staging.MixedInstancesPolicy.InstancesDistribution).toMatchObject({ OnDemandBaseCapacity: 1, OnDemandPercentageAboveBaseCapacity: 50 });
  });

  test('explicit props win over the profile', () => {
    const { template } = buildEc2({
      profile: EnvironmentProfile.dev(),
      instances: { instanceType: new ec2.InstanceType('t3.medium'), minInstances: 1, maxInstances: 2, purchase: InstancePurchase.onDemand() },
    });
    const group = only(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(group.MixedInstancesPolicy).toBeUndefined();
    expect([group.MinSize, group.MaxSize]).toEqual(['1', '2']);
    expect(only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData.InstanceType).toBe('t3.medium');
  });

  test.each([
    ['dev', Ec2NetworkMode.BRIDGE], ['staging', Ec2NetworkMode.BRIDGE], ['prod', Ec2NetworkMode.BRIDGE],
    ['dev', Ec2NetworkMode.AWS_VPC], ['staging', Ec2NetworkMode.AWS_VPC], ['prod', Ec2NetworkMode.AWS_VPC],
  ])('is cdk-nag clean with %s in %s mode (AutoScaling, EC2 and ECS rules included)', (stage, networkMode) => {
    const { api } = buildEc2({ profile: EnvironmentProfile.fromName(stage), networkMode });
    expectNagClean(api);
  });
});
