// The regional web ACL of an API service's load balancer, and whether port 80 redirects (internal).
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { conflictingProps, invalidProp } from '../../private/validation';
import { ManagedWebAcl, validateWafOptions, WebAclSettings, webAclSettings } from '../../private/web-acl';
import { ApiServiceBaseProps } from '../api-service-base-props';
import { CloudFrontAccess, CloudFrontAccessKind } from '../cloudfront-access';

/** The load balancer's web ACL: one to create, one brought along, or none. */
export interface LoadBalancerWafSettings {
  readonly create?: WebAclSettings;
  readonly webAclArn?: string;
}

/** What guards the load balancer: on by default when it is internet-facing and not restricted to CloudFront. */
export function resolveLoadBalancerWaf(
  scope: Construct, props: ApiServiceBaseProps, internetFacing: boolean, cloudFrontAccess?: CloudFrontAccess,
): LoadBalancerWafSettings {
  if (props.attachTo) return {};
  const waf = props.waf ?? {};
  // CloudFront's web ACL guards a load balancer that admits only CloudFront.
  const offBecause = cloudFrontAccess ? 'cloudFrontAccess' : !internetFacing ? 'internetFacing false' : undefined;
  validateWafOptions(scope, waf, 'REGIONAL', offBecause);
  // A web ACL given by ARN is used wherever it is given; otherwise the default follows offBecause.
  if (!(waf.enabled ?? (waf.webAclArn !== undefined || offBecause === undefined))) return {};
  if (waf.webAclArn) return { webAclArn: waf.webAclArn };
  return { create: webAclSettings('REGIONAL', waf, props.profile) };
}

/** Whether an HTTPS load balancer redirects port 80: by default unless it is restricted to CloudFront, which calls one port. */
export function resolveRedirectHttp(scope: Construct, props: ApiServiceBaseProps, cloudFrontAccess?: CloudFrontAccess): boolean {
  const https = props.certificate !== undefined || props.domainName !== undefined;
  if (props.redirectHttp !== undefined && !https && !props.attachTo) {
    invalidProp(scope, 'redirectHttp', props.redirectHttp, 'needs certificate or domainName: a plain HTTP load balancer has no HTTPS listener to redirect to');
  }
  const viaPrefixList = cloudFrontAccess?.kind === CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER;
  if (props.redirectHttp === true && viaPrefixList) {
    conflictingProps(scope, 'redirectHttp true', 'cloudFrontAccess', 'cannot be combined: CloudFront calls the load balancer on one port, so a port-80 listener would only widen the prefix-list rule');
  }
  return https && (props.redirectHttp ?? cloudFrontAccess === undefined);
}

/** The web ACL the load balancer got, when it got one. */
export interface LoadBalancerWebAcl {
  readonly webAcl?: wafv2.CfnWebACL;
  readonly webAclArn?: string;
  readonly logGroup?: logs.ILogGroup;
}

/** Creates the web ACL (when asked) and associates it (or the one brought along) with the load balancer. */
export function guardLoadBalancer(
  scope: Construct, loadBalancer: elbv2.ApplicationLoadBalancer, settings: LoadBalancerWafSettings,
): LoadBalancerWebAcl {
  const acl = settings.create ? new ManagedWebAcl(scope, 'Waf', settings.create) : undefined;
  const webAclArn = settings.webAclArn ?? acl?.webAcl.attrArn;
  if (webAclArn) {
    new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: loadBalancer.loadBalancerArn, webAclArn });
  }
  return { webAcl: acl?.webAcl, webAclArn, logGroup: acl?.logGroup };
}
