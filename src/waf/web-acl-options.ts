import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The rules and logging of a web ACL this library creates: the AWS managed rule groups (common,
 * known bad inputs, SQL injection, IP reputation), a rate limit per client IP, an optional geo block.
 */
export interface WebAclRuleOptions {
  /**
   * Requests allowed per client IP within `rateLimitWindow` before the IP is blocked (WAF minimum: 10).
   * @default 2000
   */
  readonly rateLimit?: number;
  /**
   * The window over which the rate limit counts requests: 1, 2, 5 or 10 minutes.
   * @default Duration.minutes(5)
   */
  readonly rateLimitWindow?: Duration;
  /**
   * ISO 3166 alpha-2 country codes whose requests the web ACL blocks, e.g. `['KP']`.
   * @default - no geo block
   */
  readonly blockedCountries?: string[];
  /**
   * Send WAF logs to a CloudWatch log group `aws-waf-logs-*` (in us-east-1 for a CloudFront web ACL).
   * @default true
   */
  readonly logging?: boolean;
  /**
   * How long WAF logs are kept.
   * @default - one week with the dev profile, one year with prod, three months otherwise
   */
  readonly logRetention?: logs.RetentionDays;
}
