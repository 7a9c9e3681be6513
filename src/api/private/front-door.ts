import { Annotations, Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { createAccessLogBucket, enableAccessLogs } from './access-logs';
import { forwardTo } from './deployment-settings';
import { guardLoadBalancer, LoadBalancerWafSettings, LoadBalancerWebAcl } from './load-balancer-waf';
import { originFacingPrefixListId } from './origin-facing-prefix-list';
import { VpcOriginIngress } from './vpc-origin-access';
import { acknowledgeNag } from '../../private/nag';
import { CloudFrontAccess, CloudFrontAccessKind } from '../cloudfront-access';
import { AccessLogOptions } from '../load-balancer';

/** The priority of the secret-header rule: the last one, so attached services' path rules come first. */
export const ORIGIN_HEADER_RULE_PRIORITY = 50000;

/** What the front door needs to know, all defaults applied. */
export interface FrontDoorSettings {
  /** The class of the service that owns the load balancer, for descriptions. */
  readonly kind: string;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly internetFacing: boolean;
  readonly cloudFrontAccess?: CloudFrontAccess;
  readonly certificate?: acm.ICertificate;
  readonly domainName?: string;
  readonly hostedZone?: route53.IHostedZone;
  readonly sslPolicy: elbv2.SslPolicy;
  readonly ipAddressType: elbv2.IpAddressType;
  readonly deletionProtection: boolean;
  readonly accessLogs: AccessLogOptions;
  readonly accessLogExpiration: Duration;
  readonly accessLogRemovalPolicy: RemovalPolicy;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** Blue/green: the green target group, which the production and test rules forward to with weight 0. */
  readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The port of the listener of blue/green test traffic, when the load balancer has one. */
  readonly testListenerPort?: number;
  /** Who may reach the test listener (the VPC's CIDR when not given). */
  readonly testTrafficPeer?: ec2.IPeer;
  readonly waf: LoadBalancerWafSettings;
  readonly redirectHttp: boolean;
}

/** The load balancer, its listener and how CloudFront must call it. */
export interface FrontDoor {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
  readonly certificate?: acm.ICertificate;
  readonly accessLogBucket: s3.IBucket;
  readonly originHeaderName?: string;
  readonly originHeaderValue?: string;
  readonly webAcl: LoadBalancerWebAcl;
  /** With a VPC origin and no peer: the ingress that a bound CloudFront VPC origin replaces. */
  readonly vpcOriginIngress?: VpcOriginIngress;
  /** Blue/green: the rule that forwards production traffic, which ECS reweighs. */
  readonly productionRule?: elbv2.ApplicationListenerRule;
  /** The listener of blue/green test traffic, when there is one. */
  readonly testListener?: elbv2.ApplicationListener;
  /** Blue/green: the owner's rule on the test listener. */
  readonly testRule?: elbv2.ApplicationListenerRule;
}

/** Creates the load balancer, its listeners, access logs, certificate and alias records under `scope`. */
export function buildFrontDoor(scope: Construct, s: FrontDoorSettings): FrontDoor {
  const access = s.cloudFrontAccess;
  const viaPrefixList = access?.kind === CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER;
  const dualStack = s.ipAddressType !== elbv2.IpAddressType.IPV4;

  const securityGroup = new ec2.SecurityGroup(scope, 'LoadBalancerSecurityGroup', {
    vpc: s.vpc,
    description: `${s.kind} load balancer: listener ports only`,
    allowAllOutbound: false,
  });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, 'LoadBalancer', {
    vpc: s.vpc,
    vpcSubnets: s.subnets,
    internetFacing: s.internetFacing,
    securityGroup,
    dropInvalidHeaderFields: true,
    deletionProtection: s.deletionProtection,
    ipAddressType: s.ipAddressType,
  });

  const accessLogBucket = s.accessLogs.bucket ?? createAccessLogBucket(scope, 'AccessLogBucket', s.accessLogExpiration, s.accessLogRemovalPolicy);
  enableAccessLogs(loadBalancer, accessLogBucket, s.accessLogs.prefix);

  const certificate = s.certificate ?? (s.domainName && s.hostedZone
    ? new acm.Certificate(scope, 'Certificate', {
      domainName: s.domainName,
      validation: acm.CertificateValidation.fromDns(s.hostedZone),
    })
    : undefined);
  const port = certificate ? 443 : 80;

  let originHeaderName: string | undefined;
  let originHeaderValue: string | undefined;
  if (viaPrefixList) {
    originHeaderName = access!.headerName;
    originHeaderValue = access!.headerValue ?? generatedHeaderValue(scope);
  }

  const blueGreen = s.alternateTargetGroup !== undefined;
  const forward = forwardTo(s.targetGroup, s.alternateTargetGroup);
  // ECS reweighs listener rules, never a default action: with blue/green, production traffic goes through a rule.
  const defaultAction = viaPrefixList
    ? elbv2.ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' })
    : blueGreen ? notFound() : forward;
  const listener = certificate
    ? loadBalancer.addListener('HttpsListener', {
      port, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [certificate], sslPolicy: s.sslPolicy, open: false, defaultAction,
    })
    : loadBalancer.addListener('HttpListener', { port, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultAction });
  const redirect = certificate !== undefined && s.redirectHttp;
  if (redirect) {
    loadBalancer.addListener('HttpListener', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
  }
  let productionRule: elbv2.ApplicationListenerRule | undefined;
  if (viaPrefixList) {
    productionRule = new elbv2.ApplicationListenerRule(scope, 'OriginHeaderRule', {
      listener,
      priority: ORIGIN_HEADER_RULE_PRIORITY,
      conditions: [elbv2.ListenerCondition.httpHeader(originHeaderName!, [originHeaderValue!])],
      action: forward,
    });
  } else if (blueGreen) {
    productionRule = new elbv2.ApplicationListenerRule(scope, 'ProductionRule', {
      listener,
      priority: ORIGIN_HEADER_RULE_PRIORITY,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
      action: forward,
    });
  }
  const test = s.testListenerPort === undefined ? undefined : addTestListener(scope, s, loadBalancer, securityGroup, certificate, forward);

  const ports = redirect ? [443, 80] : [port];
  const peers = ingressPeers(scope, s.vpc, s.internetFacing, dualStack, access);
  for (const peer of peers) {
    for (const p of ports) securityGroup.addIngressRule(peer, ec2.Port.tcp(p), p === 80 && redirect ? 'HTTP, redirected to HTTPS' : 'Listener');
  }
  // A VPC origin without a peer: the VPC until a CloudFront VPC origin is bound, then CloudFront's group only.
  const vpcOriginIngress = access?.kind === CloudFrontAccessKind.VPC_ORIGIN && !access.peer
    ? new VpcOriginIngress(scope, securityGroup, s.vpc, port)
    : undefined;
  // cdk-nag reads a literal VPC CIDR (an imported VPC's) and finds nothing to flag; only the intrinsic needs the acknowledgement.
  if (!s.internetFacing && !access && Token.isUnresolved(s.vpc.vpcCidrBlock)) {
    acknowledgeNag(securityGroup, [
      { id: 'AwsSolutions-EC23', reason: "The ingress source is the VPC's own CIDR block, an intrinsic cdk-nag cannot evaluate; the load balancer is internal, so nothing outside the VPC reaches it." },
    ]);
  }
  if (viaPrefixList && !certificate) {
    Annotations.of(scope).addWarningV2('cdk-webapp-patterns:originHeaderInClear',
      'CloudFront reaches this load balancer over the internet on plain HTTP, so the secret origin header crosses the internet in clear text: give a certificate or a domainName with a hostedZone.');
  }
  if (access?.kind === CloudFrontAccessKind.VPC_ORIGIN && !certificate) {
    Annotations.of(scope).addWarningV2('cdk-webapp-patterns:vpcOriginPlainHttp',
      'CloudFront reaches this internal load balancer over plain HTTP inside the VPC: give a domainName under your hostedZone (its certificate is DNS-validated) or a certificate for HTTPS on that hop.');
  }
  if (s.internetFacing && !access) {
    acknowledgeNag(securityGroup, [
      { id: 'AwsSolutions-EC23', reason: 'An internet-facing API load balancer must accept clients from anywhere on its listener ports; no other port is open and the tasks accept only this security group.' },
    ]);
    if (!certificate) {
      Annotations.of(scope).addWarningV2('cdk-webapp-patterns:plainHttp',
        'The internet-facing load balancer listens on plain HTTP: give a certificate or a domainName with a hostedZone, or restrict it to CloudFront with cloudFrontAccess.');
    }
  }

  if (s.domainName && s.hostedZone) {
    const target = route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(loadBalancer));
    new route53.ARecord(scope, 'AliasRecord', { zone: s.hostedZone, recordName: s.domainName, target });
    if (dualStack) new route53.AaaaRecord(scope, 'AliasRecordIpv6', { zone: s.hostedZone, recordName: s.domainName, target });
  }

  const webAcl = guardLoadBalancer(scope, loadBalancer, s.waf);
  return {
    loadBalancer,
    listener,
    certificate,
    accessLogBucket,
    originHeaderName,
    originHeaderValue,
    webAcl,
    vpcOriginIngress,
    productionRule,
    testListener: test?.listener,
    testRule: test?.rule,
  };
}

