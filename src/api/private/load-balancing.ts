// The target group of an API service and how it joins a load balancer: a new front door, or a path
// rule on the listener of the service it attaches to (internal, not exported).
import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { forwardTo } from './deployment-settings';
import { buildFrontDoor } from './front-door';
import { LoadBalancerWebAcl } from './load-balancer-waf';
import { ServiceSettings, ServiceTarget } from './service-settings';
import { VpcOriginIngress } from './vpc-origin-access';
import { acknowledgeNag } from '../../private/nag';
import { profileDefault } from '../../private/profile-defaults';
import { CloudFrontAccess } from '../cloudfront-access';

/** The target group and the load balancer it is behind. */
export interface LoadBalancing {
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly listener: elbv2.IApplicationListener;
  readonly internetFacing: boolean;
  readonly certificate?: acm.ICertificate;
  readonly cloudFrontAccess?: CloudFrontAccess;
  readonly originHeaderName?: string;
  readonly originHeaderValue?: string;
  readonly domainName?: string;
  readonly accessLogBucket?: s3.IBucket;
  /** The regional web ACL of the service's own internet-facing load balancer, when one was created or given. */
  readonly webAcl?: LoadBalancerWebAcl;
  /** The ingress rule that admits CloudFront's VPC-origin traffic, on a load balancer behind a VPC origin. */
  readonly vpcOriginIngress?: VpcOriginIngress;
  /** The listener of blue/green test traffic (the attached service's one when attaching), when there is one. */
  readonly testListener?: elbv2.IApplicationListener;
  /** Blue/green: the target group of the green tasks. */
  readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
}

