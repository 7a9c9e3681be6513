import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
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
   * Step scaling on CPU instead of CPU target tracking: out above one threshold, in below another
   * (reference E: out above 70 %, in below 30 %). Memory and request target tracking stay.
   * @default - target tracking on CPU (`targetCpuUtilization`)
   */
  readonly cpuSteps?: CpuStepScaling;
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

/** Step scaling on average CPU utilization: add tasks above one threshold, remove them below another. */
export interface CpuStepScaling {
  /** Add tasks when average CPU utilization (percent) is at or above this for `evaluationPeriods` minutes. */
  readonly scaleOutAbove: number;
  /** Remove tasks when average CPU utilization (percent) is at or below this for `evaluationPeriods` minutes; below `scaleOutAbove`. */
  readonly scaleInBelow: number;
  /**
   * Tasks added per scale-out.
   * @default 1
   */
  readonly scaleOutBy?: number;
  /**
   * Tasks removed per scale-in.
   * @default 1
   */
  readonly scaleInBy?: number;
  /**
   * How many consecutive 1-minute periods must cross a threshold before tasks change.
   * @default 3
   */
  readonly evaluationPeriods?: number;
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

/** One scheduled change of a service's task count bounds. */
export interface ScheduledCapacityChange {
  /** The name of the change (letters and digits, unique per service; its construct id). */
  readonly name: string;
  /** When the change applies, e.g. `appscaling.Schedule.cron({ hour: '22', minute: '0' })`, in the schedule's time zone. */
  readonly schedule: appscaling.Schedule;
  /**
   * The fewest tasks from then on.
   * @default - unchanged
   */
  readonly minCapacity?: number;
  /**
   * The most tasks from then on (0 stops the service).
   * @default - unchanged
   */
  readonly maxCapacity?: number;
}

/** Options of `ScheduledScaling.dailyStop()`. */
export interface DailyStopOptions {
  /** When the service stops every day, `HH:MM` in `timeZone`, e.g. `'22:00'`. */
  readonly stopAt: string;
  /** When it starts again (back to its `minCapacity` and `maxCapacity`), `HH:MM` in `timeZone`, e.g. `'08:00'`. */
  readonly startAt: string;
  /** The IANA time zone of both times, e.g. `'Asia/Tokyo'`. */
  readonly timeZone: string;
}

/**
 * Scheduled scaling of a service's task count: a daily stop (dev environments at night) or any
 * list of changes of the minimum and maximum, in a time zone.
 */
export class ScheduledScaling {
  /** Stops the service (0 tasks) every day at `stopAt` and starts it at `startAt` with its usual bounds. */
  public static dailyStop(options: DailyStopOptions): ScheduledScaling {
    return new ScheduledScaling(options.timeZone, [], options);
  }

  /** Changes the task count bounds on a schedule, in `timeZone` (an IANA name such as `'Europe/Paris'` or `'UTC'`). */
  public static custom(timeZone: string, changes: ScheduledCapacityChange[]): ScheduledScaling {
    return new ScheduledScaling(timeZone, changes, undefined);
  }

  private constructor(
    /** The IANA time zone of the schedules. */
    public readonly timeZone: string,
    /** The changes given to `custom()` (empty for `dailyStop()`). */
    public readonly changes: ScheduledCapacityChange[],
    /** The daily stop, when this is one. */
    public readonly dailyStopOptions: DailyStopOptions | undefined,
  ) {}

  /** Whether a change lets the service run no task (a daily stop, or a minimum or maximum of 0). */
  public get scalesToZero(): boolean {
    return this.dailyStopOptions !== undefined || this.changes.some((c) => c.minCapacity === 0 || c.maxCapacity === 0);
  }
}
