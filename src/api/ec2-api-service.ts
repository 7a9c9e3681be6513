import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { ApiServiceBase } from './api-service-base';
import { Ec2ApiServiceProps, Ec2NetworkMode } from './ec2-api-service-props';
import {
  buildInstanceCapacity, DYNAMIC_HOST_PORTS, InstanceCapacity, RESERVED_MEMORY_MIB, resolveCapacityOptions,
} from './private/instance-capacity';
import { instanceSize, memoryForTasksMiB } from './private/instance-sizes';
import { SCRATCH_VOLUME } from './private/service-settings';
import { acknowledgeNag } from '../private/nag';
import { conflictingProps, invalidProp, propName } from '../private/validation';

/** Props of FargateApiService that mean nothing on instances (a JavaScript caller can still pass them). */
const FARGATE_ONLY_PROPS: Array<[string, string]> = [
  ['capacity', 'use instances.purchase for Spot on EC2 capacity'],
  ['cpuArchitecture', 'on EC2 capacity the instance type sets the architecture (a Graviton type gets the arm64 AMI)'],
];

/**
 * An ECS API on an EC2 Auto Scaling group capacity provider behind an Application Load Balancer: the
 * same load balancer, HTTPS, CloudFront access, health checks, scaling, logs and wiring as
 * FargateApiService, with the tasks on instances the construct launches (ECS-optimized Amazon Linux
 * 2023, IMDSv2 only, encrypted gp3 root volume, no key pair or SSH: SSM Session Manager) and ECS managed
 * scaling, termination protection and draining. Bridge networking with dynamic host ports by default.
 */
export class Ec2ApiService extends ApiServiceBase {
  /** The ECS service. */
  public readonly service: ecs.Ec2Service;
  /** The task definition. */
  public readonly taskDefinition: ecs.Ec2TaskDefinition;
  /** How the tasks are networked. */
  public readonly networkMode: Ec2NetworkMode;
  /** The Auto Scaling group the tasks run on (the attached service's when shared). */
  public readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  /** The launch template of the group's instances. */
  public readonly launchTemplate: ec2.LaunchTemplate;
  /** The capacity provider of the group. */
  public readonly capacityProvider: ecs.AsgCapacityProvider;
  /** The instance types the group may launch. */
  public readonly instanceTypes: ec2.InstanceType[];

  constructor(scope: Construct, id: string, props: Ec2ApiServiceProps) {
    super(scope, id, props);
    const s = this._settings;
    for (const [prop, why] of FARGATE_ONLY_PROPS) {
      const value = (props as unknown as Record<string, unknown>)[prop];
      if (value !== undefined) invalidProp(this, prop, String(value), `is a FargateApiService setting: ${why}`);
    }
    const networkMode = props.networkMode ?? Ec2NetworkMode.BRIDGE;
    this.networkMode = networkMode;
    const bridge = networkMode === Ec2NetworkMode.BRIDGE;
    const healthCheckPort = props.healthCheck?.port;
    if (bridge && healthCheckPort !== undefined && !Token.isUnresolved(healthCheckPort) && healthCheckPort !== 'traffic-port') {
      invalidProp(this, 'healthCheck.port', healthCheckPort, "must be 'traffic-port' (or left out) in bridge mode: each task listens on its own dynamic host port");
    }
    if (bridge && props.allowAllOutbound !== undefined) {
      invalidProp(this, 'allowAllOutbound', props.allowAllOutbound, 'applies to awsvpc mode only: bridge-mode tasks have no security group of their own (they use the instances\')');
    }

    const capacity = this.capacity(props);
    this.autoScalingGroup = capacity.autoScalingGroup;
    this.launchTemplate = capacity.launchTemplate;
    this.capacityProvider = capacity.capacityProvider;
    this.instanceTypes = capacity.instanceTypes;
    for (const instanceType of capacity.instanceTypes) this.checkFit(instanceType);

    this.taskDefinition = new ecs.Ec2TaskDefinition(this, 'TaskDefinition', {
      networkMode: bridge ? ecs.NetworkMode.BRIDGE : ecs.NetworkMode.AWS_VPC,
      volumes: [{ name: SCRATCH_VOLUME }],
    });
    this._addContainer(this.taskDefinition, { cpu: s.cpu, memoryLimitMiB: s.memoryLimitMiB });
    if (!bridge && !props.environment && !props.tracing) {
      acknowledgeNag(this.taskDefinition, [{
        id: 'AwsSolutions-ECS2',
        reason: 'No environment was given: the plain variable AWS_REGION is added by aws-cdk-lib to awsvpc tasks on EC2 (they cannot read the region from the blocked instance metadata) and is not secret.',
      }]);
    }
    const taskSecurityGroup = bridge ? undefined : this._createTaskSecurityGroup('Ec2ApiService');
    if (bridge) this.node.addValidation({ validate: () => this.fixedHostPorts() });

    this.service = new ecs.Ec2Service(this, 'Service', {
      ...this._serviceOptions(),
      taskDefinition: this.taskDefinition,
      capacityProviderStrategies: [{ capacityProvider: this.capacityProvider.capacityProviderName, weight: 1 }],
      // One task per AZ first, then as few instances as the memory allows.
      placementStrategies: [
        ecs.PlacementStrategy.spreadAcross(ecs.BuiltInAttributes.AVAILABILITY_ZONE),
        ecs.PlacementStrategy.packedByMemory(),
      ],
      ...(taskSecurityGroup ? { vpcSubnets: s.taskSubnets, securityGroups: [taskSecurityGroup] } : {}),
    });
    // The capacity provider must be associated with the cluster before the service uses it, and the
    // service deleted before the association is removed.
    this.service.node.addDependency(this.cluster);
    this._addToLoadBalancer('Ec2ApiService', this.service, bridge ? {
      connections: this.autoScalingGroup.connections,
      targetType: elbv2.TargetType.INSTANCE,
      trafficPort: ec2.Port.tcpRange(...DYNAMIC_HOST_PORTS),
      healthCheckPort: 'traffic-port',
    } : {
      connections: this.service.connections,
      targetType: elbv2.TargetType.IP,
      trafficPort: ec2.Port.tcp(s.containerPort),
    });
  }

