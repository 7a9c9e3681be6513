import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { expectNagClean } from './nag';
import { behavior, build, companionTemplate, distributionConfig, internalAlb, originOf, TOKYO, VIRGINIA, zoneOf } from './static-site-fixtures';
import { ApiOrigin, ContentSecurityPolicy, DefaultBehaviorTarget, EnvironmentProfile } from '../src';

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('StaticSiteWithApiOrigin defaults (static site only)', () => {
  test('the site bucket is private, encrypted, SSL-only and reached through Origin Access Control', () => {
    const { template, site } = build();
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { LogFilePrefix: 'site/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const config = distributionConfig(template);
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CACHING_OPTIMIZED);
    expect(config.DefaultRootObject).toBe('index.html');
    expect(site.siteBucket).toBeDefined();
    expect(site.mediaBucket).toBeUndefined();
  });

  test('HTTPS redirect, HTTP/2 and HTTP/3, IPv6, price class 200, no SPA fallback', () => {
    const { template } = build();
    const config = distributionConfig(template);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.IPV6Enabled).toBe(true);
    expect(config.PriceClass).toBe('PriceClass_200');
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.Restrictions).toBeUndefined();
  });

  test('security headers: HSTS, nosniff, frame DENY, referrer policy and a default CSP', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'self'"), Override: true },
        },
      },
    });
    expect(distributionConfig(template).DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/^SiteSecurityHeaders/) });
  });

  test('access logs go to an encrypted, SSL-only, non-public log bucket kept 90 days and retained', () => {
    const { template } = build();
    expect(distributionConfig(template).Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^SiteLogBucket/), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
        BucketEncryption: Match.anyValue(),
        PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true }),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('S3 server access logs reach the log bucket through its bucket policy, not the legacy ACL', () => {
    const { template } = build();
    const [logBucket] = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } } })) as any[];
    expect(logBucket.Properties.AccessControl).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^SiteLogBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiteSiteBucket'), 'Arn'] } }, StringEquals: { 'aws:SourceAccount': '111111111111' } },
        })]),
      },
    });
  });

  test('is cdk-nag clean with its us-east-1 companion', () => {
    const { site } = build();
    expectNagClean(site);
  });
});

describe('StaticSiteWithApiOrigin API origin', () => {
  test('/api/* goes to the ALB uncached, with all methods and every viewer value but Host', () => {
    const { template } = build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)) }));
    const api = behavior(template, '/api/*');
    expect(api).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    expect(originOf(template, api).VpcOriginConfig).toBeDefined();
  });

  test('through a CloudFront VPC origin over HTTP by default', () => {
    const { template } = build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)) }));
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'http-only', HTTPPort: 80 }),
    });
  });

  test('apiPaths sends several path patterns to the API', () => {
    const { template } = build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)), apiPaths: ['/api/*', '/graphql'] }));
    expect(behavior(template, '/graphql').CachePolicyId).toBe(CACHING_DISABLED);
    expect(behavior(template, '/api/*').CachePolicyId).toBe(CACHING_DISABLED);
  });

  test('vpcOrigin false reaches a public ALB by its DNS name, with no VPC origin', () => {
    const { template } = build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack, true), { vpcOrigin: false }) }));
    template.resourceCountIs('AWS::CloudFront::VpcOrigin', 0);
    const origin = originOf(template, behavior(template, '/api/*'));
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Alb/), 'DNSName'] });
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'http-only' });
  });

  test('a public ALB without a secret origin header draws a warning, with one it does not', () => {
    const open = build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack, true), { vpcOrigin: false }) }));
    Annotations.fromStack(open.stack).hasWarning('/Stack/Site', Match.stringLikeRegexp('can bypass CloudFront'));
    const guarded = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack, true), { vpcOrigin: false, originHeaderName: 'X-Origin-Verify', originHeaderValue: 's3cret' }),
    }));
    Annotations.fromStack(guarded.stack).hasNoWarning('/Stack/Site', Match.stringLikeRegexp('can bypass CloudFront'));
  });

  test('https with a domainName connects over HTTPS to that name', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack), { https: true, domainName: 'origin.example.com' }),
    }));
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', HTTPSPort: 443, OriginSSLProtocols: ['TLSv1.2'] }),
    });
    expect(originOf(template, behavior(template, '/api/*')).DomainName).toBe('origin.example.com');
  });

  test('originHeaderName and originHeaderValue add the secret header to origin requests', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack, true), { vpcOrigin: false, originHeaderName: 'X-Origin-Verify', originHeaderValue: 's3cret' }),
    }));
    expect(originOf(template, behavior(template, '/api/*')).OriginCustomHeaders).toEqual([{ HeaderName: 'X-Origin-Verify', HeaderValue: 's3cret' }]);
  });

  test('defaultBehavior API serves /* from the ALB with TTL 0 and a header-based cache key, no root object', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)),
      defaultBehavior: DefaultBehaviorTarget.API,
    }));
    const config = distributionConfig(template);
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(behavior(template, '/api/*').TargetOriginId);
    expect(config.DefaultCacheBehavior.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST);
    expect(config.DefaultRootObject).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Accept', 'Accept-Language'] },
          CookiesConfig: { CookieBehavior: 'all' },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        }),
      }),
    });
  });

  test('serverRenderedCacheKeyHeaders sets the headers of the server-rendered cache key', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)),
      defaultBehavior: DefaultBehaviorTarget.API,
      serverRenderedCacheKeyHeaders: ['RSC', 'Next-Router-Prefetch'],
    }));
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({ HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['RSC', 'Next-Router-Prefetch'] } }),
      }),
    });
  });

  test('is cdk-nag clean with an API origin', () => {
    const { site } = build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)), media: {} }));
    expectNagClean(site);
  });
});

