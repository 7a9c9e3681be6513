import * as s3 from 'aws-cdk-lib/aws-s3';
import { WebAclRuleOptions } from '../waf/web-acl-options';

/** A second bucket for user-uploaded media, served under its own path (reference A). */
export interface SiteMediaOptions {
  /**
   * The path pattern the media bucket is served under.
   * @default '/media/*'
   */
  readonly pathPattern?: string;
  /**
   * An existing bucket to serve instead of creating one.
   * @default - a private, encrypted, SSL-only bucket is created
   */
  readonly bucket?: s3.IBucket;
  /**
   * Grant the API write access to the media bucket, when the API origin is a FargateApiService.
   * Other APIs can be granted with `grantMediaWrite()`.
   * @default true
   */
  readonly grantApiWrite?: boolean;
}

/** Deploys a local folder into the site bucket at deploy time, then invalidates the distribution. */
export interface SiteDeploymentOptions {
  /** The local folder to upload (e.g. the build output `./dist`). */
  readonly sourcePath: string;
  /**
   * The paths to invalidate after each upload.
   * @default ['/*']
   */
  readonly invalidationPaths?: string[];
  /**
   * Delete files from the bucket that are not in the folder.
   * @default true
   */
  readonly prune?: boolean;
}

/** What the distribution's default behaviour (`/*`) serves. */
export enum DefaultBehaviorTarget {
  /** Static files from the site bucket (single-page apps, static sites). */
  SITE_BUCKET = 'SITE_BUCKET',
  /** The API origin, uncached by default (server-rendered apps, reference C). */
  API = 'API',
}

/** The web application firewall in front of the distribution (CLOUDFRONT scope, in us-east-1). */
export interface SiteWafOptions extends WebAclRuleOptions {
  /**
   * Whether to put a web ACL in front of the distribution. Turning it off is allowed but explicit.
   *
   * The dev profile turns it off by default ($10 a month for the web ACL and its five rules, a third
   * of a dev environment's budget): set `enabled: true` to test the edge rules in dev.
   * @default - true; false with the dev profile
   */
  readonly enabled?: boolean;
  /**
   * An existing CLOUDFRONT-scope web ACL to use instead of creating one.
   * @default - a web ACL is created
   */
  readonly webAclArn?: string;
}

/**
 * Content-Security-Policy presets for `StaticSiteWithApiOrigin.contentSecurityPolicy`. A CloudFront
 * response headers policy sends one fixed header, so per-response nonces are not possible: a framework
 * that inlines its bootstrap scripts needs `'unsafe-inline'` for scripts.
 */
export class ContentSecurityPolicy {
  /**
   * Everything from the site's own origin only, no inline scripts or styles, no plugins, no framing.
   * Fits static builds that load every script and style from files (Vite, Angular, Astro without inline scripts).
   */
  public static readonly STRICT = "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

  /**
   * What a server-rendered Next.js (pages or app router) or React SSR app (Remix, React Router) needs
   * in production: the framework's inline bootstrap and hydration scripts and inline styles
   * (`'unsafe-inline'`), `data:` and `blob:` images (image placeholders), `data:` fonts; everything
   * else from the site's own origin, no plugins, no framing, forms posted to the site only.
   */
  public static readonly SERVER_RENDERED = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    + "form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

  private constructor() {}
}
