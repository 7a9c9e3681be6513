import { Annotations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ApiServiceBase } from '../api/api-service-base';
import { CloudFrontAccessKind } from '../api/cloudfront-access';
import { FargateApiService } from '../api/fargate-api-service';
import { conflictingProps, invalidProp } from '../private/validation';

/** How CloudFront reaches an Application Load Balancer that is not an API service of this library. */
export interface LoadBalancerOriginOptions {
  /**
   * Reach the ALB through a CloudFront VPC origin (the ALB must be internal, and its security group
   * must admit CloudFront's VPC-origin security group). Set false for an internet-facing ALB.
   * @default true
   */
  readonly vpcOrigin?: boolean;
  /**
   * Connect to the ALB over HTTPS (port 443) instead of HTTP (port 80). Needs `domainName`: the
   * name on the ALB's certificate.
   * @default false
   */
  readonly https?: boolean;
  /**
   * The host name CloudFront connects to and validates the ALB's certificate against.
   * @default - the ALB's DNS name
   */
  readonly domainName?: string;
  /**
   * The name of a secret header CloudFront adds to every origin request, for an ALB listener rule that
   * drops requests without it. Give it together with `originHeaderValue`.
   * @default - no origin header
   */
  readonly originHeaderName?: string;
  /**
   * The value of the secret origin header.
   * @default - no origin header
   */
  readonly originHeaderValue?: string;
}

/** Options of `ApiOrigin.fromApiService()` and `ApiOrigin.fromFargateApiService()`. */
export interface FargateApiServiceOriginOptions {
  /**
   * The name on the service's certificate that CloudFront connects to over HTTPS, for a service with a
   * certificate but no `domainName`.
   * @default - the service's `domainName`
   */
  readonly domainName?: string;
}

/** What the site needs from an API origin once it is bound (internal). */
interface ApiOriginConfig {
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly vpcOrigin: boolean;
  readonly https: boolean;
  readonly domainName?: string;
  readonly originHeaderName?: string;
  readonly originHeaderValue?: string;
  /** Admits the site's VPC origin into the service's load balancer (an API service), when there is one. */
  readonly admitVpcOrigin?: (scope: Construct, vpcOrigin: cloudfront.IVpcOrigin) => void;
  /** Grants an API write access to a bucket (an API service's task role), when there is one. */
  readonly grantBucketWrite?: (bucket: s3.IBucket) => iam.Grant | void;
  /** Tells an API service that the site's distribution (with this web ACL, if any) is in front of it. */
  readonly frontedBy?: (site: Construct, webAclArn: string | undefined) => void;
  /** The factory the origin came from, for error messages. */
  readonly source: string;
}

/**
 * The API behind the site's `/api/*` paths (or behind `/*` for server-rendered apps): an
 * Application Load Balancer reached through a CloudFront VPC origin or over the internet.
 */
export class ApiOrigin {
  /**
   * Any Application Load Balancer. By default it is reached through a CloudFront VPC origin, which
   * needs an internal ALB whose security group admits CloudFront's VPC-origin security group.
   */
  public static fromLoadBalancer(loadBalancer: elbv2.IApplicationLoadBalancer, options: LoadBalancerOriginOptions = {}): ApiOrigin {
    return new ApiOrigin({
      loadBalancer,
      vpcOrigin: options.vpcOrigin ?? true,
      https: options.https ?? false,
      domainName: options.domainName,
      originHeaderName: options.originHeaderName,
      originHeaderValue: options.originHeaderValue,
      source: 'ApiOrigin.fromLoadBalancer',
    });
  }

  /**
   * An API service of this library (FargateApiService, Ec2ApiService): its CloudFront access is wired
   * automatically (a VPC origin for `CloudFrontAccess.vpcOrigin()`, the secret origin header for
   * `prefixListWithSecretHeader()`), HTTPS is used when its load balancer has a certificate, and the
   * media bucket can be granted to it.
   */
  public static fromApiService(service: ApiServiceBase, options: FargateApiServiceOriginOptions = {}): ApiOrigin {
    return ApiOrigin.ofService(service, options, 'ApiOrigin.fromApiService');
  }

  /** A FargateApiService, as `fromApiService()` reaches it. */
  public static fromFargateApiService(service: FargateApiService, options: FargateApiServiceOriginOptions = {}): ApiOrigin {
    return ApiOrigin.ofService(service, options, 'ApiOrigin.fromFargateApiService');
  }

