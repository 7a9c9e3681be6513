import { App, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as logs from 'aws-cdk-lib/aws-logs';
import { expectNagClean } from './nag';
import { build, companionTemplate, distributionConfig, internalAlb, TOKYO, VIRGINIA, zoneOf } from './static-site-fixtures';
import { ApiOrigin, StaticSiteWithApiOrigin } from '../src';

const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/abcd-1234';

describe('StaticSiteWithApiOrigin WAF', () => {
  test('a CLOUDFRONT web ACL with the four managed groups and 2000 requests / 5 minutes per IP', () => {
    const built = build();
    const edge = companionTemplate(built);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Name: 'RateLimitPerIp', Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } } }),
        ...['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesAmazonIpReputationList']
          .map((name) => Match.objectLike({ Name: name, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } } })),
      ],
    });
    expect(built.site.webAcl).toBeDefined();
  });

  test('WAF logs go to an aws-waf-logs-* log group in us-east-1 kept three months', () => {
    const edge = companionTemplate(build());
    edge.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'), RetentionInDays: 90 });
    edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WafWebAcl'), 'Arn'] },
      LogDestinationConfigs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
  });

  test('waf.rateLimit and waf.rateLimitWindow set the rate-based rule', () => {
    const edge = companionTemplate(build(() => ({ waf: { rateLimit: 500, rateLimitWindow: Duration.minutes(1) } })));
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: { Limit: 500, EvaluationWindowSec: 60, AggregateKeyType: 'IP' } } })]),
    });
  });

  test('waf.blockedCountries adds a geo block rule first', () => {
    const edge = companionTemplate(build(() => ({ waf: { blockedCountries: ['KP', 'IR'] } })));
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Name: 'GeoBlock', Priority: 0, Action: { Block: {} }, Statement: { GeoMatchStatement: { CountryCodes: ['KP', 'IR'] } } })]),
    });
  });

  test('waf.logging false creates no logging configuration or log group', () => {
    const edge = companionTemplate(build(() => ({ waf: { logging: false } })));
    edge.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
    edge.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('waf.logRetention sets the WAF log retention', () => {
    const edge = companionTemplate(build(() => ({ waf: { logRetention: logs.RetentionDays.TWO_WEEKS } })));
    edge.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  test('waf.webAclArn uses your web ACL and creates none', () => {
    const arn = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/mine/abcd';
    const built = build(() => ({ waf: { webAclArn: arn } }));
    expect(distributionConfig(built.template).WebACLId).toBe(arn);
    expect(built.site.usEast1Stack).toBeUndefined();
    expect(built.site.webAcl).toBeUndefined();
    expect(built.site.webAclArn).toBe(arn);
  });

  test('waf.enabled false leaves the distribution without a web ACL and makes no companion', () => {
    const built = build(() => ({ waf: { enabled: false } }));
    expect(distributionConfig(built.template).WebACLId).toBeUndefined();
    expect(built.site.usEast1Stack).toBeUndefined();
    expect(built.app.node.children.filter((c) => Stack.isStack(c))).toHaveLength(1);
  });
});

describe('StaticSiteWithApiOrigin cross-region', () => {
  test('an ap-northeast-1 site gets a us-east-1 companion stack that the main template references', () => {
    const built = build((stack) => ({ domainNames: ['www.example.com'], hostedZone: zoneOf(stack) }));
    const companion = built.site.usEast1Stack!;
    expect(companion.region).toBe('us-east-1');
    expect(companion.stackName).toBe('Stack-ap-northeast-1-UsEast1');
    const assembly = built.app.synth();
    expect(assembly.stacks.map((s) => s.environment.region).sort()).toEqual(['ap-northeast-1', 'us-east-1']);
    const config = distributionConfig(built.template);
    expect(config.ViewerCertificate.AcmCertificateArn).toEqual({
      'Fn::GetStackOutput': { StackName: 'Stack-ap-northeast-1-UsEast1', Region: 'us-east-1', OutputName: expect.stringContaining('Certificate') },
    });
    expect(config.WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ExportsReader/), expect.stringContaining('WebAcl')] });
    companionTemplate(built).resourceCountIs('Custom::CrossRegionExportWriter', 1);
    expect(built.stack.dependencies).toContain(companion);
  });

  test('the certificate is read weakly, so changing domainNames (a new certificate) never trips the export writer', () => {
    const built = build((stack) => ({ domainNames: ['www.example.com'], hostedZone: zoneOf(stack) }));
    const [writer] = Object.values(companionTemplate(built).findResources('Custom::CrossRegionExportWriter')) as any[];
    const exported = JSON.stringify(writer.Properties.WriterProps.exports);
    expect(exported).toContain('WafWebAcl');
    expect(exported).not.toContain('Certificate');
    companionTemplate(built).hasOutput('*', { Value: { Ref: Match.stringLikeRegexp('Certificate') } });
  });

  test('every site of one stack shares that stack\'s companion', () => {
    const app = new App();
    const stack = new Stack(app, 'A', { env: TOKYO });
    const a = new StaticSiteWithApiOrigin(stack, 'Site');
    const b = new StaticSiteWithApiOrigin(stack, 'Other');
    expect(a.usEast1Stack).toBe(b.usEast1Stack);
    Template.fromStack(a.usEast1Stack!).resourceCountIs('AWS::WAFv2::WebACL', 2);
  });

  test('each site stack has its own companion, named after the site stack and its region', () => {
    const app = new App();
    const a = new StaticSiteWithApiOrigin(new Stack(app, 'A', { env: TOKYO }), 'Site');
    const b = new StaticSiteWithApiOrigin(new Stack(app, 'B', { env: { ...TOKYO, region: 'eu-west-1' }, stackName: 'Web' }), 'Site');
    expect(a.usEast1Stack).not.toBe(b.usEast1Stack);
    expect(a.usEast1Stack!.stackName).toBe('A-ap-northeast-1-UsEast1');
    expect(b.usEast1Stack!.stackName).toBe('Web-eu-west-1-UsEast1');
    expect([a.usEast1Stack!.account, b.usEast1Stack!.region]).toEqual(['111111111111', 'us-east-1']);
  });

  test('adding a site stack before the first one renames and replaces nothing of the first one\'s companion', () => {
    const companionOfA = (app: App) => {
      const site = new StaticSiteWithApiOrigin(new Stack(app, 'A', { env: TOKYO }), 'Site');
      return site.usEast1Stack!;
    };
    const alone = companionOfA(new App());
    const app = new App();
    new StaticSiteWithApiOrigin(new Stack(app, 'NewFirst', { env: TOKYO }), 'Site');
    const afterAnother = companionOfA(app);
    expect([afterAnother.stackName, afterAnother.node.path]).toEqual([alone.stackName, alone.node.path]);
    const logGroups = (s: Stack) => Template.fromStack(s).findResources('AWS::Logs::LogGroup');
    expect(logGroups(afterAnother)).toEqual(logGroups(alone));
    expect(Object.keys(Template.fromStack(afterAnother).findResources('AWS::WAFv2::WebACL')))
      .toEqual(Object.keys(Template.fromStack(alone).findResources('AWS::WAFv2::WebACL')));
  });

  test('two site stacks whose ids differ only in punctuation never share a companion', () => {
    const app = new App();
    new StaticSiteWithApiOrigin(new Stack(app, 'Web-1', { env: TOKYO }), 'Site');
    expect(() => new StaticSiteWithApiOrigin(new Stack(app, 'Web1', { env: TOKYO }), 'Site'))
      .toThrow("StaticSiteWithApiOrigin 'Web1/Site': the site stack's id must not reduce to the us-east-1 companion id 'UsEast1CompanionWeb1' of another "
        + "stack (its companion is 'Web-1-ap-northeast-1-UsEast1'); rename one of the stacks or pass usEast1Stack; got 'Web1'");
  });

  test('a site stack in a Stage gets its companion in that Stage', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const site = new StaticSiteWithApiOrigin(new Stack(stage, 'Web', { env: TOKYO }), 'Site');
    expect(Stage.of(site.usEast1Stack!)).toBe(stage);
    expect(site.usEast1Stack!.stackName).toBe('Prod-Web-ap-northeast-1-UsEast1');
  });

  test('a site stack in us-east-1 keeps its certificate and web ACL in place', () => {
    const built = build((stack) => ({ domainNames: ['www.example.com'], hostedZone: zoneOf(stack) }), VIRGINIA);
    expect(built.site.usEast1Stack).toBeUndefined();
    built.template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    built.template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    expect(distributionConfig(built.template).WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/WafWebAcl/), 'Arn'] });
  });

  test('usEast1Stack puts the us-east-1 parts into your stack', () => {
    const built = build((stack) => ({ usEast1Stack: new Stack(stack.node.root, 'Edge', { env: VIRGINIA }) }));
    expect(built.site.usEast1Stack!.node.id).toBe('Edge');
    Template.fromStack(built.site.usEast1Stack!).resourceCountIs('AWS::WAFv2::WebACL', 1);
  });

  test('usEast1Stack is used by a us-east-1 site too; naming the site\'s own stack keeps the parts in place', () => {
    const shared = build((stack) => ({ usEast1Stack: new Stack(stack.node.root, 'Edge', { env: VIRGINIA }) }), VIRGINIA);
    shared.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    Template.fromStack(shared.site.usEast1Stack!).resourceCountIs('AWS::WAFv2::WebACL', 1);
    const own = build((stack) => ({ usEast1Stack: stack }), VIRGINIA);
    expect(own.site.usEast1Stack).toBeUndefined();
    expect(Object.keys(own.template.findResources('AWS::WAFv2::WebACL'))).toEqual(
      Object.keys(build(() => ({}), VIRGINIA).template.findResources('AWS::WAFv2::WebACL')));
  });

  test('an ap-northeast-1 app with its us-east-1 companion is cdk-nag clean', () => {
    const { site } = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)),
      domainNames: ['www.example.com'],
      hostedZone: zoneOf(stack),
      media: {},
      waf: { blockedCountries: ['KP'] },
    }));
    expectNagClean(site);
  });
});

