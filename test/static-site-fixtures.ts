// Shared GIVEN of the StaticSiteWithApiOrigin tests: an app with a site stack (Tokyo by default),
// an internal ALB in a SecureVpc, and an imported hosted zone.
import { App, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureVpc, StaticSiteWithApiOrigin, StaticSiteWithApiOriginProps } from '../src';
import { acknowledgeNag } from '../src/private/nag';

export const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };
export const VIRGINIA = { account: '111111111111', region: 'us-east-1' };

/** A test environment: `{}` makes a region-agnostic stack. */
export type TestEnv = { account?: string; region?: string };

/** An internal ALB with an HTTP listener in a SecureVpc (nag-clean but for its access logs). */
export function internalAlb(stack: Stack, internetFacing = false): elbv2.ApplicationLoadBalancer {
  // AZs of the stack's region (SecureVpc refuses AZs of another region); Tokyo's in a region-agnostic stack.
  const region = Token.isUnresolved(stack.region) ? 'ap-northeast-1' : stack.region;
  const network = new SecureVpc(stack, 'Network', { availabilityZones: [`${region}a`, `${region}c`] });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
    vpc: network.vpc,
    vpcSubnets: internetFacing ? network.publicSubnets : network.applicationSubnets,
    internetFacing,
  });
  alb.addListener('Http', { port: 80, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  acknowledgeNag(alb, [{ id: 'AwsSolutions-ELB2', reason: 'Test fixture: the ALB stands in for the API and is not deployed.' }]);
  return alb;
}

/** The imported hosted zone `example.com` (no lookup). */
export function zoneOf(stack: Stack): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
}

export interface Built {
  readonly app: App;
  readonly stack: Stack;
  readonly site: StaticSiteWithApiOrigin;
  readonly template: Template;
}

/**
 * GIVEN a stack in `env` WHEN a site is built with the props from `makeProps` (which may add fixtures),
 * and `then` has run on it.
 */
export function build(
  makeProps: (stack: Stack) => StaticSiteWithApiOriginProps = () => ({}),
  env: TestEnv = TOKYO,
  then?: (site: StaticSiteWithApiOrigin, stack: Stack) => void,
): Built {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  const site = new StaticSiteWithApiOrigin(stack, 'Site', makeProps(stack));
  then?.(site, stack);
  return { app, stack, site, template: Template.fromStack(stack) };
}

/** The template of the site's us-east-1 companion stack. */
export function companionTemplate(built: Built): Template {
  if (!built.site.usEast1Stack) throw new Error('no companion stack');
  return Template.fromStack(built.site.usEast1Stack);
}

/** The distribution's DistributionConfig. */
export function distributionConfig(template: Template): any {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as any[];
  return distribution.Properties.DistributionConfig;
}

/** The cache behaviour of a path pattern. */
export function behavior(template: Template, pathPattern: string): any {
  return (distributionConfig(template).CacheBehaviors ?? []).find((b: any) => b.PathPattern === pathPattern);
}

/** The origin a behaviour targets. */
export function originOf(template: Template, b: any): any {
  return distributionConfig(template).Origins.find((o: any) => o.Id === b.TargetOriginId);
}
