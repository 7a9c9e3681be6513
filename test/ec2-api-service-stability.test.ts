import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildEc2, Ec2ServiceOptions } from './ec2-api-service-fixture';
import { EnvironmentProfile, InstancePurchase } from '../src';

/** The resource types a harmless change must neither replace nor delete. */
const KEPT = [
  'AWS::Logs::LogGroup', 'AWS::S3::Bucket', 'AWS::ECS::Cluster', 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::LaunchTemplate', 'AWS::ECS::CapacityProvider', 'AWS::ECS::Service',
];

/** Logical ids of the kept resource types. */
function keptIds(props: Ec2ServiceOptions): string[] {
  const { template } = buildEc2({ profile: EnvironmentProfile.prod(), ...props });
  return KEPT.flatMap((type) => Object.keys(template.findResources(type))).sort();
}

describe('Ec2ApiService stability', () => {
  const before = keptIds({});

  test.each<[string, Ec2ServiceOptions]>([
    ['task counts and scaling targets', { desiredCount: 4, maxCapacity: 12, scaling: { targetCpuUtilization: 50, scaleInCooldown: Duration.minutes(15) } }],
    ['a bigger instance type and group', { instances: { instanceType: new ec2.InstanceType('m7i.large'), minInstances: 3, maxInstances: 12 } }],
    ['Spot on, extra types, another warm-up and target', { instances: { purchase: InstancePurchase.spotMix(), targetCapacityPercent: 90, instanceWarmup: Duration.minutes(3) } }],
    ['task size and log retention', { cpu: 512, memoryLimitMiB: 1024 }],
  ])('%s keeps the ids of the log group, buckets, cluster, load balancer, group, template, provider and service', (_, props) => {
    expect(keptIds(props)).toEqual(before);
  });

  test('the log group and the access log bucket are retained with prod', () => {
    const { template } = buildEc2({ profile: EnvironmentProfile.prod() });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });
});
