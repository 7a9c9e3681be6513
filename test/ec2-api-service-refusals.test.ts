import { Duration, Lazy, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { buildEc2, Ec2ServiceOptions } from './ec2-api-service-fixture';
import { IMAGE } from './fargate-api-service-fixture';
import { Ec2ApiService, EnvironmentProfile, FargateCapacity, InstancePurchase } from '../src';

/** Ec2ApiService options plus what a plain JavaScript object may carry. */
type Ec2ServiceOptionsForTest = Ec2ServiceOptions & Record<string, unknown>;

describe('Ec2ApiService refuses at synth', () => {
  test('allowAllOutbound in bridge mode, where the tasks have no security group of their own', () => {
    expect(() => buildEc2({ allowAllOutbound: true }))
      .toThrow("Ec2ApiService 'Stack/Api': allowAllOutbound (allow_all_outbound) applies to awsvpc mode only: bridge-mode tasks have no security group of their own (they use the instances'); got true");
  });

  test('a task CPU above the instance type\'s vCPUs', () => {
    expect(() => buildEc2({ cpu: 4096, memoryLimitMiB: 4096, instances: { instanceType: new ec2.InstanceType('t3.large') } }))
      .toThrow("Ec2ApiService 'Stack/Api': cpu must fit the instance type t3.large (2 vCPUs: at most 2048); got 4096");
  });

  test('a task memory above what the instance type leaves for tasks', () => {
    expect(() => buildEc2({ memoryLimitMiB: 2048, instances: { instanceType: new ec2.InstanceType('t3.small') } }))
      .toThrow(/memoryLimitMiB \(memory_limit_mib\) must fit the instance type t3.small \(2 GiB, of which about 1689 MiB are left for tasks/);
  });

  test('an extra Spot instance type the task does not fit', () => {
    expect(() => buildEc2({
      cpu: 1024,
      memoryLimitMiB: 2048,
      instances: { instanceType: new ec2.InstanceType('t3.large'), purchase: InstancePurchase.spotMix({ additionalInstanceTypes: [new ec2.InstanceType('t3.small')] }) },
    })).toThrow(/memoryLimitMiB \(memory_limit_mib\) must fit the instance type t3.small/);
  });

  test('the prod profile\'s task size fits its t3.large; an unresolved size is not checked', () => {
    expect(() => buildEc2({ profile: EnvironmentProfile.prod() })).not.toThrow();
    expect(() => buildEc2({ memoryLimitMiB: Lazy.number({ produce: () => 65536 }), instances: { instanceType: new ec2.InstanceType('t3.small') } })).not.toThrow();
  });

  test('a fixed host port in bridge mode (a container added through the escape hatch)', () => {
    const { app, api } = buildEc2();
    api.taskDefinition.addContainer('Sidecar', { image: IMAGE, memoryLimitMiB: 64, portMappings: [{ containerPort: 9000, hostPort: 9000 }] });
    expect(() => app.synth()).toThrow(/portMappings\[\].hostPort \(port_mappings\[\].host_port\) of container 'Sidecar' must be left out or 0 in bridge mode .*; got 9000/);
  });

  test('a fixed health check port in bridge mode', () => {
    expect(() => buildEc2({ healthCheck: { port: '8080' } }))
      .toThrow("Ec2ApiService 'Stack/Api': healthCheck.port (health_check.port) must be 'traffic-port' (or left out) in bridge mode: each task listens on its own dynamic host port; got '8080'");
  });

  test('FargateApiService settings passed by a JavaScript caller: capacity and cpuArchitecture', () => {
    expect(() => buildEc2({ capacity: FargateCapacity.onDemand() } as Ec2ServiceOptionsForTest))
      .toThrow(/capacity is a FargateApiService setting: use instances.purchase for Spot on EC2 capacity/);
    expect(() => buildEc2({ cpuArchitecture: ecs.CpuArchitecture.ARM64 } as Ec2ServiceOptionsForTest))
      .toThrow(/cpuArchitecture \(cpu_architecture\) is a FargateApiService setting: on EC2 capacity the instance type sets the architecture/);
  });

  test('a group whose maximum is below its minimum', () => {
    expect(() => buildEc2({ instances: { minInstances: 3, maxInstances: 2 } }))
      .toThrow("Ec2ApiService 'Stack/Api': instances.maxInstances (instances.max_instances) must not be below instances.minInstances (3); got 2");
  });

  test('a profile minimum above a given maximum names the maximum too', () => {
    expect(() => buildEc2({ profile: EnvironmentProfile.prod(), instances: { maxInstances: 1 } })).toThrow(/instances.maxInstances \(instances\.max_instances\) must not be below instances.minInstances \(2\)/);
  });

  test('a target capacity outside 1-100 %', () => {
    expect(() => buildEc2({ instances: { targetCapacityPercent: 0 } })).toThrow(/instances.targetCapacityPercent \(instances\.target_capacity_percent\) must be a whole number between 1 and 100; got 0/);
    expect(() => buildEc2({ instances: { targetCapacityPercent: 120 } })).toThrow(/instances.targetCapacityPercent \(instances\.target_capacity_percent\) .* got 120/);
  });

  test('a warm-up above 10000 seconds', () => {
    expect(() => buildEc2({ instances: { instanceWarmup: Duration.hours(3) } })).toThrow(/instances.instanceWarmup \(instances.instance_warmup\) must be a whole number of seconds, between 0 and 10000; got '3 hours'/);
  });

  test('a root volume smaller than the AMI\'s snapshot', () => {
    expect(() => buildEc2({ instances: { rootVolumeSize: Size.gibibytes(20) } })).toThrow(/instances.rootVolumeSize \(instances\.root_volume_size\) \(GiB\) must be a whole number between 30 and 16384; got 20/);
  });

  test('Spot percentages outside 0-100 and a negative base', () => {
    expect(() => buildEc2({ instances: { purchase: InstancePurchase.spotMix({ onDemandPercentageAboveBase: 150 }) } }))
      .toThrow(/instances.purchase.onDemandPercentageAboveBase \(instances\.purchase\.on_demand_percentage_above_base\) must be a whole number between 0 and 100; got 150/);
    expect(() => buildEc2({ instances: { purchase: InstancePurchase.spotMix({ onDemandBase: -1 }) } }))
      .toThrow(/instances.purchase.onDemandBase \(instances\.purchase\.on_demand_base\) must be a whole number between 0 and 5000; got -1/);
  });

  test('a cluster that is not an ecs.Cluster of this app (the capacity provider cannot be added to it)', () => {
    expect(() => {
      const { stack, network } = buildEc2();
      const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Imported', { clusterName: 'shared', vpc: network.vpc });
      new Ec2ApiService(stack, 'Other', { vpc: network.vpc, image: IMAGE, cluster });
    }).toThrow("Ec2ApiService 'Stack/Other': cluster must be an ecs.Cluster of this app: the capacity provider of the instances is added to it; got 'Stack/Imported'");
  });
});
