import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Options of `InstancePurchase.spotMix()`. */
export interface InstanceSpotMixOptions {
  /**
   * How many instances are always on-demand before the percentage applies.
   * @default 1
   */
  readonly onDemandBase?: number;
  /**
   * The percentage of on-demand instances above the base (the rest are Spot).
   * @default 50
   */
  readonly onDemandPercentageAboveBase?: number;
  /**
   * More instance types Spot may launch besides the group's own (more types, fewer interruptions);
   * each must fit the task as the group's type does.
   * @default - the group's instance type only
   */
  readonly additionalInstanceTypes?: ec2.InstanceType[];
}

/**
 * How an Ec2ApiService's instances are bought: on-demand only, or a mixed-instances policy with Spot
 * (instances can be reclaimed with two minutes' notice; ECS drains them first).
 */
export class InstancePurchase {
  /** Every instance on-demand. */
  public static onDemand(): InstancePurchase {
    return new InstancePurchase(false, 0, 100, []);
  }

  /** A base of on-demand instances, and the instances above it split between on-demand and Spot. */
  public static spotMix(options: InstanceSpotMixOptions = {}): InstancePurchase {
    return new InstancePurchase(true, options.onDemandBase ?? 1, options.onDemandPercentageAboveBase ?? 50, options.additionalInstanceTypes ?? []);
  }

  private constructor(
    /** Whether some instances are Spot. */
    public readonly usesSpot: boolean,
    /** Instances always on-demand. */
    public readonly onDemandBase: number,
    /** Percentage of on-demand instances above the base. */
    public readonly onDemandPercentageAboveBase: number,
    /** Instance types Spot may launch besides the group's own. */
    public readonly additionalInstanceTypes: ec2.InstanceType[],
  ) {}
}
