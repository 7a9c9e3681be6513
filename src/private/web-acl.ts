// The one web ACL builder of the library: CloudFront's (us-east-1) and a load balancer's (regional).
import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { checkCountryCodes, checkDuration, checkRetentionDays } from './input-rules';
import { stackUniqueName } from './physical-name';
import { profileDefault } from './profile-defaults';
import { checkInteger, conflictingProps, invalidProp } from './validation';
import { EnvironmentProfile } from '../profile';
import { WebAclRuleOptions } from '../waf/web-acl-options';

/**
 * The four AWS managed rule groups every web ACL gets, in priority order. Their capacity is 700 + 200 +
 * 200 + 25 WCUs, plus 2 for the rate rule and 1 for a geo block: 1,128 of the 1,500 WCUs a web ACL's base
 * price covers (AWS WAF Developer Guide, "AWS Managed Rules rule groups list" and "Web ACL capacity units",
 * read 2026-12-01).
 */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
];

const RATE_WINDOWS = [60, 120, 300, 600];

/** The options that configure a web ACL the library creates (meaningless without one). */
const CREATED_WEB_ACL_OPTIONS: (keyof WebAclRuleOptions)[] = ['rateLimit', 'rateLimitWindow', 'blockedCountries', 'logging', 'logRetention'];

/** Where a web ACL applies: CloudFront (global, created in us-east-1) or a regional resource. */
export type WebAclScope = 'CLOUDFRONT' | 'REGIONAL';

/** The `waf` options of a construct: the rule options plus the on switch and a brought web ACL. */
export interface WafOptions extends WebAclRuleOptions {
  readonly enabled?: boolean;
  readonly webAclArn?: string;
}

/** Checks the `waf` options; called before anything is created so refusals come first. */
export function validateWafOptions(scope: Construct, waf: WafOptions, aclScope: WebAclScope, offByDefaultBecause?: string): void {
  if (waf.enabled === false && waf.webAclArn) {
    conflictingProps(scope, 'waf.enabled false', 'waf.webAclArn', 'cannot be combined: turning the WAF off leaves no place for the web ACL');
  }
  const noWebAclCreated = waf.enabled === false ? 'waf.enabled false'
    : waf.webAclArn ? 'waf.webAclArn'
      : waf.enabled === undefined ? offByDefaultBecause : undefined;
  const ignored = CREATED_WEB_ACL_OPTIONS.find((option) => waf[option] !== undefined);
  if (noWebAclCreated && ignored) {
    const hint = noWebAclCreated === offByDefaultBecause ? ' unless waf.enabled is true' : '';
    conflictingProps(scope, `waf.${ignored}`, noWebAclCreated, 'cannot be combined: it configures the web ACL this construct creates, and with '
      + `${noWebAclCreated} it creates none${hint}`);
  }
  if (waf.logging === false && waf.logRetention !== undefined) {
    conflictingProps(scope, 'waf.logRetention', 'waf.logging false', 'cannot be combined: without WAF logging there is no log group to keep');
  }
  if (waf.webAclArn && !Token.isUnresolved(waf.webAclArn)) validateWebAclArn(scope, waf.webAclArn, aclScope);
  checkInteger(scope, 'waf.rateLimit', waf.rateLimit, 10, 2_000_000_000);
  checkDuration(scope, 'waf.rateLimitWindow', waf.rateLimitWindow, { unit: 'seconds', oneOf: RATE_WINDOWS });
  checkCountryCodes(scope, 'waf.blockedCountries', waf.blockedCountries);
  checkRetentionDays(scope, 'waf.logRetention', waf.logRetention);
  if (waf.blockedCountries && waf.blockedCountries.length === 0) {
    invalidProp(scope, 'waf.blockedCountries', waf.blockedCountries, 'must list at least one country when given');
  }
}

function validateWebAclArn(scope: Construct, arn: string, aclScope: WebAclScope): void {
  if (aclScope === 'CLOUDFRONT') {
    if (!/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[^/]+\/[^/]+$/.test(arn)) {
      invalidProp(scope, 'waf.webAclArn', arn,
        'must be the ARN of a CLOUDFRONT-scope web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)');
    }
    return;
  }
  const match = /^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):\d{12}:regional\/webacl\/[^/]+\/[^/]+$/.exec(arn);
  if (!match) {
    invalidProp(scope, 'waf.webAclArn', arn, 'must be the ARN of a REGIONAL-scope web ACL (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)');
  }
  const region = Stack.of(scope).region;
  if (!Token.isUnresolved(region) && match[1] !== region) {
    invalidProp(scope, 'waf.webAclArn', arn, `must be a web ACL of the stack's region (${region}): WAF associates a regional web ACL only with resources of its own region`);
  }
}

/** Settings for a web ACL the library creates, all defaults applied. */
export interface WebAclSettings {
  readonly scope: WebAclScope;
  readonly rateLimit: number;
  readonly rateLimitWindow: number;
  readonly blockedCountries?: string[];
  readonly logging: boolean;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Applies the defaults (the profile's, then the library's) to the rule options. */
export function webAclSettings(aclScope: WebAclScope, waf: WebAclRuleOptions, profile?: EnvironmentProfile): WebAclSettings {
  return {
    scope: aclScope,
    rateLimit: waf.rateLimit ?? 2000,
    rateLimitWindow: waf.rateLimitWindow?.toSeconds() ?? 300,
    blockedCountries: waf.blockedCountries,
    logging: waf.logging ?? true,
    logRetention: waf.logRetention ?? profileDefault(profile, logs.RetentionDays.THREE_MONTHS, {
      dev: logs.RetentionDays.ONE_WEEK, prod: logs.RetentionDays.ONE_YEAR,
    }),
    logRemovalPolicy: profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY }),
  };
}

/**
 * A web ACL with a geo block (optional), a rate limit per IP and the managed rule groups, and its
 * log group; a CLOUDFRONT one must be created in us-east-1.
 */
export class ManagedWebAcl extends Construct {
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
      scope: settings.scope,
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