describe('StaticSiteWithApiOrigin static behaviours', () => {
  test('immutablePaths are served from the site bucket for one year', () => {
    const { template } = build(() => ({ immutablePaths: ['/_next/static/*', '/assets/*'] }));
    const assets = behavior(template, '/_next/static/*');
    expect(originOf(template, assets).OriginAccessControlId).toBeDefined();
    expect(behavior(template, '/assets/*').CachePolicyId).toEqual(assets.CachePolicyId);
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 31536000, MinTTL: 31536000, MaxTTL: 31536000 }),
    });
  });

  test('a path pattern may start with a wildcard, as CloudFront allows (*.woff2)', () => {
    const { template } = build(() => ({ immutablePaths: ['*.woff2'] }));
    expect(behavior(template, '*.woff2').CachePolicyId).toBeDefined();
  });

  test('media adds a second private bucket under /media/* through its own OAC, retained', () => {
    const { template, site } = build(() => ({ media: {} }));
    expect(site.mediaBucket).toBeDefined();
    template.resourceCountIs('AWS::S3::Bucket', 3);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    expect(originOf(template, behavior(template, '/media/*')).DomainName).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^SiteMediaBucket/), 'RegionalDomainName'],
    });
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'media/' } }),
      DeletionPolicy: 'Retain',
    });
  });

  test('media.pathPattern and media.bucket serve a bucket you bring under your path', () => {
    const { template } = build((stack) => ({ media: { pathPattern: '/uploads/*', bucket: new s3.Bucket(stack, 'Uploads') } }));
    expect(originOf(template, behavior(template, '/uploads/*')).DomainName).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Uploads/), 'RegionalDomainName'],
    });
    expect(behavior(template, '/media/*')).toBeUndefined();
  });

  test('grantMediaWrite lets an API role put objects into the media bucket', () => {
    const { template } = build(() => ({ media: {} }), TOKYO, (site, stack) => {
      site.grantMediaWrite(new iam.Role(stack, 'ApiRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }));
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:PutObject']) })]) },
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiRole') }],
    });
  });

  test('spaFallback answers 403 and 404 with /index.html and 200', () => {
    const { template } = build(() => ({ spaFallback: true }));
    expect(distributionConfig(template).CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 10 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 10 },
    ]);
  });

  describe('deployment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<h1>hello</h1>');

    test('uploads the folder into the site bucket and invalidates /* with pruning', () => {
      const { template, site } = build(() => ({ deployment: { sourcePath: dir } }));
      expect(site.deployment).toBeDefined();
      template.hasResourceProperties('Custom::CDKBucketDeployment', {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^SiteSiteBucket') },
        DistributionId: { Ref: Match.stringLikeRegexp('^SiteDistribution') },
        DistributionPaths: ['/*'],
        Prune: true,
      });
    });

    test('invalidationPaths and prune are passed on', () => {
      const { template } = build(() => ({ deployment: { sourcePath: dir, invalidationPaths: ['/index.html'], prune: false } }));
      template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/index.html'], Prune: false });
    });

    test('is cdk-nag clean with a deployment', () => {
      const { site } = build(() => ({ deployment: { sourcePath: dir } }));
      expectNagClean(site);
    });
  });
});