  private static ofService(service: ApiServiceBase, options: FargateApiServiceOriginOptions, source: string): ApiOrigin {
    const access = service.cloudFrontAccess?.kind;
    if (!access && service.internetFacing) {
      Annotations.of(service).addWarningV2('cdk-webapp-patterns:apiOriginOpenToInternet',
        `This ${service.constructor.name} is internet-facing without cloudFrontAccess: its load balancer also accepts requests that bypass CloudFront and its WAF. Set cloudFrontAccess.`);
    }
    return new ApiOrigin({
      loadBalancer: service.loadBalancer,
      vpcOrigin: access ? access === CloudFrontAccessKind.VPC_ORIGIN : !service.internetFacing,
      https: service.certificate !== undefined,
      domainName: options.domainName ?? service.domainName,
      originHeaderName: service.originHeaderName,
      originHeaderValue: service.originHeaderValue,
      grantBucketWrite: (bucket) => service.grantBucketWrite(bucket),
      admitVpcOrigin: (scope, vpcOrigin) => service._admitCloudFrontVpcOrigin(scope, vpcOrigin),
      frontedBy: (site, webAclArn) => service._acknowledgeEdgeWebAcl(site, webAclArn),
      source,
    });
  }

  private constructor(private readonly config: ApiOriginConfig) {}

  /** Whether CloudFront reaches the ALB through a VPC origin. */
  public get usesVpcOrigin(): boolean {
    return this.config.vpcOrigin;
  }

  /** Whether CloudFront connects to the ALB over HTTPS. */
  public get usesHttps(): boolean {
    return this.config.https;
  }

  /** The load balancer behind this origin. */
  public get loadBalancer(): elbv2.IApplicationLoadBalancer {
    return this.config.loadBalancer;
  }

  /**
   * Whether the origin knows its API and can grant it write access to a bucket (a FargateApiService).
   * @internal
   */
  public get _grantsBucketWrite(): boolean {
    return this.config.grantBucketWrite !== undefined;
  }

  /**
   * Renders the CloudFront origin; `scope` names the site in error messages.
   * @internal
   */
  public _bind(scope: Construct): cloudfront.IOrigin {
    const c = this.config;
    if ((c.originHeaderName === undefined) !== (c.originHeaderValue === undefined)) {
      conflictingProps(scope, `apiOrigin (${c.source}) originHeaderName`, 'originHeaderValue', 'must be given together');
    }
    if (c.https && !c.domainName) {
      invalidProp(scope, `apiOrigin (${c.source}) domainName`, c.domainName,
        'must be the name on the ALB certificate when CloudFront connects over HTTPS (it cannot validate a certificate for the ALB DNS name)');
    }
    if (c.source === 'ApiOrigin.fromLoadBalancer' && !c.vpcOrigin && !c.originHeaderName) {
      Annotations.of(scope).addWarningV2('cdk-webapp-patterns:apiOriginWithoutSecretHeader',
        'The API is reached over the internet (vpcOrigin false) without originHeaderName/originHeaderValue: unless its ALB admits only '
        + 'CloudFront\'s origin-facing prefix list and checks a secret header, requests can bypass CloudFront and its WAF.');
    }
    const customHeaders = c.originHeaderName && c.originHeaderValue ? { [c.originHeaderName]: c.originHeaderValue } : undefined;
    const protocolPolicy = c.https ? cloudfront.OriginProtocolPolicy.HTTPS_ONLY : cloudfront.OriginProtocolPolicy.HTTP_ONLY;
    const common = {
      protocolPolicy,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders,
    };
    if (c.vpcOrigin) {
      return origins.VpcOrigin.withApplicationLoadBalancer(c.loadBalancer, { ...common, domainName: c.domainName, httpPort: 80, httpsPort: 443 });
    }
    return new origins.HttpOrigin(c.domainName ?? c.loadBalancer.loadBalancerDnsName, common);
  }

  /**
   * Lets the VPC origin the site created through the API's load balancer security group, when the
   * origin knows its API (a FargateApiService restricted with `CloudFrontAccess.vpcOrigin()`).
   * @internal
   */
  public _admitVpcOrigin(scope: Construct, vpcOrigin: cloudfront.IVpcOrigin): void {
    this.config.admitVpcOrigin?.(scope, vpcOrigin);
  }

  /**
   * Tells the API (when the origin knows it) that the site's distribution, with `webAclArn` when it
   * has a web ACL, is in front of it.
   * @internal
   */
  public _frontedBy(site: Construct, webAclArn: string | undefined): void {
    this.config.frontedBy?.(site, webAclArn);
  }

  /**
   * Grants the API write access to a bucket, when the origin knows its API (a FargateApiService).
   * @internal
   */
  public _grantBucketWrite(bucket: s3.IBucket): boolean {
    if (!this.config.grantBucketWrite) return false;
    this.config.grantBucketWrite(bucket);
    return true;
  }
}
