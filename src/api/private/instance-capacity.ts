// The Auto Scaling group and ECS capacity provider of an Ec2ApiService (internal, not exported).
import { Aws, Duration, Size, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkDuration } from '../../private/input-rules';
import { acknowledgeGrantPolicy, acknowledgeNag } from '../../private/nag';
import { profileDefault } from '../../private/profile-defaults';
import { checkInteger, invalidProp } from '../../private/validation';
import { EnvironmentProfile } from '../../profile';
import { InstanceCapacityOptions } from '../ec2-api-service-props';
import { InstancePurchase } from '../instance-purchase';

/** Memory (MiB) the launch template keeps from tasks for the ECS and SSM agents (ECS_RESERVED_MEMORY). */
export const RESERVED_MEMORY_MIB = 256;
/** The first and last dynamic host port ECS assigns in bridge mode (the Linux ephemeral range it uses). */
export const DYNAMIC_HOST_PORTS: [number, number] = [32768, 65535];
/** The root volume size of the ECS-optimized Amazon Linux 2023 AMI's snapshot (GiB), read 2026-12-01. */
const AMI_ROOT_VOLUME_GIB = 30;

/** The group, its launch template and its capacity provider. */
export interface InstanceCapacity {
  readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  readonly launchTemplate: ec2.LaunchTemplate;
  readonly capacityProvider: ecs.AsgCapacityProvider;
  readonly instanceTypes: ec2.InstanceType[];
}

/** The options with the profile's defaults applied. */
export interface ResolvedCapacityOptions {
  readonly instanceType: ec2.InstanceType;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly purchase: InstancePurchase;
  readonly targetCapacityPercent: number;
  readonly instanceWarmup: Duration;
  readonly rootVolumeSize: Size;
}

/** Applies the profile's defaults (the document's environment table) and refuses impossible values. */
export function resolveCapacityOptions(
  scope: Construct, profile: EnvironmentProfile | undefined, o: InstanceCapacityOptions,
): ResolvedCapacityOptions {
  const instanceType = o.instanceType ?? profileDefault(profile, new ec2.InstanceType('t3.medium'), {
    dev: new ec2.InstanceType('t3.small'),
    prod: new ec2.InstanceType('t3.large'),
  });
  const minInstances = o.minInstances ?? profileDefault(profile, 1, { dev: 0, staging: 1, prod: 2 });
  const maxInstances = o.maxInstances ?? profileDefault(profile, 10, { dev: 3, staging: 5, prod: 10 });
  checkInteger(scope, 'instances.minInstances', minInstances, 0, 5000);
  checkInteger(scope, 'instances.maxInstances', maxInstances, 1, 5000);
  if (!Token.isUnresolved(minInstances) && !Token.isUnresolved(maxInstances) && maxInstances < minInstances) {
    invalidProp(scope, 'instances.maxInstances', maxInstances, `must not be below instances.minInstances (${minInstances})`);
  }
  const purchase = o.purchase ?? profileDefault(profile, InstancePurchase.onDemand(), {
    dev: InstancePurchase.spotMix({ onDemandBase: 0, onDemandPercentageAboveBase: 0 }),
    staging: InstancePurchase.spotMix(),
  });
  checkInteger(scope, 'instances.purchase.onDemandBase', purchase.onDemandBase, 0, 5000);
  checkInteger(scope, 'instances.purchase.onDemandPercentageAboveBase', purchase.onDemandPercentageAboveBase, 0, 100);
  const targetCapacityPercent = o.targetCapacityPercent ?? 100;
  checkInteger(scope, 'instances.targetCapacityPercent', targetCapacityPercent, 1, 100);
  const instanceWarmup = o.instanceWarmup ?? Duration.minutes(5);
  checkDuration(scope, 'instances.instanceWarmup', instanceWarmup, { unit: 'seconds', min: 0, max: 10000 });
  const rootVolumeSize = o.rootVolumeSize ?? Size.gibibytes(AMI_ROOT_VOLUME_GIB);
  checkInteger(scope, 'instances.rootVolumeSize (GiB)', rootVolumeSize.toGibibytes(), AMI_ROOT_VOLUME_GIB, 16384);
  return { instanceType, minInstances, maxInstances, purchase, targetCapacityPercent, instanceWarmup, rootVolumeSize };
}

/** What the group is built from. */
export interface CapacitySettings extends ResolvedCapacityOptions {
  readonly kind: string;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly cluster: ecs.Cluster;
  readonly notificationTopic?: InstanceCapacityOptions['notificationTopic'];
}

/**
 * An Auto Scaling group from a launch template (ECS-optimized Amazon Linux 2023 resolved from its public
 * SSM parameter at deployment, IMDSv2 only with a hop limit of 1 so containers cannot reach the
 * instance's credentials, an encrypted gp3 root volume, no key pair, no inbound rule), with an instance
 * role for the ECS and SSM agents only, added to the cluster as a managed capacity provider.
 */
