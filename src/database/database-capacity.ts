import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Options of Aurora Serverless v2 capacity. */
export interface ServerlessCapacityOptions {
  /**
   * The minimum capacity in Aurora capacity units (0 to 256 in steps of 0.5).
   * 0 lets idle instances pause (scale-to-zero); reference architecture D uses 0.5.
   */
  readonly minAcu: number;
  /** The maximum capacity in Aurora capacity units (1 to 256 in steps of 0.5, at least `minAcu`). */
  readonly maxAcu: number;
  /**
   * How long an instance must be idle before it pauses; only with `minAcu: 0` (5 minutes to 24 hours).
   * @default - 5 minutes when `minAcu` is 0
   */
  readonly autoPauseAfter?: Duration;
}

/** Options of provisioned capacity. */
export interface ProvisionedCapacityOptions {
  /** The instance type of every instance (writer and readers), e.g. `r6g.large` (written as `db.r6g.large`). */
  readonly instanceType: ec2.InstanceType;
}

/**
 * The compute capacity of every instance of an AuroraCluster: Aurora Serverless v2 with an ACU
 * range, or provisioned instances of one type.
 */
export class DatabaseCapacity {
  /** Aurora Serverless v2 between `minAcu` and `maxAcu`; `minAcu: 0` enables auto-pause. */
  public static serverless(options: ServerlessCapacityOptions): DatabaseCapacity {
    return new DatabaseCapacity(true, options.minAcu, options.maxAcu, options.autoPauseAfter, undefined);
  }

  /** Provisioned instances of one instance type. */
  public static provisioned(options: ProvisionedCapacityOptions): DatabaseCapacity {
    return new DatabaseCapacity(false, undefined, undefined, undefined, options.instanceType);
  }

  /** Whether the instances are Aurora Serverless v2. */
  public readonly isServerless: boolean;
  /** The minimum ACU (serverless only). */
  public readonly minAcu?: number;
  /** The maximum ACU (serverless only). */
  public readonly maxAcu?: number;
  /** The idle time before pausing (serverless with `minAcu: 0` only). */
  public readonly autoPauseAfter?: Duration;
  /** The instance type (provisioned only). */
  public readonly instanceType?: ec2.InstanceType;

  private constructor(isServerless: boolean, minAcu?: number, maxAcu?: number, autoPauseAfter?: Duration, instanceType?: ec2.InstanceType) {
    this.isServerless = isServerless;
    this.minAcu = minAcu;
    this.maxAcu = maxAcu;
    this.autoPauseAfter = autoPauseAfter;
    this.instanceType = instanceType;
  }
}
