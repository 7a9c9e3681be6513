import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Where a FargateApiService's load balancer writes its access logs. */
export interface AccessLogOptions {
  /**
   * A bucket of yours (SSE-S3 encrypted: ALB access logs cannot use KMS). The construct adds the
   * log-delivery statements to its policy when it is a bucket of this app.
   * @default - a new encrypted, SSL-only, non-public bucket with a lifecycle rule
   */
  readonly bucket?: s3.IBucket;
  /**
   * The key prefix of the log objects.
   * @default - no prefix
   */
  readonly prefix?: string;
  /**
   * How long the new bucket keeps log objects (not allowed with `bucket`: its lifecycle is yours).
   * @default - 7 days with the dev profile, 365 days with prod, 90 days otherwise
   */
  readonly expiration?: Duration;
}