describe('StaticSiteWithApiOrigin edge settings', () => {
  test('priceClass is used as given', () => {
    const { template } = build(() => ({ priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL }));
    expect(distributionConfig(template).PriceClass).toBe('PriceClass_All');
  });

  test('geoRestriction restricts viewers at CloudFront', () => {
    const { template } = build(() => ({ geoRestriction: cloudfront.GeoRestriction.allowlist('JP', 'US') }));
    expect(distributionConfig(template).Restrictions).toEqual({ GeoRestriction: { Locations: ['JP', 'US'], RestrictionType: 'whitelist' } });
  });

  test('contentSecurityPolicy replaces the default CSP', () => {
    const { template } = build(() => ({ contentSecurityPolicy: "default-src 'none'" }));
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'none'", Override: true } }) },
    });
  });

  test('the default CSP follows the default behaviour: strict for a static site, SERVER_RENDERED for a server-rendered app', () => {
    const csp = (template: any) => Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))
      .map((r: any) => r.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp(build().template)).toEqual([ContentSecurityPolicy.STRICT]);
    const ssr = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)),
      defaultBehavior: DefaultBehaviorTarget.API,
    })).template;
    expect(csp(ssr)).toEqual([ContentSecurityPolicy.SERVER_RENDERED]);
    // The framework preset admits the inline bootstrap scripts Next.js and React SSR frameworks write; the strict one does not.
    expect(ContentSecurityPolicy.SERVER_RENDERED).toMatch(/script-src 'self' 'unsafe-inline';/);
    expect(ContentSecurityPolicy.STRICT).not.toMatch(/unsafe-inline/);
    const pinned = build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)),
      defaultBehavior: DefaultBehaviorTarget.API,
      contentSecurityPolicy: ContentSecurityPolicy.STRICT,
    })).template;
    expect(csp(pinned)).toEqual([ContentSecurityPolicy.STRICT]);
  });

  test('the site and media buckets are versioned, noncurrent versions expiring after 30 days (7 in dev, or as given)', () => {
    const rules = (template: any) => Object.entries(template.findResources('AWS::S3::Bucket'))
      .filter(([id]) => !id.startsWith('SiteLogBucket'))
      .map(([id, r]: [string, any]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Properties.VersioningConfiguration?.Status, r.Properties.LifecycleConfiguration?.Rules]);
    const rule = (days: number) => [{
      Id: 'ExpireNoncurrentVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: days }, ExpiredObjectDeleteMarker: true,
    }];
    expect(rules(build(() => ({ media: {} })).template)).toEqual([
      ['SiteSiteBucket', 'Enabled', rule(30)], ['SiteMediaBucket', 'Enabled', rule(30)],
    ]);
    expect(rules(build(() => ({ media: {}, profile: EnvironmentProfile.dev() })).template).map((r) => r[2])).toEqual([rule(7), rule(7)]);
    const given = build(() => ({ media: {}, noncurrentVersionExpiration: Duration.days(90) })).template;
    expect(rules(given).map((r) => r[2])).toEqual([rule(90), rule(90)]);
  });

  test('noncurrentVersionExpiration must be whole days', () => {
    expect(() => build(() => ({ noncurrentVersionExpiration: Duration.hours(36) })))
      .toThrow("StaticSiteWithApiOrigin 'Stack/Site': noncurrentVersionExpiration (noncurrent_version_expiration) must be a whole number of days, at least 1 (S3 lifecycle noncurrent-version expiration); got '1 day 12 hours'");
  });

  test('accessLogRetention sets the log bucket expiration', () => {
    const { template } = build(() => ({ accessLogRetention: Duration.days(400) }));
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 400 })] },
    });
  });

  test('removalPolicy applies to the site and log buckets, never to the media bucket', () => {
    const { template } = build(() => ({ removalPolicy: RemovalPolicy.DESTROY, media: {} }));
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    const policies = Object.entries(template.findResources('AWS::S3::Bucket')).map(([id, r]: [string, any]) => `${id.replace(/[0-9A-F]{8}$/, '')}:${r.DeletionPolicy}`);
    expect(policies.sort()).toEqual(['SiteLogBucket:Delete', 'SiteMediaBucket:Retain', 'SiteSiteBucket:Delete']);
  });

  test('harmless changes never replace a bucket: logical ids stay the same', () => {
    const ids = (t: any) => Object.keys(t.findResources('AWS::S3::Bucket')).sort();
    const plain = build(() => ({ media: {} }), VIRGINIA).template;
    const changed = build((stack) => ({
      media: {},
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      contentSecurityPolicy: "default-src 'none'",
      accessLogRetention: Duration.days(10),
      noncurrentVersionExpiration: Duration.days(90),
      spaFallback: true,
      waf: { enabled: false },
      profile: EnvironmentProfile.prod(),
    }), VIRGINIA).template;
    expect(ids(changed)).toEqual(ids(plain));
  });

  test('in Tokyo, adding domain names or switching the profile keeps every bucket and the WAF log group', () => {
    const stateful = (built: ReturnType<typeof build>) => ({
      buckets: Object.keys(built.template.findResources('AWS::S3::Bucket')).sort(),
      wafLogGroups: Object.entries(companionTemplate(built).findResources('AWS::Logs::LogGroup'))
        .map(([id, r]: [string, any]) => `${id}:${r.Properties.LogGroupName}`),
    });
    const plain = stateful(build(() => ({ media: {} })));
    const withDomain = stateful(build((stack) => ({ media: {}, domainNames: ['www.example.com'], hostedZone: zoneOf(stack) })));
    const dev = stateful(build(() => ({ media: {}, profile: EnvironmentProfile.dev(), waf: { enabled: true } })));
    const prod = stateful(build(() => ({ media: {}, profile: EnvironmentProfile.prod() })));
    expect(plain.wafLogGroups).toHaveLength(1);
    expect([withDomain, dev, prod]).toEqual([plain, plain, plain]);
  });
});

