import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiOrigin } from './api-origin';
import { EnvironmentProfile } from '../profile';
import { apiBehavior, immutableCachePolicy, serverRenderedCachePolicy, spaErrorResponses, staticBehavior } from './private/behaviors';
import { aliasRecords, dnsValidatedCertificate } from './private/domain';
import { accessLogBucket, securityHeadersPolicy } from './private/edge-security';
import { acknowledgeIamFindingsAtSynth } from './private/granular-nag';
import { usEast1Scope } from './private/us-east-1';
import { validateSiteProps } from './private/validate-site-props';
import { ContentSecurityPolicy, DefaultBehaviorTarget, SiteDeploymentOptions, SiteMediaOptions, SiteWafOptions } from './site-options';
import { logServerAccessTo } from '../private/log-bucket';
import { acknowledgeNag } from '../private/nag';
import { profileDefault } from '../private/profile-defaults';
import { invalidProp } from '../private/validation';
import { ManagedWebAcl, webAclSettings } from '../private/web-acl';

/**
 * The options of a StaticSiteWithApiOrigin that do not wire it to its API and domain: behaviours, media,
 * caching, headers, price class, WAF, logs and removal. WebAppBlueprint passes them through as its `site`.
 */
export interface StaticSiteOptions {
  /**
   * What `/*` serves: the site bucket, or the API for server-rendered apps.
   * @default DefaultBehaviorTarget.SITE_BUCKET
   */
  readonly defaultBehavior?: DefaultBehaviorTarget;
  /**
   * The request headers in the cache key of server-rendered pages (`defaultBehavior: API`).
   * @default ['Accept', 'Accept-Language']
   */
  readonly serverRenderedCacheKeyHeaders?: string[];
  /**
   * Path patterns of immutable, content-hashed assets served from the site bucket for one year,
   * e.g. `['/_next/static/*']` (reference C).
   * @default - none
   */
  readonly immutablePaths?: string[];
  /**
   * A media bucket served under its own path.
   * @default - no media bucket
   */
  readonly media?: SiteMediaOptions;
  /**
   * Answer 403 and 404 with `/index.html` and status 200 (single-page apps). Not allowed with
   * `defaultBehavior: API`.
   * @default false
   */
  readonly spaFallback?: boolean;
  /**
   * Upload a local folder into the site bucket on deploy and invalidate the distribution.
   * @default - nothing is uploaded
   */
  readonly deployment?: SiteDeploymentOptions;
  /**
   * The CloudFront price class.
   * @default - PRICE_CLASS_100 with the dev profile, PRICE_CLASS_200 otherwise (reference C)
   */
  readonly priceClass?: cloudfront.PriceClass;
  /**
   * Restrict viewers by country at CloudFront.
   * @default - no geo restriction
   */
  readonly geoRestriction?: cloudfront.GeoRestriction;
  /**
   * The Content-Security-Policy header sent with every response: a preset of `ContentSecurityPolicy`
   * or your own policy.
   * @default - ContentSecurityPolicy.SERVER_RENDERED when `defaultBehavior` is API (a server-rendered
   * app inlines its hydration scripts), ContentSecurityPolicy.STRICT otherwise
   */
  readonly contentSecurityPolicy?: string;
  /**
   * How long an overwritten or deleted object version of the site bucket and the media bucket (when
   * this construct creates it) is kept: both buckets are versioned, so an upload or a prune that
   * goes wrong, or an API that overwrites media, can be undone within this time.
   * @default - 7 days with the dev profile, 30 days otherwise
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * How long CloudFront and S3 access logs are kept in the log bucket.
   * @default - 30 days with the dev profile, 365 days with prod, 90 days otherwise
   */
  readonly accessLogRetention?: Duration;
  /**
   * What happens to the site and log buckets when they leave the stack (the media bucket is always
   * retained). With DESTROY their objects are deleted first (an auto-delete custom resource).
   * @default - DESTROY with the dev profile, RETAIN otherwise
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The web application firewall.
   * @default - a web ACL with the four AWS managed rule groups, 2000 requests / 5 minutes per IP, logging
   */
  readonly waf?: SiteWafOptions;
  /**
   * The us-east-1 stack that holds the certificate and web ACL when the site's stack is elsewhere.
   * @default - a companion us-east-1 stack per site stack (`<site stack name>-<region>-UsEast1`), shared by its sites
   */
  readonly usEast1Stack?: Stack;
}