  /**
   * How much of the group's capacity the tasks need, in percent (ECS managed scaling; above the target
   * means tasks wait for instances). Maximum over 1 minute by default.
   */
  public metricCapacityProviderReservation(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/ECS/ManagedScaling',
      metricName: 'CapacityProviderReservation',
      dimensionsMap: { ClusterName: this.cluster.clusterName, CapacityProviderName: this.capacityProvider.capacityProviderName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(1),
      ...props,
    });
  }

  /** Instances of the group failing an EC2 status check (maximum over 1 minute by default). */
  public metricInstanceStatusCheckFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/EC2',
      metricName: 'StatusCheckFailed',
      dimensionsMap: { AutoScalingGroupName: this.autoScalingGroup.autoScalingGroupName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(1),
      ...props,
    });
  }

  /** The group of the attached Ec2ApiService when this one shares it, else a new group in the cluster. */
  private capacity(props: Ec2ApiServiceProps): InstanceCapacity {
    const attachTo = props.attachTo;
    if (attachTo instanceof Ec2ApiService && !props.instances && attachTo.cluster === this.cluster) {
      // Bridge-mode tasks have no network interface of their own: they run in the shared instances' subnets.
      if (props.vpcSubnets && this.networkMode === Ec2NetworkMode.BRIDGE) {
        conflictingProps(this, 'vpcSubnets', 'attachTo', `cannot be combined in bridge mode: the tasks run on the instances of ${attachTo.node.path}, in their subnets (give instances to start a group of this service's own there)`);
      }
      return attachTo;
    }
    if (!(this.cluster instanceof ecs.Cluster)) {
      invalidProp(this, 'cluster', this.cluster.node.path, 'must be an ecs.Cluster of this app: the capacity provider of the instances is added to it');
    }
    if (attachTo instanceof Ec2ApiService && !props.instances && props.cluster) {
      conflictingProps(this, 'cluster', 'attachTo', `name different clusters: give instances to start a group in ${this.cluster.node.path}, or leave cluster out to share the group of ${attachTo.node.path}`);
    }
    const options = resolveCapacityOptions(this, props.profile, props.instances ?? {});
    return buildInstanceCapacity(this, {
      ...options,
      kind: 'Ec2ApiService',
      vpc: props.vpc,
      subnets: this._settings.taskSubnets,
      cluster: this.cluster,
      notificationTopic: props.instances?.notificationTopic,
    });
  }

  /** Refuses a task larger than what one instance of the type leaves for tasks. */
  private checkFit(instanceType: ec2.InstanceType): void {
    const { cpu, memoryLimitMiB } = this._settings;
    const size = instanceSize(instanceType);
    if (!size) {
      Annotations.of(this).addWarningV2('cdk-webapp-patterns:instanceTypeUnknown',
        `The size of instance type ${instanceType} is not known to this library: check that a task (cpu ${cpu}, memoryLimitMiB ${memoryLimitMiB}) fits on it.`);
      return;
    }
    const cpuUnits = size.vcpus * 1024;
    if (!Token.isUnresolved(cpu) && cpu > cpuUnits) {
      invalidProp(this, 'cpu', cpu, `must fit the instance type ${instanceType} (${size.vcpus} vCPUs: at most ${cpuUnits})`);
    }
    const memory = memoryForTasksMiB(size, RESERVED_MEMORY_MIB);
    if (!Token.isUnresolved(memoryLimitMiB) && memoryLimitMiB > memory) {
      invalidProp(this, 'memoryLimitMiB', memoryLimitMiB,
        `must fit the instance type ${instanceType} (${size.memoryGiB} GiB, of which about ${memory} MiB are left for tasks once the kernel and the ${RESERVED_MEMORY_MIB} MiB kept for the agents are taken)`);
    }
  }

  /** In bridge mode a fixed host port allows one task per instance and stalls deployments: refuse one. */
  private fixedHostPorts(): string[] {
    const errors: string[] = [];
    for (const child of this.taskDefinition.node.children) {
      if (!(child instanceof ecs.ContainerDefinition)) continue;
      for (const mapping of child.portMappings) {
        if (mapping.hostPort !== undefined && mapping.hostPort !== 0) {
          errors.push(`Ec2ApiService: ${propName('portMappings[].hostPort')} of container '${child.containerName}' must be left out or 0 in bridge mode `
            + `(dynamic host ports let several tasks share an instance, and a deployment start new tasks beside the old ones); got ${mapping.hostPort}`);
        }
      }
    }
    return errors;
  }
}
