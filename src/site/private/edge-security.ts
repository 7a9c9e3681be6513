import { ArnFormat, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { createLogBucket } from '../../private/log-bucket';
import { stackUniqueName } from '../../private/physical-name';
import { checkInteger, invalidProp } from '../../private/validation';
import { SiteWafOptions } from '../site-options';

/** The four AWS managed rule groups every web ACL gets, in priority order. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
];

const RATE_WINDOWS = [60, 120, 300, 600];

/** Checks the WAF options; called before anything is created so refusals come first. */
export function validateWafOptions(scope: Construct, waf: SiteWafOptions): void {
  checkInteger(scope, 'waf.rateLimit', waf.rateLimit, 10, 2_000_000_000);
  const window = waf.rateLimitWindow?.toSeconds();
  if (window !== undefined && !Token.isUnresolved(window) && !RATE_WINDOWS.includes(window)) {
    invalidProp(scope, 'waf.rateLimitWindow', `${window} seconds`, 'must be 60, 120, 300 or 600 seconds');
  }
  for (const country of waf.blockedCountries ?? []) {
    if (!Token.isUnresolved(country) && !/^[A-Z]{2}$/.test(country)) {
      invalidProp(scope, 'waf.blockedCountries', waf.blockedCountries, 'must hold ISO 3166 alpha-2 codes such as \'KP\'');
    }
  }
  if (waf.blockedCountries && waf.blockedCountries.length === 0) {
    invalidProp(scope, 'waf.blockedCountries', waf.blockedCountries, 'must list at least one country when given');
  }
}

/** Settings for the web ACL the site creates (the profile already applied). */
export interface WebAclSettings {
  readonly rateLimit: number;
  readonly rateLimitWindow: number;
  readonly blockedCountries?: string[];
  readonly logging: boolean;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** The web ACL and its log group, created under `scope` (which must be in us-east-1). */
export class SiteWebAcl extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly logGroup?: logs.LogGroup;

  constructor(scope: Construct, id: string, settings: WebAclSettings) {
    super(scope, id);
    const metric = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: name,
    });
    const rules: wafv2.CfnWebACL.RuleProperty[] = [];
    if (settings.blockedCountries) {
      rules.push({
        name: 'GeoBlock',
        priority: rules.length,
        action: { block: {} },
        statement: { geoMatchStatement: { countryCodes: settings.blockedCountries } },
        visibilityConfig: metric('GeoBlock'),
      });
    }
    rules.push({
      name: 'RateLimitPerIp',
      priority: rules.length,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit: settings.rateLimit, evaluationWindowSec: settings.rateLimitWindow, aggregateKeyType: 'IP' },
      },
      visibilityConfig: metric('RateLimitPerIp'),
    });
    for (const group of MANAGED_RULE_GROUPS) {
      rules.push({
        name: group,
        priority: rules.length,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
        visibilityConfig: metric(group),
      });
    }
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('WebAcl'),
      rules,
    });

    if (settings.logging) {
      // WAF only delivers to log groups whose name starts with aws-waf-logs-.
      this.logGroup = new logs.LogGroup(this, 'LogGroup', {
        logGroupName: stackUniqueName(this, { prefix: 'aws-waf-logs-', maxLength: 512 }),
        retention: settings.logRetention,
        removalPolicy: settings.logRemovalPolicy,
      });
      const logGroupArn = Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: this.logGroup.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      const config = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
        resourceArn: this.webAcl.attrArn,
        logDestinationConfigs: [logGroupArn],
      });
      config.node.addDependency(this.logGroup);
    }
  }
}

/** The response headers policy: HSTS, nosniff, frame options, referrer policy and a CSP. */
export function securityHeadersPolicy(scope: Construct, id: string, contentSecurityPolicy: string): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: 'Security headers of the site',
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
    },
  });
}

/** The access-log bucket: encrypted, SSL-only, no public access, ACLs on for CloudFront log delivery. */
export function accessLogBucket(scope: Construct, id: string, expiration: Duration, removalPolicy: RemovalPolicy): s3.Bucket {
  return createLogBucket(scope, id, {
    receives: 'the site\'s access logs',
    expiration,
    removalPolicy,
    // CloudFront standard logging writes with an ACL grant to the awslogsdelivery account.
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    abortIncompleteMultipartUploadAfter: Duration.days(1),
  });
}