/** Properties of a StaticSiteWithApiOrigin: its options, plus its API origin, paths and domain. */
export interface StaticSiteWithApiOriginProps extends StaticSiteOptions {
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
  /**
   * The API behind `apiPaths` (and behind `/*` with `defaultBehavior: API`).
   * @default - a static site only
   */
  readonly apiOrigin?: ApiOrigin;
  /**
   * The path patterns sent to the API, uncached, with all methods.
   * @default ['/api/*']
   */
  readonly apiPaths?: string[];
  /**
   * The site's domain names. Needs `certificate` or `hostedZone`.
   * @default - the distribution's *.cloudfront.net name only
   */
  readonly domainNames?: string[];
  /**
   * The hosted zone of `domainNames`: gets the A/AAAA alias records, and validates the certificate
   * that is created when none is given.
   * @default - no DNS records
   */
  readonly hostedZone?: route53.IHostedZone;
  /**
   * A us-east-1 certificate covering `domainNames`.
   * @default - a DNS-validated certificate in us-east-1 when `hostedZone` is given
   */
  readonly certificate?: acm.ICertificate;
}

/**
 * One CloudFront front door for a static site, its media and its API: private S3 buckets through
 * Origin Access Control, `/api/*` to an ALB, security headers, access logs, a WAF, a certificate and
 * DNS. The certificate and web ACL go to us-east-1 (a companion stack) when the site lives elsewhere.
 *
 * @example
 * import { ApiOrigin, StaticSiteWithApiOrigin } from 'cdk-webapp-patterns';
 *
 * new StaticSiteWithApiOrigin(this, 'Site', {
 *   apiOrigin: ApiOrigin.fromApiService(api),
 *   domainNames: ['www.example.com'],
 *   hostedZone,
 * });
 */
