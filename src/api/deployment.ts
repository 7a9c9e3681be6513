import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** How an API service replaces its tasks. */
export enum DeploymentStrategyKind {
  /** Rolling update with the deployment circuit breaker. */
  ROLLING = 'ROLLING',
  /** ECS-native blue/green with a test listener rule and a bake time. */
  BLUE_GREEN = 'BLUE_GREEN',
}

/** Options of a rolling deployment. */
export interface RollingDeploymentOptions {
  /**
   * CloudWatch alarms that roll a deployment back while they are in ALARM (ECS deployment alarms).
   * An alarm on this service's own metrics must have a physical name, or the service and the alarm
   * would depend on each other.
   * @default - none: the circuit breaker alone rolls back
   */
  readonly rollbackAlarms?: cloudwatch.IAlarm[];
}

/** Options of an ECS-native blue/green deployment. */
export interface BlueGreenDeploymentOptions extends RollingDeploymentOptions {
  /**
   * How long the blue tasks keep running after production traffic moved to green, ready to take it
   * back when an alarm fires (0-1440 minutes, whole minutes).
   * @default - Duration.minutes(10) with prod, Duration.minutes(5) otherwise
   */
  readonly bakeTime?: Duration;
  /**
   * Target 5xx responses a minute (of both target groups) that roll the deployment back, through an
   * alarm the service creates on its target groups; 0 leaves that alarm out.
   * @default 10
   */
  readonly rollbackOnTarget5xx?: number;
  /**
   * Lambda functions ECS runs at the deployment's lifecycle stages, e.g. tests against the test
   * listener after `POST_TEST_TRAFFIC_SHIFT` (`ecs.DeploymentLifecycleLambdaTarget`).
   * @default - none
   */
  readonly lifecycleHooks?: ecs.IDeploymentLifecycleHookTarget[];
}

/**
 * How an API service deploys a new task definition: a rolling update with the circuit breaker (the
 * default), or ECS-native blue/green that starts a green set of tasks behind a second target group,
 * shifts the test listener, then production, and rolls back on alarm during the bake time.
 */
export class DeploymentStrategy {
  /** A rolling update with the deployment circuit breaker, rolling back on failure (and on `rollbackAlarms`). */
  public static rolling(options: RollingDeploymentOptions = {}): DeploymentStrategy {
    return new DeploymentStrategy(DeploymentStrategyKind.ROLLING, options);
  }

  /**
   * ECS-native blue/green: the load balancer gets a test listener (`testListenerPort`), the service a
   * second target group; production traffic moves to green at once, and blue stays for the bake time.
   */
  public static blueGreen(options: BlueGreenDeploymentOptions = {}): DeploymentStrategy {
    return new DeploymentStrategy(DeploymentStrategyKind.BLUE_GREEN, options);
  }

  private constructor(
    /** Which strategy this is. */
    public readonly kind: DeploymentStrategyKind,
    /** Its options. */
    public readonly options: BlueGreenDeploymentOptions,
  ) {}
}
