import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import { build, IMAGE, TOKYO, zone } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { CloudFrontAccess, EnvironmentProfile, FargateApiService, SecureVpc } from '../src';

const REGIONAL_ACL = 'arn:aws:wafv2:ap-northeast-1:111111111111:regional/webacl/api/0123abcd-4567-89ab-cdef-0123456789ab';

function certificate(stack: Stack): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:ap-northeast-1:111111111111:certificate/abc');
}

function ingressPorts(template: Template): number[] {
  const groups = template.findResources('AWS::EC2::SecurityGroup');
  const [, sg] = Object.entries(groups).find(([id]) => id.startsWith('ApiLoadBalancerSecurityGroup'))!;
  return ((sg as any).Properties.SecurityGroupIngress ?? []).map((r: any) => r.FromPort).sort();
}

describe('FargateApiService regional WAF', () => {
  test('an internet-facing load balancer gets a REGIONAL web ACL with the managed rule groups and a rate limit, associated with it; cdk-nag clean', () => {
    const { api, template } = build();
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Name: 'RateLimitPerIp', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } } }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet', Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesSQLiRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesAmazonIpReputationList' }),
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: Match.stringLikeRegexp('^ApiLoadBalancer') },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiWafWebAcl'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-Stack-'), RetentionInDays: 90 });
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    expect(api.webAcl).toBeDefined();
    expect(api.wafLogGroup).toBeDefined();
    expect(api.webAclArn).toBe(api.webAcl!.attrArn);
    expectNagClean(api);
  });

  test.each([
    ['vpcOrigin', { cloudFrontAccess: CloudFrontAccess.vpcOrigin() }],
    ['prefix list + secret header', { cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerValue: 'v' }) }],
    ['internetFacing false', { internetFacing: false }],
    ['waf.enabled false', { waf: { enabled: false } }],
  ])('%s: no web ACL', (_name, props) => {
    const { api, template } = build(props);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(api.webAclArn).toBeUndefined();
  });

  test('waf.enabled true guards a CloudFront-restricted load balancer too', () => {
    const { template } = build({ cloudFrontAccess: CloudFrontAccess.vpcOrigin(), waf: { enabled: true } });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  test('waf.webAclArn is associated and no web ACL is created', () => {
    const { api, template } = build({ waf: { webAclArn: REGIONAL_ACL } }, TOKYO);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: REGIONAL_ACL });
    expect(api.webAclArn).toBe(REGIONAL_ACL);
    expect(api.webAcl).toBeUndefined();
  });

  test('waf.webAclArn given for a CloudFront-restricted load balancer is associated, not silently dropped', () => {
    const { api, template } = build({ cloudFrontAccess: CloudFrontAccess.vpcOrigin(), waf: { webAclArn: REGIONAL_ACL } }, TOKYO);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: REGIONAL_ACL });
    expect(api.webAclArn).toBe(REGIONAL_ACL);
  });

  test('rateLimit, rateLimitWindow, blockedCountries and logRetention configure the web ACL', () => {
    const { template } = build({
      waf: { rateLimit: 500, rateLimitWindow: Duration.minutes(1), blockedCountries: ['KP'], logRetention: logs.RetentionDays.ONE_YEAR },
    });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'GeoBlock', Priority: 0, Statement: { GeoMatchStatement: { CountryCodes: ['KP'] } } }),
        Match.objectLike({ Name: 'RateLimitPerIp', Priority: 1, Statement: { RateBasedStatement: Match.objectLike({ Limit: 500, EvaluationWindowSec: 60 }) } }),
      ]),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), RetentionInDays: 365 });
  });

  test('logging false: no log group and no logging configuration', () => {
    const { api, template } = build({ waf: { logging: false } });
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
    expect(api.wafLogGroup).toBeUndefined();
  });

  test.each([
    ['dev', EnvironmentProfile.dev(), 7, 'Delete'],
    ['staging', EnvironmentProfile.staging(), 90, 'Retain'],
    ['prod', EnvironmentProfile.prod(), 365, 'Retain'],
  ])('the %s profile keeps WAF logs as it says; cdk-nag clean', (_name, profile, days, policy) => {
    // An explicit internetFacing keeps the dev profile's VPC-origin default out of the way.
    const { api, template } = build({ profile, internetFacing: true });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), RetentionInDays: days },
      DeletionPolicy: policy,
    });
    expectNagClean(api);
  });

  test('an attached service joins the load balancer and creates no second web ACL', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 });
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACL', 1);
    expect(api.webAclArn).toBeUndefined();
  });
});