/** The default action of a listener whose traffic goes through rules. */
function notFound(): elbv2.ListenerAction {
  return elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not Found' });
}

/**
 * The listener of blue/green test traffic on `testListenerPort` (HTTPS with the certificate, else HTTP),
 * admitting the VPC's CIDR only; with a blue/green owner, its rule for all paths.
 */
function addTestListener(
  scope: Construct, s: FrontDoorSettings, loadBalancer: elbv2.ApplicationLoadBalancer, securityGroup: ec2.SecurityGroup,
  certificate: acm.ICertificate | undefined, forward: elbv2.ListenerAction,
): { listener: elbv2.ApplicationListener; rule?: elbv2.ApplicationListenerRule } {
  const port = s.testListenerPort!;
  const listener = loadBalancer.addListener('TestListener', certificate
    ? { port, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [certificate], sslPolicy: s.sslPolicy, open: false, defaultAction: notFound() }
    : { port, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultAction: notFound() });
  const peer = s.testTrafficPeer ?? ec2.Peer.ipv4(s.vpc.vpcCidrBlock);
  securityGroup.addIngressRule(peer, ec2.Port.tcp(port), `Test listener of blue/green deployments: from ${s.testTrafficPeer ? 'the test traffic peer' : 'the VPC'} only`);
  if (!s.testTrafficPeer && s.internetFacing) {
    Annotations.of(scope).addWarningV2('cdk-webapp-patterns:testListenerUnreachable',
      `The test listener (port ${port}) admits the VPC's CIDR block, but callers inside the VPC reach an internet-facing load balancer `
      + 'through their NAT\'s public address: give testTrafficPeer (your NAT\'s Elastic IPs or your test runner\'s range) to run test traffic.');
  }
  if (!s.testTrafficPeer) {
    acknowledgeNag(securityGroup, [
      { id: 'AwsSolutions-EC23', reason: `The test listener port ${port} admits the VPC's own CIDR block only (an intrinsic cdk-nag cannot evaluate): test traffic never comes from outside the VPC.` },
      // The NIST pack reads the same unresolvable intrinsic as a possible 0.0.0.0/0.
      ...['NIST.800.53.R5-EC2RestrictedCommonPorts', 'NIST.800.53.R5-EC2RestrictedSSH'].map((id) => ({
        id, reason: `The test listener port ${port} admits the VPC's own CIDR block only (an intrinsic cdk-nag cannot evaluate, so the rule reads it as possibly 0.0.0.0/0); nothing outside the VPC is admitted.`,
      })),
    ]);
  }
  const rule = s.alternateTargetGroup && new elbv2.ApplicationListenerRule(scope, 'TestListenerRule', {
    listener,
    priority: ORIGIN_HEADER_RULE_PRIORITY,
    conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
    action: forward,
  });
  return { listener, rule };
}

