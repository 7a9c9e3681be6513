import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { validatePaths } from './behaviors';
import { validateCertificateRegion } from './domain';
import {
  CACHE_KEY_HEADER_QUOTA, checkCountryCodes, checkDomainName, checkDuration, checkHeaderName, checkNamesInZone, checkStackRegion, CSP_MAX_LENGTH,
} from '../../private/input-rules';
import { conflictingProps, invalidProp } from '../../private/validation';
import { validateWafOptions } from '../../private/web-acl';
import { DefaultBehaviorTarget } from '../site-options';
import type { StaticSiteWithApiOriginProps } from '../static-site-with-api-origin';

/** Every refusal of StaticSiteWithApiOrigin, run before anything is created. */
export function validateSiteProps(site: Construct, props: StaticSiteWithApiOriginProps): void {
  checkStackRegion(site);
  const defaultTarget = props.defaultBehavior ?? DefaultBehaviorTarget.SITE_BUCKET;
  const apiPaths = props.apiPaths ?? ['/api/*'];
  const domainNames = props.domainNames ?? [];
  const waf = props.waf ?? {};

  if (!props.apiOrigin && defaultTarget === DefaultBehaviorTarget.API) {
    invalidProp(site, 'defaultBehavior', defaultTarget, 'can be API only with an apiOrigin');
  }
  if (!props.apiOrigin && props.apiPaths) {
    conflictingProps(site, 'apiPaths', 'apiOrigin', 'go together: apiPaths needs an apiOrigin to send them to');
  }
  if (props.spaFallback && defaultTarget === DefaultBehaviorTarget.API) {
    conflictingProps(site, 'spaFallback', `defaultBehavior ${defaultTarget}`,
      'cannot be combined: the fallback would replace every 403/404 of the server-rendered app with /index.html');
  }
  if (props.serverRenderedCacheKeyHeaders && defaultTarget !== DefaultBehaviorTarget.API) {
    conflictingProps(site, 'serverRenderedCacheKeyHeaders', `defaultBehavior ${defaultTarget}`,
      'cannot be combined: the headers key the cache of server-rendered pages, which only defaultBehavior API serves');
  }
  if (props.apiOrigin && apiPaths.length === 0) {
    invalidProp(site, 'apiPaths', apiPaths, 'must list at least one path pattern');
  }
  validatePaths(site, [
    { prop: 'apiPaths', paths: props.apiOrigin ? apiPaths : [] },
    { prop: 'immutablePaths', paths: props.immutablePaths ?? [] },
    { prop: 'media.pathPattern', paths: props.media ? [props.media.pathPattern ?? '/media/*'] : [] },
  ]);
  if (props.media?.grantApiWrite === true && !props.apiOrigin?._grantsBucketWrite) {
    invalidProp(site, 'media.grantApiWrite', true,
      'can be true only with an apiOrigin from ApiOrigin.fromFargateApiService (grant other APIs with grantMediaWrite())');
  }
  const cacheKeyHeaders = props.serverRenderedCacheKeyHeaders ?? [];
  cacheKeyHeaders.forEach((header, i) => checkHeaderName(site, `serverRenderedCacheKeyHeaders[${i}]`, header, 256, 'an HTTP header name'));
  if (cacheKeyHeaders.length > CACHE_KEY_HEADER_QUOTA) {
    invalidProp(site, 'serverRenderedCacheKeyHeaders', `${cacheKeyHeaders.length} headers`, `must list at most ${CACHE_KEY_HEADER_QUOTA} headers, CloudFront's quota per cache policy`);
  }
  const csp = props.contentSecurityPolicy;
  if (csp !== undefined && !Token.isUnresolved(csp) && csp.trim() === '') {
    invalidProp(site, 'contentSecurityPolicy', csp, 'must not be empty (leave it out for the default policy)');
  }
  checkDuration(site, 'noncurrentVersionExpiration', props.noncurrentVersionExpiration, { unit: 'days', why: 'S3 lifecycle noncurrent-version expiration' });
  if (csp !== undefined && !Token.isUnresolved(csp) && csp.length > CSP_MAX_LENGTH) {
    invalidProp(site, 'contentSecurityPolicy', `${csp.slice(0, 40)}... (${csp.length} characters)`,
      `must be at most ${CSP_MAX_LENGTH} characters (CloudFront's limit on a response headers policy's Content-Security-Policy)`);
  }
  checkDuration(site, 'accessLogRetention', props.accessLogRetention, { unit: 'days', why: 'S3 lifecycle expiration' });
  checkCountryCodes(site, 'geoRestriction', props.geoRestriction?.locations);
  for (const path of props.deployment?.invalidationPaths ?? []) {
    if (!Token.isUnresolved(path) && !path.startsWith('/')) {
      invalidProp(site, 'deployment.invalidationPaths', props.deployment!.invalidationPaths, 'must hold paths that start with \'/\' (e.g. \'/*\')');
    }
  }

  validateDomainNames(site, props, domainNames);
  validateWafOptions(site, waf, 'CLOUDFRONT');
}

/** Domain names need a certificate or zone, are unique, and lie in the hosted zone when there is one. */
function validateDomainNames(site: Construct, props: StaticSiteWithApiOriginProps, domainNames: string[]): void {
  if (domainNames.length > 0 && !props.certificate && !props.hostedZone) {
    invalidProp(site, 'domainNames', domainNames, 'need a certificate (in us-east-1) or a hostedZone to validate a new one');
  }
  if ((props.certificate || props.hostedZone) && domainNames.length === 0) {
    invalidProp(site, 'domainNames', domainNames, `must list at least one name when ${props.certificate ? 'certificate' : 'hostedZone'} is given`);
  }
  domainNames.forEach((name, i) => checkDomainName(site, `domainNames[${i}]`, name));
  const literal = domainNames.filter((name) => !Token.isUnresolved(name)).map((name) => name.toLowerCase().replace(/\.$/, ''));
  const repeated = literal.find((name, i) => literal.indexOf(name) !== i);
  if (repeated) {
    invalidProp(site, 'domainNames', domainNames, `must not repeat a name; '${repeated}' appears twice`);
  }
  checkNamesInZone(site, 'domainNames', domainNames, props.hostedZone?.zoneName);
  if (props.certificate) validateCertificateRegion(site, props.certificate);
}