/** Creates the service's target group under `scope` and puts it behind its own or the attached load balancer. */
export function joinLoadBalancer(scope: Construct, kind: string, s: ServiceSettings, service: ecs.BaseService, target: ServiceTarget): LoadBalancing {
  const props = s.props;
  const attachTo = props.attachTo;
  const vpc = props.vpc;
  const targetGroupProps: elbv2.ApplicationTargetGroupProps = {
    vpc,
    port: s.containerPort,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: target.targetType,
    healthCheck: {
      interval: Duration.seconds(30),
      timeout: Duration.seconds(5),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 3,
      healthyHttpCodes: '200-399',
      port: target.healthCheckPort,
      ...props.healthCheck,
      path: s.healthCheckPath,
    },
    deregistrationDelay: props.deregistrationDelay ?? profileDefault(props.profile, Duration.seconds(30), { prod: Duration.seconds(60) }),
    stickinessCookieDuration: props.stickinessDuration,
  };
  const targetGroup = new elbv2.ApplicationTargetGroup(scope, 'TargetGroup', targetGroupProps);
  // Blue/green: the green tasks register in a second group of the same settings, which ECS swaps in.
  const alternateTargetGroup = s.deployment.blueGreen ? new elbv2.ApplicationTargetGroup(scope, 'AlternateTargetGroup', targetGroupProps) : undefined;
  const forward = forwardTo(targetGroup, alternateTargetGroup);
  // Rolling: the tasks register now; blue/green needs the production and test rules first.
  if (!alternateTargetGroup) attachTarget(service, s, targetGroup);

  let wiring: Omit<LoadBalancing, 'targetGroup'>;
  if (attachTo) {
    const conditions = [elbv2.ListenerCondition.pathPatterns(props.pathPatterns!)];
    if (attachTo.originHeaderName && attachTo.originHeaderValue) {
      conditions.push(elbv2.ListenerCondition.httpHeader(attachTo.originHeaderName, [attachTo.originHeaderValue]));
    }
    const rule = new elbv2.ApplicationListenerRule(scope, 'ListenerRule', {
      listener: attachTo.listener,
      priority: props.priority!,
      conditions,
      action: forward,
    });
    // The test listener admits the VPC only: its rule matches the paths, without CloudFront's header.
    const testRule = alternateTargetGroup && new elbv2.ApplicationListenerRule(scope, 'TestListenerRule', {
      listener: attachTo.testListener!,
      priority: props.priority!,
      conditions: [elbv2.ListenerCondition.pathPatterns(props.pathPatterns!)],
      action: forward,
    });
    if (alternateTargetGroup) attachTarget(service, s, targetGroup, alternateTargetGroup, rule, testRule);
    wiring = {
      loadBalancer: attachTo.loadBalancer,
      listener: attachTo.listener,
      internetFacing: attachTo.internetFacing,
      certificate: attachTo.certificate,
      cloudFrontAccess: attachTo.cloudFrontAccess,
      originHeaderName: attachTo.originHeaderName,
      originHeaderValue: attachTo.originHeaderValue,
      domainName: attachTo.domainName,
      testListener: attachTo.testListener,
    };
  } else {
    const frontDoor = buildFrontDoor(scope, {
      kind,
      vpc,
      subnets: s.loadBalancerSubnets!,
      internetFacing: s.internetFacing,
      cloudFrontAccess: s.cloudFrontAccess,
      certificate: props.certificate,
      domainName: props.domainName,
      hostedZone: props.hostedZone,
      sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
      ipAddressType: props.ipAddressType ?? elbv2.IpAddressType.IPV4,
      deletionProtection: props.deletionProtection ?? profileDefault(props.profile, false, { prod: true }),
      accessLogs: props.accessLogs ?? {},
      accessLogExpiration: s.accessLogExpiration,
      accessLogRemovalPolicy: s.logRemovalPolicy,
      targetGroup,
      alternateTargetGroup,
      testListenerPort: s.deployment.testListenerPort,
      testTrafficPeer: props.testTrafficPeer,
      waf: s.waf,
      redirectHttp: s.redirectHttp,
    });
    if (alternateTargetGroup) attachTarget(service, s, targetGroup, alternateTargetGroup, frontDoor.productionRule, frontDoor.testRule);
    wiring = {
      loadBalancer: frontDoor.loadBalancer,
      listener: frontDoor.listener,
      accessLogBucket: frontDoor.accessLogBucket,
      internetFacing: s.internetFacing,
      certificate: frontDoor.certificate,
      cloudFrontAccess: s.cloudFrontAccess,
      originHeaderName: frontDoor.originHeaderName,
      originHeaderValue: frontDoor.originHeaderValue,
      domainName: props.domainName,
      webAcl: frontDoor.webAcl,
      vpcOriginIngress: frontDoor.vpcOriginIngress,
      testListener: frontDoor.testListener,
    };
  }
  return { ...wiring, targetGroup, alternateTargetGroup };
}

/**
 * Registers the service's tasks in the target group; with blue/green, tells ECS the green group and the
 * production and test rules it reweighs (through a role with the AWS managed policy ECS documents for it).
 */
function attachTarget(
  service: ecs.BaseService, s: ServiceSettings, targetGroup: elbv2.ApplicationTargetGroup, alternateTargetGroup?: elbv2.ApplicationTargetGroup,
  productionRule?: elbv2.ApplicationListenerRule, testRule?: elbv2.ApplicationListenerRule,
): void {
  const alternateTarget = alternateTargetGroup && new ecs.AlternateTarget('AlternateTarget', {
    alternateTargetGroup,
    productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(productionRule!),
    testListener: testRule && ecs.ListenerRuleConfiguration.applicationListenerRule(testRule),
  });
  targetGroup.addTarget(service.loadBalancerTarget({ containerName: s.containerName, containerPort: s.containerPort, alternateTarget }));
  if (alternateTargetGroup) {
    // ECS registers green tasks only in a group the load balancer already routes to.
    service.node.addDependency(alternateTargetGroup.loadBalancerAttached);
    acknowledgeNag(service, [{
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers]',
      reason: 'Blue/green was asked for: ECS moves the listener rules between the blue and green target groups through this role, with the AWS managed policy AWS documents and maintains for exactly that.',
    }]);
  }
}