function ingressPeers(scope: Construct, vpc: ec2.IVpc, internetFacing: boolean, dualStack: boolean, access?: CloudFrontAccess): ec2.IPeer[] {
  if (access?.kind === CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER) {
    return [ec2.Peer.prefixList(access.prefixListId ?? originFacingPrefixListId(scope, 'CloudFrontPrefixList'))];
  }
  if (access?.kind === CloudFrontAccessKind.VPC_ORIGIN) {
    return access.peer ? [access.peer] : [];
  }
  if (!internetFacing) return [ec2.Peer.ipv4(vpc.vpcCidrBlock)];
  return dualStack ? [ec2.Peer.anyIpv4(), ec2.Peer.anyIpv6()] : [ec2.Peer.anyIpv4()];
}

/**
 * A random header value kept in Secrets Manager and written into the listener rule (and CloudFront's
 * origin) as a dynamic reference: it never appears in a template, and is resolved at each deployment.
 */
function generatedHeaderValue(scope: Construct): string {
  // Its own key (not aws/secretsmanager): who may read the value is then decided by one key policy.
  // Deleted with the secret: the value is generated again with a new secret and written at deployment.
  const encryptionKey = new kms.Key(scope, 'OriginHeaderKey', {
    description: `Encrypts the origin header secret of ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  const secret = new secretsmanager.Secret(scope, 'OriginHeaderSecret', {
    encryptionKey,
    description: 'Value of the header CloudFront adds to origin requests; the load balancer forwards only requests carrying it',
    // No punctuation: ALB header conditions treat '*' and '?' as wildcards.
    generateSecretString: { passwordLength: 32, excludePunctuation: true },
  });
  const noRotation = 'The value is resolved into the listener rule and the CloudFront origin at deployment; automatic rotation would break the match until the next deployment. Rotate by redeploying after changing the secret.';
  acknowledgeNag(secret, [
    { id: 'AwsSolutions-SMG4', reason: noRotation },
    { id: 'NIST.800.53.R5-SecretsManagerRotationEnabled', reason: noRotation },
  ]);
  return secret.secretValue.unsafeUnwrap();
}