describe('StaticSiteWithApiOrigin certificate and DNS', () => {
  test('domainNames and hostedZone give a DNS-validated us-east-1 certificate and A/AAAA aliases', () => {
    const built = build((stack) => ({ domainNames: ['example.com', 'www.example.com'], hostedZone: zoneOf(stack) }));
    companionTemplate(built).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'example.com',
      SubjectAlternativeNames: ['www.example.com'],
      ValidationMethod: 'DNS',
      DomainValidationOptions: Match.arrayWith([{ DomainName: 'example.com', HostedZoneId: 'Z0123456789' }]),
    });
    const config = distributionConfig(built.template);
    expect(config.Aliases).toEqual(['example.com', 'www.example.com']);
    expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    for (const type of ['A', 'AAAA']) {
      for (const name of ['example.com.', 'www.example.com.']) {
        built.template.hasResourceProperties('AWS::Route53::RecordSet', {
          Name: name, Type: type, HostedZoneId: 'Z0123456789', AliasTarget: Match.objectLike({ DNSName: Match.anyValue() }),
        });
      }
    }
    expect(built.site.certificate).toBeDefined();
  });

  test('a certificate you bring is used as is and nothing is validated', () => {
    const built = build((stack) => ({
      domainNames: ['www.example.com'],
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      waf: { enabled: false },
    }));
    expect(distributionConfig(built.template).ViewerCertificate.AcmCertificateArn).toBe(CERT_ARN);
    built.template.resourceCountIs('AWS::Route53::RecordSet', 0);
    built.template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });

  test('a certificate you bring plus a hosted zone gives alias records only', () => {
    const built = build((stack) => ({
      domainNames: ['www.example.com'],
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      hostedZone: zoneOf(stack),
    }));
    built.template.resourceCountIs('AWS::Route53::RecordSet', 2);
    companionTemplate(built).resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });
});
