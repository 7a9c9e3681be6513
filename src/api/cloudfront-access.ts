import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** How a load balancer restricted to CloudFront enforces it. */
export enum CloudFrontAccessKind {
  /** An internal load balancer that CloudFront reaches through a VPC origin. */
  VPC_ORIGIN = 'VPC_ORIGIN',
  /** An internet-facing load balancer behind CloudFront's origin-facing prefix list and a secret header. */
  PREFIX_LIST_WITH_SECRET_HEADER = 'PREFIX_LIST_WITH_SECRET_HEADER',
}

/** Options of `CloudFrontAccess.vpcOrigin()`. */
export interface VpcOriginAccessOptions {
  /**
   * Who may reach the internal load balancer's listener instead of what the default admits.
   * @default - CloudFront's VPC-origin security group (`CloudFront-VPCOrigins-Service-SG`, read at deploy
   * time) once `ApiOrigin.fromFargateApiService` binds the service to a StaticSiteWithApiOrigin; the VPC's
   * CIDR block until then
   */
  readonly peer?: ec2.IPeer;
}

/** Options of `CloudFrontAccess.prefixListWithSecretHeader()`. */
export interface SecretHeaderAccessOptions {
  /**
   * The name of the header CloudFront adds to every origin request (at most 40 characters).
   * @default 'X-Origin-Verify'
   */
  readonly headerName?: string;
  /**
   * The header's value (1-128 characters, no `*` or `?`, which ALB rules treat as wildcards). Give your own (e.g. from your secret store) to share it with a CloudFront
   * distribution in another app; it is written in plain text into both templates.
   * @default - a random value generated in a Secrets Manager secret and used through a
   * CloudFormation dynamic reference, so it never appears in the template
   */
  readonly headerValue?: string;
  /**
   * The id of CloudFront's origin-facing managed prefix list (`com.amazonaws.global.cloudfront.origin-facing`)
   * in the stack's region, e.g. `pl-58a04531` in ap-northeast-1.
   * @default - looked up at deploy time by a custom resource calling ec2:DescribeManagedPrefixLists
   */
  readonly prefixListId?: string;
}

/**
 * How a FargateApiService's load balancer accepts traffic only from CloudFront.
 *
 * - `vpcOrigin()`: the load balancer is internal; a CloudFront VPC origin reaches it from inside the VPC.
 * - `prefixListWithSecretHeader()`: the load balancer is internet-facing, its security group admits only
 *   CloudFront's origin-facing managed prefix list, and a listener rule forwards only requests that carry
 *   a secret header CloudFront adds (anything else gets 403).
 */
export class CloudFrontAccess {
  /** An internal load balancer for a CloudFront VPC origin. */
  public static vpcOrigin(options: VpcOriginAccessOptions = {}): CloudFrontAccess {
    return new CloudFrontAccess(CloudFrontAccessKind.VPC_ORIGIN, options.peer);
  }

  /**
   * An internet-facing load balancer that admits only CloudFront's origin-facing prefix list and
   * forwards only requests that carry the secret origin header.
   */
  public static prefixListWithSecretHeader(options: SecretHeaderAccessOptions = {}): CloudFrontAccess {
    return new CloudFrontAccess(CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER, undefined,
      options.headerName ?? 'X-Origin-Verify', options.headerValue, options.prefixListId);
  }

  private constructor(
    /** How CloudFront-only access is enforced. */
    public readonly kind: CloudFrontAccessKind,
    /** With a VPC origin: who may reach the listener (undefined: the VPC CIDR). */
    public readonly peer?: ec2.IPeer,
    /** With the prefix list: the secret header's name. */
    public readonly headerName?: string,
    /** With the prefix list: the header value you gave (undefined: generated). */
    public readonly headerValue?: string,
    /** With the prefix list: the prefix list id you gave (undefined: looked up at deploy time). */
    public readonly prefixListId?: string,
  ) {}
}