describe('StaticSiteWithApiOrigin profiles', () => {
  test.each([
    ['dev', EnvironmentProfile.dev(), 'PriceClass_100', 30, 'Delete', 7],
    ['staging', EnvironmentProfile.staging(), 'PriceClass_200', 90, 'Retain', 90],
    ['prod', EnvironmentProfile.prod(), 'PriceClass_200', 365, 'Retain', 365],
  ])('%s: price class, log expiration, bucket removal and WAF log retention', (_name, profile, priceClass, days, deletion, wafDays) => {
    const built = build(() => ({ profile, waf: { enabled: true } }));
    expect(distributionConfig(built.template).PriceClass).toBe(priceClass);
    built.template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: days })] } }),
      DeletionPolicy: deletion,
    });
    built.template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site/' }) }),
      DeletionPolicy: deletion,
    });
    built.template.resourceCountIs('Custom::S3AutoDeleteObjects', deletion === 'Delete' ? 2 : 0);
    companionTemplate(built).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: wafDays });
  });

  test('dev leaves the WAF out (the dev cost cut) and says so to cdk-nag; staging and prod keep it', () => {
    const dev = build(() => ({ profile: EnvironmentProfile.dev() }));
    expect(dev.site.webAcl).toBeUndefined();
    expect(dev.site.usEast1Stack).toBeUndefined();
    expect(JSON.stringify(dev.template.toJSON())).not.toContain('WebACLId');
    const acks = JSON.stringify(dev.template.findResources('AWS::CloudFront::Distribution'));
    expect(acks).toContain('The dev profile leaves the WAF out');
    const explicit = build(() => ({ profile: EnvironmentProfile.dev(), waf: { enabled: false } }));
    expect(JSON.stringify(explicit.template.findResources('AWS::CloudFront::Distribution'))).toContain('turned off explicitly with waf.enabled false');
    for (const profile of [EnvironmentProfile.staging(), EnvironmentProfile.prod()]) {
      companionTemplate(build(() => ({ profile }))).resourceCountIs('AWS::WAFv2::WebACL', 1);
    }
  });

  test('dev, with its auto-deleted buckets, is cdk-nag clean', () => {
    const { site } = build(() => ({ profile: EnvironmentProfile.dev() }));
    expectNagClean(site);
  });

  test('explicit props win over the profile', () => {
    const { template } = build(() => ({
      profile: EnvironmentProfile.dev(),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      removalPolicy: RemovalPolicy.RETAIN,
      accessLogRetention: Duration.days(45),
    }));
    expect(distributionConfig(template).PriceClass).toBe('PriceClass_All');
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 45 })] } }),
      DeletionPolicy: 'Retain',
    });
  });
});
