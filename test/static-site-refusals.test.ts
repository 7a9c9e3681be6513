import { App, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { build, internalAlb, TOKYO, zoneOf } from './static-site-fixtures';
import { ApiOrigin, DefaultBehaviorTarget, StaticSiteWithApiOrigin } from '../src';

const SITE = "StaticSiteWithApiOrigin 'Stack/Site':";

describe('StaticSiteWithApiOrigin refusals', () => {
  test('domain names without a certificate or hosted zone', () => {
    expect(() => build(() => ({ domainNames: ['www.example.com'] })))
      .toThrow(`${SITE} domainNames (domain_names) need a certificate (in us-east-1) or a hostedZone to validate a new one; got ['www.example.com']`);
  });

  test('a certificate or hosted zone without domain names', () => {
    expect(() => build((stack) => ({ hostedZone: zoneOf(stack) })))
      .toThrow(`${SITE} domainNames (domain_names) must list at least one name when hostedZone is given; got []`);
  });

  test('a supplied certificate outside us-east-1', () => {
    expect(() => build((stack) => ({
      domainNames: ['www.example.com'],
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:ap-northeast-1:111111111111:certificate/abcd'),
    }))).toThrow(`${SITE} certificate region must be 'us-east-1' (CloudFront only uses certificates from us-east-1); got 'ap-northeast-1'`);
  });

  test('a certificate created in a stack of this app outside us-east-1', () => {
    expect(() => build((stack) => ({
      domainNames: ['www.example.com'],
      certificate: new acm.Certificate(stack, 'TokyoCert', { domainName: 'www.example.com' }),
    }))).toThrow(`${SITE} certificate region must be 'us-east-1' (CloudFront only uses certificates from us-east-1); got 'ap-northeast-1'`);
  });

  test('a behaviour path that does not start with /', () => {
    expect(() => build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)), apiPaths: ['api/*'] })))
      .toThrow(`${SITE} apiPaths (api_paths) must start with '/' or a wildcard ('*.jpg') and hold at most 255 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & and the wildcards * ?; got 'api/*'`);
  });

  test('a behaviour path that collides with another', () => {
    expect(() => build(() => ({ immutablePaths: ['/media/*'], media: {} })))
      .toThrow(`${SITE} media.pathPattern (media.path_pattern) must not repeat a path pattern; '/media/*' is already used by immutablePaths; got ['/media/*']`);
  });

  test('the default path /* as a behaviour path', () => {
    expect(() => build(() => ({ immutablePaths: ['/*'] })))
      .toThrow(`${SITE} immutablePaths (immutable_paths) must not hold '/*', which is the default behaviour (see defaultBehavior); got ['/*']`);
  });

  test('an SPA fallback with the API as default behaviour', () => {
    expect(() => build((stack) => ({
      apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)), defaultBehavior: DefaultBehaviorTarget.API, spaFallback: true,
    }))).toThrow(`${SITE} spaFallback (spa_fallback) and defaultBehavior (default_behavior) API cannot be combined: the fallback would replace every 403/404 of the server-rendered app with /index.html`);
  });

  test('the API as default behaviour without an API origin', () => {
    expect(() => build(() => ({ defaultBehavior: DefaultBehaviorTarget.API })))
      .toThrow(`${SITE} defaultBehavior (default_behavior) can be API only with an apiOrigin; got 'API'`);
  });

  test('apiPaths without an API origin', () => {
    expect(() => build(() => ({ apiPaths: ['/api/*'] })))
      .toThrow(`${SITE} apiPaths (api_paths) and apiOrigin (api_origin) go together: apiPaths needs an apiOrigin to send them to`);
  });

  test('an empty apiPaths', () => {
    expect(() => build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)), apiPaths: [] })))
      .toThrow(`${SITE} apiPaths (api_paths) must list at least one path pattern; got []`);
  });

  test.each([9, 0, 2.5])('a rate limit of %p (below WAF\'s minimum of 10 or not whole)', (rateLimit) => {
    expect(() => build(() => ({ waf: { rateLimit } })))
      .toThrow(`${SITE} waf.rateLimit (waf.rate_limit) must be a whole number between 10 and 2000000000; got ${rateLimit}`);
  });

  test('a rate limit window WAF does not offer', () => {
    expect(() => build(() => ({ waf: { rateLimitWindow: Duration.minutes(3) } })))
      .toThrow(`${SITE} waf.rateLimitWindow (waf.rate_limit_window) must be one of 60, 120, 300, 600 seconds; got '3 minutes'`);
  });

  test('blocked countries that are not ISO alpha-2 codes', () => {
    expect(() => build(() => ({ waf: { blockedCountries: ['North Korea'] } })))
      .toThrow(`${SITE} waf.blockedCountries (waf.blocked_countries) must hold ISO 3166-1 alpha-2 country codes in capitals such as 'KP' or 'JP'; 'North Korea' is not one; got ['North Korea']`);
  });

  test('an empty blockedCountries', () => {
    expect(() => build(() => ({ waf: { blockedCountries: [] } })))
      .toThrow(`${SITE} waf.blockedCountries (waf.blocked_countries) must list at least one country when given; got []`);
  });

  test('the WAF turned off together with a web ACL', () => {
    expect(() => build(() => ({ waf: { enabled: false, webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/x/y' } })))
      .toThrow(`${SITE} waf.enabled false and waf.webAclArn (waf.web_acl_arn) cannot be combined: turning the WAF off leaves no place for the web ACL`);
  });

  test('a region-agnostic stack when us-east-1 parts are needed', () => {
    expect(() => build(() => ({}), {}))
      .toThrow(`${SITE} the stack's env.region must be set (e.g. 'ap-northeast-1') when the site needs us-east-1 parts (web ACL): cross-region references need a known region; got undefined`);
  });

  test('a region-agnostic stack is fine without us-east-1 parts', () => {
    expect(() => build(() => ({ waf: { enabled: false } }), {})).not.toThrow();
  });

  test('a usEast1Stack outside us-east-1', () => {
    expect(() => build((stack) => ({ usEast1Stack: new Stack(stack.node.root, 'Edge', { env: TOKYO }) })))
      .toThrow(`${SITE} usEast1Stack (us_east1_stack) region must be 'us-east-1'; got 'ap-northeast-1'`);
  });

  test('a hosted zone of the site stack whose id is only known at deploy time', () => {
    expect(() => build((stack) => ({ domainNames: ['www.example.com'], hostedZone: new route53.PublicHostedZone(stack, 'NewZone', { zoneName: 'example.com' }) })))
      .toThrow(`${SITE} hostedZone (hosted_zone) must have a literal id and name (HostedZone.fromHostedZoneAttributes) when the certificate is created in the us-east-1 companion stack; got 'Stack/NewZone'`);
  });

  test('HTTPS to the ALB without the name on its certificate', () => {
    expect(() => build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack), { https: true }) })))
      .toThrow(`${SITE} apiOrigin (api_origin) (ApiOrigin.fromLoadBalancer) domainName must be the name on the ALB certificate when CloudFront connects over HTTPS (it cannot validate a certificate for the ALB DNS name); got undefined`);
  });

  test('an origin header name without a value', () => {
    expect(() => build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack), { originHeaderName: 'X-Origin-Verify' }) })))
      .toThrow(`${SITE} apiOrigin (api_origin) (ApiOrigin.fromLoadBalancer) originHeaderName and originHeaderValue (origin_header_value) must be given together`);
  });

  test('serverRenderedCacheKeyHeaders without the API as default behaviour', () => {
    expect(() => build((stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)), serverRenderedCacheKeyHeaders: ['RSC'] })))
      .toThrow(`${SITE} serverRenderedCacheKeyHeaders (server_rendered_cache_key_headers) and defaultBehavior (default_behavior) SITE_BUCKET cannot be combined: the headers key the cache of server-rendered pages, which only defaultBehavior API serves`);
  });

  test.each([
    ['without an API origin', () => ({})],
    ['with an ALB origin, which has no API to grant', (stack: Stack) => ({ apiOrigin: ApiOrigin.fromLoadBalancer(internalAlb(stack)) })],
  ])('media.grantApiWrite true %s', (_name, origin) => {
    expect(() => build((stack) => ({ ...origin(stack), media: { grantApiWrite: true } })))
      .toThrow(`${SITE} media.grantApiWrite (media.grant_api_write) can be true only with an apiOrigin from ApiOrigin.fromFargateApiService (grant other APIs with grantMediaWrite()); got true`);
  });

  test('an empty contentSecurityPolicy', () => {
    expect(() => build(() => ({ contentSecurityPolicy: ' ' })))
      .toThrow(`${SITE} contentSecurityPolicy (content_security_policy) must not be empty (leave it out for the default policy); got ' '`);
  });

  test.each([
    ['12 hours', Duration.hours(12)],
    ['0 days', Duration.days(0)],
  ])('an accessLogRetention of %s', (shown, accessLogRetention) => {
    expect(() => build(() => ({ accessLogRetention })))
      .toThrow(`${SITE} accessLogRetention (access_log_retention) must be a whole number of days, at least 1 (S3 lifecycle expiration); got '${shown}'`);
  });

  test('an invalidation path that does not start with /', () => {
    expect(() => build(() => ({ deployment: { sourcePath: '.', invalidationPaths: ['index.html'] } })))
      .toThrow(`${SITE} deployment.invalidationPaths (deployment.invalidation_paths) must hold paths that start with '/' (e.g. '/*'); got ['index.html']`);
  });

  test('a domain name outside the hosted zone', () => {
    expect(() => build((stack) => ({ domainNames: ['example.com', 'www.example.org'], hostedZone: zoneOf(stack) })))
      .toThrow(`${SITE} domainNames (domain_names) must be 'example.com' or names under it (the hostedZone); 'www.example.org' is not; got ['example.com', 'www.example.org']`);
  });

  test('a repeated domain name', () => {
    expect(() => build((stack) => ({ domainNames: ['www.example.com', 'WWW.example.com'], hostedZone: zoneOf(stack) })))
      .toThrow(`${SITE} domainNames (domain_names) must not repeat a name; 'www.example.com' appears twice; got ['www.example.com', 'WWW.example.com']`);
  });

  test.each([
    ['waf.enabled false', { enabled: false, rateLimit: 100 }, 'waf.rateLimit (waf.rate_limit) and waf.enabled false'],
    ['waf.webAclArn', { webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/mine/abcd', logging: false }, 'waf.logging and waf.webAclArn (waf.web_acl_arn)'],
  ])('options of the created web ACL with %s', (without, waf, both) => {
    expect(() => build(() => ({ waf })))
      .toThrow(`${SITE} ${both} cannot be combined: it configures the web ACL this construct creates, and with ${without} it creates none`);
  });

  test('a WAF log retention without WAF logging', () => {
    expect(() => build(() => ({ waf: { logging: false, logRetention: logs.RetentionDays.ONE_YEAR } })))
      .toThrow(`${SITE} waf.logRetention (waf.log_retention) and waf.logging false cannot be combined: without WAF logging there is no log group to keep`);
  });

  test('a web ACL that is not CLOUDFRONT-scope', () => {
    const regional = 'arn:aws:wafv2:ap-northeast-1:111111111111:regional/webacl/mine/abcd';
    expect(() => build(() => ({ waf: { webAclArn: regional } })))
      .toThrow(`${SITE} waf.webAclArn (waf.web_acl_arn) must be the ARN of a CLOUDFRONT-scope web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>); got '${regional}'`);
  });

  test('grantMediaWrite without a media bucket', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: TOKYO });
    const site = new StaticSiteWithApiOrigin(stack, 'Site');
    expect(() => site.grantMediaWrite(new iam.AccountRootPrincipal()))
      .toThrow(`${SITE} media must be set to grant write access to the media bucket; got undefined`);
  });
});