describe('FargateApiService regional WAF refusals', () => {
  test('a CLOUDFRONT-scope web ACL ARN', () => {
    expect(() => build({ waf: { webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/site/0123' } }))
      .toThrow(/waf.webAclArn \(waf\.web_acl_arn\) must be the ARN of a REGIONAL-scope web ACL.*got 'arn:aws:wafv2:us-east-1:111111111111:global/);
  });

  test('a web ACL of another region', () => {
    expect(() => build({ waf: { webAclArn: REGIONAL_ACL.replace('ap-northeast-1', 'eu-west-1') } }, TOKYO))
      .toThrow(/waf.webAclArn \(waf\.web_acl_arn\) must be a web ACL of the stack's region \(ap-northeast-1\)/);
  });

  test('waf.enabled false with waf.webAclArn', () => {
    expect(() => build({ waf: { enabled: false, webAclArn: REGIONAL_ACL } })).toThrow(/waf.enabled false and waf.webAclArn \(waf.web_acl_arn\) cannot be combined/);
  });

  test('web ACL options where none is created by default', () => {
    expect(() => build({ cloudFrontAccess: CloudFrontAccess.vpcOrigin(), waf: { rateLimit: 100 } }))
      .toThrow(/waf.rateLimit \(waf\.rate_limit\) and cloudFrontAccess \(cloud_front_access\) cannot be combined: .* it creates none unless waf.enabled is true/);
  });

  test('web ACL options with waf.webAclArn', () => {
    expect(() => build({ waf: { webAclArn: REGIONAL_ACL, blockedCountries: ['KP'] } }))
      .toThrow(/waf.blockedCountries \(waf\.blocked_countries\) and waf.webAclArn \(waf\.web_acl_arn\) cannot be combined/);
  });

  test('a rate limit below WAF\'s minimum', () => {
    expect(() => build({ waf: { rateLimit: 5 } })).toThrow(/waf.rateLimit \(waf\.rate_limit\) must be a whole number between 10 and 2000000000; got 5/);
  });

  test('waf with attachTo', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
    expect(() => new FargateApiService(stack, 'Api', {
      vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10, waf: { enabled: false },
    })).toThrow(/attachTo \(attach_to\) and waf cannot be combined/);
  });
});

describe('FargateApiService HTTPS only', () => {
  test('redirectHttp false leaves out the port-80 listener and its ingress rule; cdk-nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, domainName: 'api.example.com', hostedZone: zone(stack), redirectHttp: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
    expect(ingressPorts(template)).toEqual([443]);
    expectNagClean(api);
  });

  test('by default an HTTPS load balancer also redirects port 80', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, certificate: certificate(stack) });
    expect(ingressPorts(Template.fromStack(stack))).toEqual([443, 80]);
  });

  test('redirectHttp without a certificate is refused', () => {
    expect(() => build({ redirectHttp: false })).toThrow(/redirectHttp \(redirect_http\) needs certificate or domainName.*got false/);
  });

  test('redirectHttp true with the prefix list is refused', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    expect(() => new FargateApiService(stack, 'Api', {
      vpc: network.vpc,
      image: IMAGE,
      certificate: certificate(stack),
      redirectHttp: true,
      cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerValue: 'v' }),
    })).toThrow(/redirectHttp \(redirect_http\) true and cloudFrontAccess \(cloud_front_access\) cannot be combined/);
  });
});
