import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** Target-tracking auto scaling of a FargateApiService. */
export interface ScalingOptions {
  /**
   * Average CPU utilization (percent) to track.
   * @default - 60 with the prod profile, 70 otherwise
   */
  readonly targetCpuUtilization?: number;
  /**
   * Average memory utilization (percent) to track.
   * @default 80
   */
  readonly targetMemoryUtilization?: number;
  /**
   * ALB requests per target per minute to track.
   * @default - no request-count scaling
   */
  readonly requestsPerTarget?: number;
  /**
   * Time after a scale-out before another scale-out.
   * @default Duration.minutes(1)
   */
  readonly scaleOutCooldown?: Duration;
  /**
   * Time after a scale-in before another scale-in.
   * @default - 10 minutes with the prod profile, 5 minutes otherwise
   */
  readonly scaleInCooldown?: Duration;
}

/** Options of `FargateCapacity.spotMix()`. */
export interface SpotMixOptions {
  /**
   * How many tasks always run on regular (on-demand) Fargate before the weights apply.
   * @default 1
   */
  readonly onDemandBase?: number;
  /**
   * Relative weight of regular Fargate for the tasks above the base.
   * @default 1
   */
  readonly onDemandWeight?: number;
  /**
   * Relative weight of Fargate Spot for the tasks above the base.
   * @default 1
   */
  readonly spotWeight?: number;
}

/**
 * Where a FargateApiService's tasks run: regular Fargate only, or a mix of Fargate and Fargate Spot.
 *
 * A mix needs the cluster's Fargate capacity providers: the cluster the construct creates has them;
 * a cluster you bring must have `enableFargateCapacityProviders: true`.
 */
export class FargateCapacity {
  /** Every task on regular (on-demand) Fargate. */
  public static onDemand(): FargateCapacity {
    return new FargateCapacity(false, 0, 1, 0);
  }

  /**
   * A base of on-demand tasks, and the tasks above it spread over Fargate and Fargate Spot by weight.
   * Spot tasks can be stopped with two minutes' notice: keep a base for production traffic.
   */
  public static spotMix(options: SpotMixOptions = {}): FargateCapacity {
    return new FargateCapacity(true, options.onDemandBase ?? 1, options.onDemandWeight ?? 1, options.spotWeight ?? 1);
  }

  private constructor(
    /** Whether some tasks run on Fargate Spot. */
    public readonly usesSpot: boolean,
    /** Tasks always on regular Fargate. */
    public readonly onDemandBase: number,
    /** Weight of regular Fargate above the base. */
    public readonly onDemandWeight: number,
    /** Weight of Fargate Spot above the base. */
    public readonly spotWeight: number,
  ) {}

  /** The capacity provider strategies for the service (undefined: the FARGATE launch type). */
  public capacityProviderStrategies(): ecs.CapacityProviderStrategy[] | undefined {
    if (!this.usesSpot) return undefined;
    return [
      { capacityProvider: 'FARGATE', base: this.onDemandBase, weight: this.onDemandWeight },
      { capacityProvider: 'FARGATE_SPOT', weight: this.spotWeight },
    ];
  }
}