export function buildInstanceCapacity(scope: Construct, s: CapacitySettings): InstanceCapacity {
  const spot = s.purchase.usesSpot;
  const hardwareType = s.instanceType.architecture === ec2.InstanceArchitecture.ARM_64 ? ecs.AmiHardwareType.ARM : ecs.AmiHardwareType.STANDARD;

  const securityGroup = new ec2.SecurityGroup(scope, 'InstanceSecurityGroup', {
    vpc: s.vpc,
    description: `${s.kind} instances: inbound from the load balancer only, HTTPS out for the ECS and SSM agents`,
    allowAllOutbound: false,
  });
  securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the ECS, ECR, SSM and CloudWatch endpoints');

  const role = new iam.Role(scope, 'InstanceRole', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: `${s.kind} instances: the ECS agent and SSM Session Manager only`,
  });
  acknowledgeGrantPolicy(role, 'the ECS and SSM agents of the instances');
  // Session Manager's minimal instance permissions (AWS Systems Manager user guide, "Create a custom IAM
  // instance profile for Session Manager", read 2026-12-01), instead of AmazonSSMManagedInstanceCore.
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
    resources: ['*'],
  }));
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['ssm:UpdateInstanceInformation'],
    resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/*`],
  }));

  const userData = ec2.UserData.forLinux();
  userData.addCommands(
    `echo ECS_RESERVED_MEMORY=${RESERVED_MEMORY_MIB} >> /etc/ecs/ecs.config`,
    // awsvpc tasks get no route to the instance metadata service (bridge tasks are stopped by the hop limit).
    'echo ECS_AWSVPC_BLOCK_IMDS=true >> /etc/ecs/ecs.config',
    ...(spot ? ['echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config'] : []),
  );

  const launchTemplate = new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
    machineImage: ecs.EcsOptimizedImage.amazonLinux2023(hardwareType),
    instanceType: s.instanceType,
    role,
    userData,
    securityGroup,
    requireImdsv2: true,
    // One hop: the agents on the host reach IMDS, containers behind the Docker bridge do not.
    httpPutResponseHopLimit: 1,
    detailedMonitoring: true,
    blockDevices: [{
      deviceName: '/dev/xvda',
      volume: ec2.BlockDeviceVolume.ebs(s.rootVolumeSize.toGibibytes(), {
        encrypted: true,
        volumeType: ec2.EbsDeviceVolumeType.GP3,
        deleteOnTermination: true,
      }),
    }],
  });

  const instanceTypes = [s.instanceType, ...(spot ? s.purchase.additionalInstanceTypes : [])];
  const autoScalingGroup = new autoscaling.AutoScalingGroup(scope, 'AutoScalingGroup', {
    vpc: s.vpc,
    vpcSubnets: s.subnets,
    ...(spot ? {
      mixedInstancesPolicy: {
        launchTemplate,
        launchTemplateOverrides: instanceTypes.map((instanceType) => ({ instanceType })),
        instancesDistribution: {
          onDemandBaseCapacity: s.purchase.onDemandBase,
          onDemandPercentageAboveBaseCapacity: s.purchase.onDemandPercentageAboveBase,
          spotAllocationStrategy: autoscaling.SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED,
        },
      },
      capacityRebalance: true,
    } : { launchTemplate }),
    minCapacity: s.minInstances,
    maxCapacity: s.maxInstances,
    // ECS managed scaling drives the group; the cooldown only spaces simple scaling of other policies.
    cooldown: Duration.minutes(5),
    groupMetrics: [autoscaling.GroupMetrics.all()],
    notifications: s.notificationTopic ? [{ topic: s.notificationTopic }] : undefined,
  });

  const capacityProvider = new ecs.AsgCapacityProvider(scope, 'CapacityProvider', {
    autoScalingGroup,
    machineImageType: ecs.MachineImageType.AMAZON_LINUX_2,
    enableManagedScaling: true,
    enableManagedTerminationProtection: true,
    enableManagedDraining: true,
    targetCapacityPercent: s.targetCapacityPercent,
    instanceWarmupPeriod: s.instanceWarmup.toSeconds(),
  });
  s.cluster.addAsgCapacityProvider(capacityProvider);

  acknowledgeNag(role, [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'The ECS agent (ecs:DiscoverPollEndpoint, ecr:GetAuthorizationToken, logs:CreateLogStream and PutLogEvents; ecs:Poll and StartTelemetrySession limited to this cluster by condition) and the SSM agent (the ssmmessages channel actions) call actions that support no resource-level permissions.',
  }, {
    id: 'AwsSolutions-IAM5[Action::ecs:Submit*]',
    reason: "aws-cdk-lib grants the ECS agent ecs:Submit* (its container, task and attachment state reports) on this cluster's ARN only.",
  }, {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
    reason: 'ssm:UpdateInstanceInformation is called by each instance of the group for itself; the instance ids are not known before launch.',
  }]);
  if (spot) {
    acknowledgeNag(autoScalingGroup, [{
      id: 'AwsSolutions-EC26',
      reason: `The group's only volume is the root volume of its launch template ${launchTemplate.node.path}, which is encrypted; cdk-nag cannot follow the mixed-instances policy's reference to the template.`,
    }]);
  }
  if (!s.notificationTopic) {
    acknowledgeNag(autoScalingGroup, [{
      id: 'AwsSolutions-AS3',
      reason: 'No instances.notificationTopic was given: the ECS capacity provider launches and terminates the instances, and a failure to launch shows as tasks stuck in PROVISIONING in the ECS service events (and, for a service an AlarmSet monitors, in its capacity provider reservation alarm).',
    }]);
  }
  return { autoScalingGroup, launchTemplate, capacityProvider, instanceTypes };
}
