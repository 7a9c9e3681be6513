// Reference architecture C: Next.js SSR on ECS on EC2 behind CloudFront and WAF (seed 002), Tokyo,
// the document's three environments as three stacks (its environment table: instance type, task
// CPU/memory and sizes per stage through the profile; VPC 10.x.0.0/16 per environment).
// CloudFront: price class 200, TLS 1.2+, HTTP/3, IPv6, WAF (managed core + known bad inputs, rate
// limit 2000 / 5 min). Behaviours: /_next/static/* -> S3 (TTL 31536000 s), /api/* -> ALB uncached,
// /* -> ALB with TTL 0 and a header-based cache key. One ALB: Next.js front end (3000) for /*,
// Fastify back end (3001) for /api/* (health /api/health every 30 s, stickiness lb_cookie 86400 s,
// deregistration delay 30 s in dev, 60 s in prod). HTTP 80 -> 443.
// ECS on an EC2 Auto Scaling group capacity provider shared by both services: managed scaling at 100 %
// target capacity, scale-in protection, Amazon Linux 2023 ECS-optimized, IMDSv2, encrypted EBS, bridge
// networking with dynamic host ports 32768-65535 (instance targets; the instances admit that range from
// the ALB's security group only). dev t3.small 0-3 instances, staging t3.medium 1-5,
// prod t3.large 2-10, all on-demand (the document lists Spot for non-production as future work); tasks 256/512, 512/1024, 1024/2048; service scaling on CPU 70 % (60 % prod),
// scale-out cooldown 1 min, scale-in 5 min (10 min prod).
// VPC 10.x.0.0/16 (the document leaves x per environment open: dev 0, staging 1, prod 2); public
// 10.x.0-2.0/24, private 10.x.128-130.0/24. NAT: one shared in dev and staging, one per AZ in prod.
// Endpoints: ecr.api, ecr.dkr, logs, ecs, ssm (interface), s3 (gateway).
// Alarms: ECS CPU > 80 %, memory > 80 %, ALB 5xx > 10 / 5 min, p95 > 1 s, unhealthy > 0, to email, and
// the instance group's capacity alarms.
// Staging and prod: X-Ray tracing (an OpenTelemetry collector sidecar), GuardDuty, CloudTrail and AWS Config.
// Deploy: ECS blue/green (the document's deployment flow) for both services: a green target group each, the
// test listener (8443, from the VPC only) with a rule per service, a bake time (5 min, 10 in prod) and a
// rollback alarm on target 5xx. The CloudFront 5xx alarm lives in a us-east-1 alarm stack per environment
// (CloudFront's metrics exist only there), notifying the same email address.
// The ALB is internet-facing but admits only CloudFront (prefix list + secret header), as the document's
// CloudFront-in-front design intends.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AlarmSet, ApiOrigin, CloudFrontAccess, DefaultBehaviorTarget, DeploymentStrategy, Ec2ApiService, Ec2NetworkMode, EnvironmentProfile,
  InstancePurchase, NatStrategy,
  RepositoryImage, SecureVpc, SecurityBaseline, Stage, StaticSiteWithApiOrigin, Tracing,
} from '../../src';

/** The second octet of each environment's VPC (10.x.0.0/16). */
const VPC_OCTET: Record<Stage, number> = { [Stage.DEV]: 0, [Stage.STAGING]: 1, [Stage.PROD]: 2 };
/** The host names of each environment: the site's and the ALB origin's. */
const HOSTS: Record<Stage, [string, string]> = {
  [Stage.DEV]: ['dev', 'origin-dev'],
  [Stage.STAGING]: ['staging', 'origin-staging'],
  [Stage.PROD]: ['www', 'origin'],
};

/** Adds the document's three environments of reference architecture C to `app`, one stack each. */
export function buildReferenceCEnvironments(app: App): Stack[] {
  return [EnvironmentProfile.dev(), EnvironmentProfile.staging(), EnvironmentProfile.prod()].map((profile) => buildReferenceC(app, profile));
}

/** Adds one environment of reference architecture C to `app`. */
export function buildReferenceC(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stage = profile.stage;
  const x = VPC_OCTET[stage];
  const [siteHost, originHost] = HOSTS[stage];
  const stack = new Stack(app, `NextjsSsr-${profile.name}`, { env: { region: 'ap-northeast-1' }, crossRegionReferences: true });
  const network = new SecureVpc(stack, 'Network', {
    profile,
    cidr: `10.${x}.0.0/16`,
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
    subnetPlan: {
      publicCidrs: [0, 1, 2].map((i) => `10.${x}.${i}.0/24`),
      applicationCidrs: [128, 129, 130].map((i) => `10.${x}.${i}.0/24`),
    },
    // The document: one shared NAT gateway in dev and staging, one per AZ in prod (the profile's choice for those two).
    natStrategy: stage === Stage.DEV ? NatStrategy.singleGateway() : undefined,
    endpoints: { containerImagePull: true, ecs: true, ssm: true, s3Gateway: true },
  });
  if (profile.stage !== Stage.DEV) new SecurityBaseline(stack, 'SecurityBaseline', { profile });
  const tracing = profile.stage !== Stage.DEV ? Tracing.openTelemetryCollector() : undefined;
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  const healthCheck = { path: '/api/health', interval: Duration.seconds(30) };
  const deployment = DeploymentStrategy.blueGreen();
  // Instance types, group sizes, task CPU/memory and counts, scaling targets, cooldowns and the
  // deregistration delay come from the profile: the document's environment table.
  const frontend = new Ec2ApiService(stack, 'NextFrontend', {
    profile,
    vpc: network.vpc,
    repositoryImage: RepositoryImage.inNewRepository('v1.0.0'),
    networkMode: Ec2NetworkMode.BRIDGE,
    containerPort: 3000,
    tracing,
    healthCheck,
    deployment,
    // On-demand in every environment: the document's Spot for non-production is "(Future)".
    instances: { purchase: InstancePurchase.onDemand() },
    stickinessDuration: Duration.seconds(86400),
    domainName: `${originHost}.example.com`,
    hostedZone,
    cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(),
  });
  // The back end joins the front end's listener and its instance group (one group per environment).
  const backend = new Ec2ApiService(stack, 'FastifyBackend', {
    profile,
    vpc: network.vpc,
    repositoryImage: RepositoryImage.inNewRepository('v1.0.0'),
    networkMode: Ec2NetworkMode.BRIDGE,
    containerPort: 3001,
    tracing,
    healthCheck,
    deployment,
    attachTo: frontend,
    pathPatterns: ['/api/*'],
    priority: 10,
  });
  const site = new StaticSiteWithApiOrigin(stack, 'Site', {
    profile,
    apiOrigin: ApiOrigin.fromApiService(frontend),
    defaultBehavior: DefaultBehaviorTarget.API,
    serverRenderedCacheKeyHeaders: ['Accept-Language'],
    immutablePaths: ['/_next/static/*'],
    priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    // The document puts the WAF in front of every environment: dev too (the dev profile would leave it out).
    waf: { enabled: true, rateLimit: 2000 },
    domainNames: [`${siteHost}.example.com`],
    hostedZone,
  });
  new AlarmSet(stack, 'Alarms', { profile, emailAddresses: ['oncall@example.com'], apiServices: [frontend, backend], staticSites: [site] });
  return stack;
}
