import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WebAclRuleOptions } from '../waf/web-acl-options';

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

/**
 * The regional web application firewall of an API service's load balancer: the managed rule groups
 * (common, known bad inputs, SQL injection, IP reputation), a rate limit per IP, optional geo block and logs.
 */
export interface LoadBalancerWafOptions extends WebAclRuleOptions {
  /**
   * Whether a web ACL guards the load balancer.
   * @default - true for an internet-facing load balancer not restricted to CloudFront (CloudFront's web ACL
   * guards one that is); false for an internal one
   */
  readonly enabled?: boolean;
  /**
   * An existing REGIONAL-scope web ACL of the stack's region to associate instead of creating one.
   * @default - a web ACL is created
   */
  readonly webAclArn?: string;
}
