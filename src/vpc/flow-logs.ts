import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Where VPC flow logs go. */
export enum FlowLogDestinationKind {
  /** A CloudWatch Logs log group. */
  CLOUDWATCH_LOGS = 'CLOUDWATCH_LOGS',
  /** An S3 bucket. */
  S3 = 'S3',
  /** No flow logs (an explicit choice that warns). */
  DISABLED = 'DISABLED',
}

/** Options for flow logs delivered to CloudWatch Logs. */
export interface CloudWatchFlowLogOptions {
  /**
   * How long the log group keeps flow log records.
   * @default - one week with the dev profile, one year with prod, three months otherwise
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Which traffic to record.
   * @default ec2.FlowLogTrafficType.ALL
   */
  readonly trafficType?: ec2.FlowLogTrafficType;
  /**
   * A KMS key that encrypts the log group.
   * @default - CloudWatch Logs' own encryption
   */
  readonly encryptionKey?: kms.IKey;
}

/** Options for flow logs delivered to S3. */
export interface S3FlowLogOptions {
  /**
   * The bucket to deliver to.
   * @default - a new bucket: S3-managed encryption, SSL only, public access blocked, expiring objects
   */
  readonly bucket?: s3.IBucket;
  /**
   * How long objects stay in the bucket the construct creates; refused together with `bucket`, whose lifecycle is its owner's.
   * @default - one week with the dev profile, one year with prod, three months otherwise
   */
  readonly expiration?: Duration;
  /**
   * Which traffic to record.
   * @default ec2.FlowLogTrafficType.ALL
   */
  readonly trafficType?: ec2.FlowLogTrafficType;
}

/**
 * The VPC flow log configuration of a SecureVpc: a choice with static factories.
 */
export class FlowLogs {
  /** Flow logs to a new CloudWatch Logs log group with finite retention. */
  public static toCloudWatchLogs(options: CloudWatchFlowLogOptions = {}): FlowLogs {
    return new FlowLogs(FlowLogDestinationKind.CLOUDWATCH_LOGS, options.trafficType, options.retention, options.encryptionKey);
  }

  /** Flow logs to an S3 bucket (a new encrypted, SSL-only, private bucket unless one is given). */
  public static toS3(options: S3FlowLogOptions = {}): FlowLogs {
    return new FlowLogs(FlowLogDestinationKind.S3, options.trafficType, undefined, undefined, options.bucket, options.expiration);
  }

  /**
   * No flow logs. An explicit choice: the construct warns. With a `reason` (why this VPC needs no flow
   * logs, at least 10 characters), cdk-nag's AwsSolutions-VPC7 and NIST.800.53.R5-VPCFlowLogsEnabled are
   * acknowledged on the VPC with that reason; without one, they flag the VPC and fail a synth that
   * runs cdk-nag.
   */
  public static disabled(reason?: string): FlowLogs {
    return new FlowLogs(FlowLogDestinationKind.DISABLED, undefined, undefined, undefined, undefined, undefined, reason);
  }

  private constructor(
    /** Where the flow logs go. */
    public readonly destination: FlowLogDestinationKind,
    /** The traffic recorded. */
    public readonly trafficType?: ec2.FlowLogTrafficType,
    /** CloudWatch Logs retention. */
    public readonly retention?: logs.RetentionDays,
    /** CloudWatch Logs encryption key. */
    public readonly encryptionKey?: kms.IKey,
    /** The S3 bucket given by the user. */
    public readonly bucket?: s3.IBucket,
    /** The expiration of objects in the bucket the construct creates. */
    public readonly expiration?: Duration,
    /** Why flow logs are disabled, the reason of the cdk-nag acknowledgement. */
    public readonly reason?: string,
  ) {}
}
