import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag';

/** How a log bucket is made. */
export interface LogBucketOptions {
  /** What the bucket receives, for the cdk-nag S1 reason, e.g. 'VPC flow logs'. */
  readonly receives: string;
  /** How long log objects are kept. */
  readonly expiration: Duration;
  /** What happens to the bucket on stack deletion; DESTROY empties it first. */
  readonly removalPolicy: RemovalPolicy;
  /** Object ownership; CloudFront standard logging needs OBJECT_WRITER for its ACL grant. */
  readonly objectOwnership?: s3.ObjectOwnership;
  /** Abort incomplete multipart uploads after this long. */
  readonly abortIncompleteMultipartUploadAfter?: Duration;
  /** Versioning, with noncurrent versions expiring after this long (a bucket others read as evidence). */
  readonly noncurrentVersionExpiration?: Duration;
  /** Server access logs of this bucket into another bucket, under a prefix (instead of none). */
  readonly serverAccessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
}

/**
 * A bucket that only receives logs: SSE-S3 (the encryption every AWS log delivery supports), SSL
 * only, no public access, objects expiring. Its own server access logs are not written: they would
 * only log the log delivery service (cdk-nag S1 is acknowledged with that reason).
 */
export function createLogBucket(scope: Construct, id: string, options: LogBucketOptions): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: options.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: options.noncurrentVersionExpiration !== undefined ? true : undefined,
    lifecycleRules: [{
      expiration: options.expiration,
      abortIncompleteMultipartUploadAfter: options.abortIncompleteMultipartUploadAfter,
      noncurrentVersionExpiration: options.noncurrentVersionExpiration,
    }],
    removalPolicy: options.removalPolicy,
    // A bucket that is to be destroyed must be emptied first, or its deletion fails.
    autoDeleteObjects: options.removalPolicy === RemovalPolicy.DESTROY,
  });
  if (options.serverAccessLogs) {
    logServerAccessTo(bucket, options.serverAccessLogs.bucket, options.serverAccessLogs.prefix);
    return bucket;
  }
  const ownLogs = `This bucket only receives ${options.receives}; server access logs of a log bucket would only log the log delivery service.`;
  acknowledgeNag(bucket, [
    { id: 'AwsSolutions-S1', reason: ownLogs },
    { id: 'NIST.800.53.R5-S3BucketLoggingEnabled', reason: ownLogs },
  ]);
  return bucket;
}

/**
 * Server access logs of `source` into `logBucket` under `prefix`, through a bucket policy for the S3
 * logging service, not the legacy LogDeliveryWrite ACL that `serverAccessLogsBucket` writes without
 * the @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy flag (an ACL fails on an owner-enforced bucket).
 */
export function logServerAccessTo(source: s3.Bucket, logBucket: s3.IBucket, prefix: string): void {
  (source.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: logBucket.bucketName,
    logFilePrefix: prefix,
  };
  logBucket.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logBucket.arnForObjects(`${prefix}*`)],
    conditions: { ArnLike: { 'aws:SourceArn': source.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(source).account } },
  }));
}