export class StaticSiteWithApiOrigin extends Construct {
  /** The CloudFront distribution. */
  public readonly distribution: cloudfront.Distribution;
  /** The private bucket of the static files. */
  public readonly siteBucket: s3.IBucket;
  /** The media bucket, when there is one. */
  public readonly mediaBucket?: s3.IBucket;
  /** The bucket of CloudFront and S3 access logs. */
  public readonly logBucket: s3.IBucket;
  /** The web ACL, when the construct created one. */
  public readonly webAcl?: wafv2.CfnWebACL;
  /** The ARN of the web ACL in front of the distribution, when there is one. */
  public readonly webAclArn?: string;
  /** The log group of the WAF logs, when the construct created one. */
  public readonly wafLogGroup?: logs.ILogGroup;
  /** The certificate of the distribution, when there is one. */
  public readonly certificate?: acm.ICertificate;
  /** The response headers policy with the security headers. */
  public readonly responseHeadersPolicy: cloudfront.IResponseHeadersPolicy;
  /** The us-east-1 stack holding the certificate and web ACL, when the site's stack is in another region. */
  public readonly usEast1Stack?: Stack;
  /** The deployment of the local folder, when there is one. */
  public readonly deployment?: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: StaticSiteWithApiOriginProps = {}) {
    super(scope, id);
    const profile = props.profile;
    const defaultTarget = props.defaultBehavior ?? DefaultBehaviorTarget.SITE_BUCKET;
    const apiPaths = props.apiPaths ?? ['/api/*'];
    const immutablePaths = props.immutablePaths ?? [];
    const domainNames = props.domainNames ?? [];
    const waf = props.waf ?? {};
    // The dev profile leaves the WAF out (README, "What reference A costs idle in dev"); staging and prod keep it.
    const wafEnabled = waf.enabled ?? profileDefault(profile, true, { dev: false });

    // Refusals first, so nothing half-built is left behind.
    validateSiteProps(this, props);

    const removalPolicy = props.removalPolicy ?? profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY });
    const logRetention = props.accessLogRetention ?? profileDefault(profile, Duration.days(90), { dev: Duration.days(30), prod: Duration.days(365) });

    // us-east-1 parts: the certificate (when created here) and the web ACL (unless brought along).
    const createCertificate = !props.certificate && props.hostedZone !== undefined;
    const createWebAcl = wafEnabled && !waf.webAclArn;
    let edgeScope: Construct | undefined;
    if (createCertificate || createWebAcl) {
      const reasons = [createCertificate ? 'certificate' : '', createWebAcl ? 'web ACL' : ''].filter((r) => r).join(' and ');
      const placed = usEast1Scope(this, reasons, props.usEast1Stack);
      edgeScope = placed.scope;
      this.usEast1Stack = placed.companion;
    }

    this.certificate = props.certificate
      ?? (createCertificate ? dnsValidatedCertificate(this, edgeScope!, domainNames, props.hostedZone!) : undefined);

    if (createWebAcl) {
      const acl = new ManagedWebAcl(edgeScope!, 'Waf', webAclSettings('CLOUDFRONT', waf, profile));
      this.webAcl = acl.webAcl;
      this.wafLogGroup = acl.logGroup;
    }
    this.webAclArn = waf.webAclArn ?? this.webAcl?.attrArn;

    const noncurrentExpiration = props.noncurrentVersionExpiration ?? profileDefault(profile, Duration.days(30), { dev: Duration.days(7) });
    this.logBucket = accessLogBucket(this, 'LogBucket', logRetention, removalPolicy);
    this.siteBucket = this.privateBucket('SiteBucket', 'site/', removalPolicy, noncurrentExpiration);
    const contentSecurityPolicy = props.contentSecurityPolicy
      ?? (defaultTarget === DefaultBehaviorTarget.API ? ContentSecurityPolicy.SERVER_RENDERED : ContentSecurityPolicy.STRICT);
    this.responseHeadersPolicy = securityHeadersPolicy(this, 'SecurityHeaders', contentSecurityPolicy);
    const headers = this.responseHeadersPolicy;

    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    if (immutablePaths.length > 0) {
      const immutable = immutableCachePolicy(this, 'ImmutableCachePolicy');
      for (const path of immutablePaths) additionalBehaviors[path] = staticBehavior(siteOrigin, immutable, headers);
    }

    let defaultBehavior = staticBehavior(siteOrigin, cloudfront.CachePolicy.CACHING_OPTIMIZED, headers);
    if (props.apiOrigin) {
      const apiOrigin = props.apiOrigin._bind(this);
      for (const path of apiPaths) additionalBehaviors[path] = apiBehavior(apiOrigin, headers);
      if (defaultTarget === DefaultBehaviorTarget.API) {
        const ssr = serverRenderedCachePolicy(this, 'ServerRenderedCachePolicy', props.serverRenderedCacheKeyHeaders ?? ['Accept', 'Accept-Language']);
        defaultBehavior = { ...apiBehavior(apiOrigin, headers), cachePolicy: ssr };
      }
    }

    if (props.media) {
      this.mediaBucket = props.media.bucket ?? this.privateBucket('MediaBucket', 'media/', RemovalPolicy.RETAIN, noncurrentExpiration);
      additionalBehaviors[props.media.pathPattern ?? '/media/*'] = staticBehavior(
        origins.S3BucketOrigin.withOriginAccessControl(this.mediaBucket), cloudfront.CachePolicy.CACHING_OPTIMIZED, headers);
      if (props.apiOrigin && (props.media.grantApiWrite ?? true)) props.apiOrigin._grantBucketWrite(this.mediaBucket);
    }

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${this.node.path}`.slice(0, 128),
      defaultBehavior,
      additionalBehaviors,
      defaultRootObject: defaultTarget === DefaultBehaviorTarget.SITE_BUCKET ? 'index.html' : undefined,
      errorResponses: props.spaFallback ? spaErrorResponses() : undefined,
      domainNames: domainNames.length ? domainNames : undefined,
      certificate: this.certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: props.priceClass ?? profileDefault(profile, cloudfront.PriceClass.PRICE_CLASS_200, { dev: cloudfront.PriceClass.PRICE_CLASS_100 }),
      geoRestriction: props.geoRestriction,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: this.webAclArn,
    });
    this.acknowledgeDistribution(props);
    // Bound in the constructor above: the VPC origin the API origin created, if any.
    const vpcOrigin = this.distribution.node.findAll().find((c): c is cloudfront.VpcOrigin => c instanceof cloudfront.VpcOrigin);
    if (props.apiOrigin && vpcOrigin) props.apiOrigin._admitVpcOrigin(this, vpcOrigin);
    props.apiOrigin?._frontedBy(this, this.webAclArn);

    if (props.hostedZone && domainNames.length) aliasRecords(this, props.hostedZone, domainNames, this.distribution);
    if (props.deployment) this.deployment = this.deploy(props.deployment);
  }

  /**
   * Grants write access (`s3:PutObject` and friends) to the media bucket, e.g. to an API's task role.
   */
  public grantMediaWrite(grantee: iam.IGrantable): iam.Grant {
    if (!this.mediaBucket) {
      invalidProp(this, 'media', undefined, 'must be set to grant write access to the media bucket');
    }
    return this.mediaBucket.grantPut(grantee);
  }

  private privateBucket(id: string, logPrefix: string, removalPolicy: RemovalPolicy, noncurrentVersionExpiration: Duration): s3.Bucket {
    const bucket = new s3.Bucket(this, id, {
      // Versioning and its lifecycle rule are in-place updates of an existing bucket (neither is a create-only property).
      versioned: true,
      lifecycleRules: [{ id: 'ExpireNoncurrentVersions', noncurrentVersionExpiration, expiredObjectDeleteMarker: true }],
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      // A bucket that is to be destroyed must be emptied first, or its deletion fails.
      autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY,
    });
    logServerAccessTo(bucket, this.logBucket, logPrefix);
    return bucket;
  }

  private deploy(options: SiteDeploymentOptions): s3deploy.BucketDeployment {
    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(options.sourcePath)],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: options.invalidationPaths ?? ['/*'],
      prune: options.prune ?? true,
    });
    // The upload handler is a stack-wide singleton owned by aws-cdk-lib; acknowledge it where it lives.
    for (const child of Stack.of(this).node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledgeNag(child, [{ id: 'AwsSolutions-L1', reason: 'The runtime of aws-cdk-lib\'s BucketDeployment handler is chosen and updated by aws-cdk-lib, not by this library.' }]);
      acknowledgeIamFindingsAtSynth(child,
        'aws-cdk-lib\'s BucketDeployment handler uses AWSLambdaBasicExecutionRole only to write its own logs.',
        'aws-cdk-lib\'s BucketDeployment grants: read its asset objects, write and prune every key of the site bucket (the upload is the whole site), invalidate the distribution (CloudFront invalidations take no resource ARN).');
    }
    return deployment;
  }

  private acknowledgeDistribution(props: StaticSiteWithApiOriginProps): void {
    const acks = [];
    if (!this.certificate) {
      acks.push({
        id: 'AwsSolutions-CFR4',
        reason: 'Without domainNames the distribution serves the *.cloudfront.net certificate, whose TLS floor CloudFront fixes; with domainNames it requires TLSv1.2_2021.',
      });
    }
    if (!props.geoRestriction) {
      acks.push({
        id: 'AwsSolutions-CFR1',
        reason: 'Geo restriction is a business decision, opt-in through geoRestriction (CloudFront) or waf.blockedCountries (WAF).',
      });
    }
    if (!this.webAclArn) {
      acks.push({
        id: 'AwsSolutions-CFR2',
        reason: props.waf?.enabled === false
          ? 'The WAF was turned off explicitly with waf.enabled false.'
          : 'The dev profile leaves the WAF out to keep a dev environment cheap (waf.enabled defaults to false in dev only; staging and prod get a web ACL).',
      });
    }
    acknowledgeNag(this.distribution, acks);
  }
}
