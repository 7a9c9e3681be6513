import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { ApiServiceBase } from './api-service-base';
import { FargateApiServiceProps } from './fargate-api-service-props';
import { SCRATCH_VOLUME } from './private/service-settings';
import { checkTaskSize } from './private/task-size';
import { FargateCapacity } from './scaling';
import { profileDefault } from '../private/profile-defaults';
import { checkInteger, invalidProp } from '../private/validation';

/**
 * An ECS Fargate API behind an Application Load Balancer, secure and self-healing by default:
 * tasks in private subnets with a read-only root filesystem, a deployment circuit breaker with
 * rollback, target-tracking scaling, an HTTPS listener with a modern TLS policy when a certificate or
 * domain is given, access logs, and optional CloudFront-only access.
 *
 * @example
 * import * as ecs from 'aws-cdk-lib/aws-ecs';
 * import { EnvironmentProfile, FargateApiService } from 'cdk-webapp-patterns';
 *
 * const api = new FargateApiService(this, 'Api', {
 *   vpc: network.vpc,
 *   image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
 *   profile: EnvironmentProfile.prod(),
 *   containerPort: 8080,
 * });
 * api.connectToDatabase(database);
 */
export class FargateApiService extends ApiServiceBase {
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;

  constructor(scope: Construct, id: string, props: FargateApiServiceProps) {
    super(scope, id, props);
    const profile = props.profile;
    const attachTo = props.attachTo;
    const s = this._settings;
    checkTaskSize(this, s.cpu, s.memoryLimitMiB);

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: s.cpu,
      memoryLimitMiB: s.memoryLimitMiB,
      runtimePlatform: {
        cpuArchitecture: props.cpuArchitecture ?? profileDefault(profile, ecs.CpuArchitecture.X86_64, { dev: ecs.CpuArchitecture.ARM64 }),
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      volumes: [{ name: SCRATCH_VOLUME }],
    });
    this._addContainer(this.taskDefinition);
    const securityGroup = this._createTaskSecurityGroup('FargateApiService');

    // Only a cluster a service of this library created surely has the Fargate Spot capacity provider.
    const ownCluster = !props.cluster && (!attachTo || attachTo.node.tryFindChild('Cluster') === attachTo.cluster);
    const capacity = props.capacity ?? (ownCluster ? profileDefault(profile, FargateCapacity.onDemand(), {
      dev: FargateCapacity.spotMix({ onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 }),
      staging: FargateCapacity.spotMix(),
    }) : FargateCapacity.onDemand());
    checkInteger(this, 'capacity.onDemandBase', capacity.onDemandBase, 0, 100000);
    checkInteger(this, 'capacity.onDemandWeight', capacity.onDemandWeight, 0, 1000);
    checkInteger(this, 'capacity.spotWeight', capacity.spotWeight, 0, 1000);
    if (capacity.usesSpot && capacity.onDemandWeight + capacity.spotWeight === 0) {
      invalidProp(this, 'capacity.spotWeight', capacity.spotWeight, 'or capacity.onDemandWeight must be above 0');
    }

    this.service = new ecs.FargateService(this, 'Service', {
      ...this._serviceOptions(),
      taskDefinition: this.taskDefinition,
      vpcSubnets: s.taskSubnets,
      assignPublicIp: false,
      securityGroups: [securityGroup],
      capacityProviderStrategies: capacity.capacityProviderStrategies(),
    });
    this._addToLoadBalancer('FargateApiService', this.service, {
      connections: this.service.connections,
      targetType: elbv2.TargetType.IP,
      trafficPort: ec2.Port.tcp(s.containerPort),
    });
  }
}
