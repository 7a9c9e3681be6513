import { Duration, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { checkCloudFrontPathPattern, CLOUDFRONT_BEHAVIOR_QUOTA } from '../../private/input-rules';
import { invalidProp } from '../../private/validation';

/** One year: the TTL of immutable, content-hashed assets. */
export const IMMUTABLE_TTL = Duration.seconds(31536000);

/**
 * Checks every behaviour path: a pattern CloudFront accepts (starting with `/` or a wildcard, as in
 * `*.jpg`), not the default `/*`, and only once across the API, immutable-asset and media paths.
 */
export function validatePaths(scope: Construct, groups: { prop: string; paths: string[] }[]): void {
  const seen = new Map<string, string>();
  const count = groups.reduce((n, { paths }) => n + paths.length, 0);
  if (count > CLOUDFRONT_BEHAVIOR_QUOTA) {
    invalidProp(scope, groups.map(({ prop }) => prop).join(' + '), `${count} path patterns`,
      `must add up to at most ${CLOUDFRONT_BEHAVIOR_QUOTA} cache behaviours, CloudFront's quota per distribution (raise it with AWS Support first)`);
  }
  for (const { prop, paths } of groups) {
    for (const path of paths) {
      if (Token.isUnresolved(path)) continue;
      checkCloudFrontPathPattern(scope, prop, path);
      if (path === '/*' || path === '*') {
        invalidProp(scope, prop, paths, `must not hold '${path}', which is the default behaviour (see defaultBehavior)`);
      }
      const other = seen.get(path);
      if (other !== undefined) {
        invalidProp(scope, prop, paths, `must not repeat a path pattern; '${path}' is already used by ${other}`);
      }
      seen.set(path, prop);
    }
  }
}

/** The API behaviour: nothing cached, all methods, every viewer header, cookie and query string but Host. */
export function apiBehavior(origin: cloudfront.IOrigin, headers: cloudfront.IResponseHeadersPolicy): cloudfront.BehaviorOptions {
  return {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    responseHeadersPolicy: headers,
    compress: true,
  };
}

/** A static-file behaviour from a bucket origin with a cache policy. */
export function staticBehavior(
  origin: cloudfront.IOrigin,
  cachePolicy: cloudfront.ICachePolicy,
  headers: cloudfront.IResponseHeadersPolicy,
): cloudfront.BehaviorOptions {
  return {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
    cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
    cachePolicy,
    responseHeadersPolicy: headers,
    compress: true,
  };
}

/** The cache policy of immutable assets: one year, whatever the origin says. */
export function immutableCachePolicy(scope: Construct, id: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, id, {
    comment: 'Immutable, content-hashed assets: cached for one year',
    minTtl: IMMUTABLE_TTL,
    defaultTtl: IMMUTABLE_TTL,
    maxTtl: IMMUTABLE_TTL,
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/**
 * The cache policy of server-rendered pages (reference C): TTL 0 unless the origin says otherwise,
 * keyed on the given headers, every cookie and every query string so personalised pages never mix.
 */
export function serverRenderedCachePolicy(scope: Construct, id: string, headers: string[]): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, id, {
    comment: 'Server-rendered pages: TTL 0 by default, header-based cache key',
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.days(365),
    headerBehavior: headers.length ? cloudfront.CacheHeaderBehavior.allowList(...headers) : cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.all(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/** The single-page-app fallback: 403 and 404 from the bucket answer `/index.html` with 200. */
export function spaErrorResponses(): cloudfront.ErrorResponse[] {
  return [403, 404].map((httpStatus) => ({
    httpStatus,
    responseHttpStatus: 200,
    responsePagePath: '/index.html',
    ttl: Duration.seconds(10),
  }));
}
