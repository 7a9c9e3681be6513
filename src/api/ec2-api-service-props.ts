import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ApiServiceBaseProps } from './api-service-base-props';
import { InstancePurchase } from './instance-purchase';

/** How the tasks of an Ec2ApiService are networked on their instances. */
export enum Ec2NetworkMode {
  /**
   * Docker bridge with dynamic host ports (32768-65535): the load balancer targets the instances
   * (`instance` targets), and the instances' security group admits that range from the load balancer only.
   */
  BRIDGE = 'bridge',
  /**
   * An elastic network interface per task with its own security group, like Fargate (`ip` targets).
   * Each task takes one of the instance's interfaces (a t3 instance has 3, one of them its own).
   */
  AWS_VPC = 'awsvpc',
}

/** The Auto Scaling group an Ec2ApiService's tasks run on. */
export interface InstanceCapacityOptions {
  /**
   * The instance type (Graviton types get the arm64 AMI).
   * @default - t3.small (dev), t3.medium (staging), t3.large (prod); t3.medium without a profile
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * The fewest instances the group keeps.
   * @default - 0 (dev), 1 (staging), 2 (prod); 1 without a profile
   */
  readonly minInstances?: number;
  /**
   * The most instances the group starts.
   * @default - 3 (dev), 5 (staging), 10 (prod); 10 without a profile
   */
  readonly maxInstances?: number;
  /**
   * On-demand instances only, or a mixed-instances policy with Spot.
   * @default - InstancePurchase.spotMix({ onDemandBase: 0, onDemandPercentageAboveBase: 0 }) with dev, spotMix() with staging, onDemand() otherwise
   */
  readonly purchase?: InstancePurchase;
  /**
   * How full ECS managed scaling keeps the group (percent of the instances' capacity used by tasks);
   * below 100 keeps spare instances for faster scale-out.
   * @default 100
   */
  readonly targetCapacityPercent?: number;
  /**
   * How long a new instance is given before its metrics count for managed scaling.
   * @default Duration.minutes(5)
   */
  readonly instanceWarmup?: Duration;
  /**
   * The size of the encrypted gp3 root volume (images and container writes live there).
   * @default Size.gibibytes(30) - the size of the ECS-optimized AMI's snapshot, the smallest allowed
   */
  readonly rootVolumeSize?: Size;
  /**
   * A topic the group notifies of instance launches, terminations and their errors.
   * @default - no notifications: the capacity alarms of AlarmSet watch the group instead
   */
  readonly notificationTopic?: sns.ITopic;
}

/** Properties of an Ec2ApiService. */
export interface Ec2ApiServiceProps extends ApiServiceBaseProps {
  /**
   * Bridge networking with dynamic host ports, or a network interface per task.
   * @default Ec2NetworkMode.BRIDGE
   */
  readonly networkMode?: Ec2NetworkMode;
  /**
   * The Auto Scaling group of instances the tasks run on.
   * @default - a new group with the profile's sizes; with `attachTo` another Ec2ApiService, that service's group
   */
  readonly instances?: InstanceCapacityOptions;
}
