import { Aws, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FactName } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { createLogBucket } from '../../private/log-bucket';
import { acknowledgeNag } from '../../private/nag';

/** A bucket for ALB access logs: SSE-S3 (the only encryption ALB supports), SSL only, no public access. */
export function createAccessLogBucket(scope: Construct, id: string, expiration: Duration, removalPolicy: RemovalPolicy): s3.Bucket {
  const bucket = createLogBucket(scope, id, { receives: 'load balancer access logs', expiration, removalPolicy });
  acknowledgeNag(bucket, [{
    id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    reason: 'Elastic Load Balancing writes access logs only to buckets encrypted with S3-managed keys (SSE-S3): with a KMS default key its log delivery fails (ALB user guide, access-log bucket requirements; aws-cdk issue 21947).',
  }]);
  return bucket;
}

/**
 * Turns on access logs. aws-cdk-lib's `logAccessLogs` needs a concrete region (the delivery principal
 * differs by region); in a region-agnostic stack the same statement is written with the region's ELB
 * account from a CloudFormation mapping, which covers every region aws-cdk-lib knows an ELB account for
 * (regions opened since August 2022 need a stack with `env.region`).
 */
export function enableAccessLogs(loadBalancer: elbv2.ApplicationLoadBalancer, bucket: s3.IBucket, prefix: string | undefined): void {
  const stack = Stack.of(loadBalancer);
  if (!Token.isUnresolved(stack.region)) {
    loadBalancer.logAccessLogs(bucket, prefix);
    return;
  }
  loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
  loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
  loadBalancer.setAttribute('access_logs.s3.prefix', prefix ?? '');
  const objects = bucket.arnForObjects(`${prefix ? prefix + '/' : ''}AWSLogs/${Aws.ACCOUNT_ID}/*`);
  const elbAccount = stack.regionalFact(FactName.ELBV2_ACCOUNT);
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'],
    principals: [new iam.ArnPrincipal(Fn.join('', ['arn:', Aws.PARTITION, ':iam::', elbAccount, ':root']))],
    resources: [objects],
  }));
  const policy = bucket.policy?.node.defaultChild;
  if (policy) loadBalancer.node.addDependency(policy);
}
