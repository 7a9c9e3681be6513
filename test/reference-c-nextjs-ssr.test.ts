import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildReferenceCEnvironments } from './examples/reference-c-nextjs-ssr';

/** The properties of every resource of a type. */
function all(template: Template, type: string): any[] {
  return Object.values(template.findResources(type)).map((r: any) => r.Properties);
}

describe('Reference C on EC2 capacity: the document\'s three environments', () => {
  const app = new App();
  const stacks = buildReferenceCEnvironments(app);
  const templates = Object.fromEntries(stacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));

  test('one stack per environment', () => {
    expect(stacks.map((s) => s.stackName)).toEqual(['NextjsSsr-dev', 'NextjsSsr-staging', 'NextjsSsr-prod']);
  });

  test.each([
    ['dev', '10.0', 't3.small', '0', '3', [256, 512], false],
    ['staging', '10.1', 't3.medium', '1', '5', [512, 1024], false],
    ['prod', '10.2', 't3.large', '2', '10', [1024, 2048], false],
  ])('%s: VPC %s.0.0/16, one %s group of %s-%s instances, tasks of %j, Spot %s', (stage, prefix, instanceType, min, max, [cpu, memory], spot) => {
    const template = templates[`NextjsSsr-${stage}`];
    expect(all(template, 'AWS::EC2::VPC')[0].CidrBlock).toBe(`${prefix}.0.0/16`);
    expect(all(template, 'AWS::EC2::Subnet').map((s) => s.CidrBlock)).toEqual(
      expect.arrayContaining([0, 1, 2, 128, 129, 130].map((i) => `${prefix}.${i}.0/24`)));
    const [group] = all(template, 'AWS::AutoScaling::AutoScalingGroup');
    expect(all(template, 'AWS::AutoScaling::AutoScalingGroup')).toHaveLength(1);
    expect([group.MinSize, group.MaxSize]).toEqual([min, max]);
    expect(group.MixedInstancesPolicy !== undefined).toBe(spot);
    const [launchTemplate] = all(template, 'AWS::EC2::LaunchTemplate').filter((t) => t.LaunchTemplateData.InstanceType !== undefined && t.LaunchTemplateData.BlockDeviceMappings);
    expect(launchTemplate.LaunchTemplateData).toMatchObject({
      InstanceType: instanceType,
      MetadataOptions: { HttpTokens: 'required' },
      BlockDeviceMappings: [{ Ebs: { Encrypted: true, VolumeType: 'gp3' } }],
    });
    const containers = all(template, 'AWS::ECS::TaskDefinition').map((t) => ({ mode: t.NetworkMode, ...t.ContainerDefinitions[0] }));
    expect(containers.map((c) => [c.mode, c.Cpu, c.Memory, c.PortMappings[0].ContainerPort, c.PortMappings[0].HostPort]))
      .toEqual([['bridge', cpu, memory, 3000, 0], ['bridge', cpu, memory, 3001, 0]]);
    // Blue and green target groups of both services (blue/green deployments).
    expect(all(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').map((t) => [t.TargetType, t.HealthCheckPath]))
      .toEqual(Array(4).fill(['instance', '/api/health']));
  });

  test.each([['dev', 5], ['staging', 5], ['prod', 10]])('%s: both services deploy blue/green with a %i-minute bake time and a rollback alarm, tested on 8443', (stage, bake) => {
    const template = templates[`NextjsSsr-${stage}`];
    const services = all(template, 'AWS::ECS::Service');
    const configs = services.map((s) => s.DeploymentConfiguration);
    expect(configs.map((c) => [c.Strategy, c.BakeTimeInMinutes, c.Alarms.Rollback]))
      .toEqual([['BLUE_GREEN', bake, true], ['BLUE_GREEN', bake, true]]);
    expect(services.every((s) => s.LoadBalancers[0].AdvancedConfiguration.TestListenerRule !== undefined)).toBe(true);
    expect(all(template, 'AWS::ElasticLoadBalancingV2::Listener').map((l) => [l.Port, l.Protocol]).sort()).toEqual([[443, 'HTTPS'], [8443, 'HTTPS']]);
  });

  test.each(['dev', 'staging', 'prod'])('%s: the CloudFront 5xx alarm is in the us-east-1 alarm stack, mailing on-call', (stage) => {
    const edge = app.node.findAll().find((c): c is Stack => c instanceof Stack && c.stackName === `NextjsSsr-${stage}-ap-northeast-1-UsEast1Alarms`)!;
    expect(edge.region).toBe('us-east-1');
    const t = Template.fromStack(edge);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `NextjsSsr-${stage}-ap-northeast-1-UsEast1Alarms-Site-Distribution5xxErrorRate` });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test.each(['dev', 'staging', 'prod'])('%s: the instances admit 32768-65535 from the ALB security group only', (stage) => {
    const template = templates[`NextjsSsr-${stage}`];
    const ingress = all(template, 'AWS::EC2::SecurityGroupIngress').filter((r) => r.GroupId['Fn::GetAtt']?.[0].startsWith('NextFrontendInstanceSecurityGroup'));
    expect(ingress).toEqual([expect.objectContaining({
      FromPort: 32768,
      ToPort: 65535,
      SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^NextFrontendLoadBalancerSecurityGroup/), 'GroupId'] },
    })]);
    const instanceGroup = all(template, 'AWS::EC2::SecurityGroup').find((g) => g.GroupDescription.startsWith('Ec2ApiService instances'));
    expect(instanceGroup.SecurityGroupIngress).toBeUndefined();
  });

  test('the capacity provider keeps the group at 100 % with scale-in protection', () => {
    for (const template of Object.values(templates)) {
      expect(all(template, 'AWS::ECS::CapacityProvider').map((p) => p.AutoScalingGroupProvider)).toEqual([expect.objectContaining({
        ManagedScaling: expect.objectContaining({ Status: 'ENABLED', TargetCapacity: 100 }),
        ManagedTerminationProtection: 'ENABLED',
      })]);
    }
  });
});
