// Reference architecture C: Next.js SSR on ECS behind CloudFront and WAF (seed 002), Tokyo,
// production flavour (the document's environment table; the prod row: 1024/2048, 2/3/10 tasks,
// NAT per AZ, 30-day backups, deletion protection, deregistration delay 60 s, 3 AZs).
// CloudFront: price class 200, TLS 1.2+, HTTP/3, IPv6, WAF (managed core + known bad inputs, rate
// limit 2000 / 5 min). Behaviours: /_next/static/* -> S3 (TTL 31536000 s), /api/* -> ALB uncached,
// /* -> ALB with TTL 0 and a header-based cache key. One ALB: Next.js front end (3000) for /*,
// Fastify back end (3001) for /api/* (health /api/health, stickiness lb_cookie 86400 s). HTTP 80 -> 443.
// VPC 10.2.0.0/16 (10.x per environment; prod = 2): public 10.2.0-2.0/24, private 10.2.128-130.0/24.
// Endpoints: ecr.api, ecr.dkr, logs, ecs, ssm (interface), s3 (gateway).
// Alarms: ECS CPU > 80 %, memory > 80 %, ALB 5xx > 10 / 5 min, p95 > 1 s, unhealthy > 0, to email.
// Staging and prod: X-Ray tracing (an OpenTelemetry collector sidecar), GuardDuty, CloudTrail and AWS Config.
// (No CloudFront alarm: the document lists none, and CloudFront's metrics live in us-east-1 only.)
// Deliberate differences (README): Fargate instead of an EC2 Auto Scaling group capacity provider in
// bridge mode (no hosts to patch; awsvpc networking gives per-task security groups); the ALB is
// internet-facing but admits only CloudFront (prefix list + secret header), as the document's
// CloudFront-in-front design intends.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AlarmSet, ApiOrigin, CloudFrontAccess, DefaultBehaviorTarget, EnvironmentProfile, FargateApiService, RepositoryImage, SecureVpc,
  SecurityBaseline, Stage, StaticSiteWithApiOrigin, Tracing,
} from '../../src';

/** Adds reference architecture C to `app`. */
export function buildReferenceC(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `NextjsSsr-${profile.stage}`, { env: { region: 'ap-northeast-1' }, crossRegionReferences: true });
  const network = new SecureVpc(stack, 'Network', {
    profile,
    cidr: '10.2.0.0/16',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
    subnetPlan: {
      publicCidrs: ['10.2.0.0/24', '10.2.1.0/24', '10.2.2.0/24'],
      applicationCidrs: ['10.2.128.0/24', '10.2.129.0/24', '10.2.130.0/24'],
    },
    endpoints: { containerImagePull: true, ecs: true, ssm: true, s3Gateway: true },
  });
  if (profile.stage !== Stage.DEV) new SecurityBaseline(stack, 'SecurityBaseline', { profile });
  const tracing = profile.stage !== Stage.DEV ? Tracing.openTelemetryCollector() : undefined;
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  const frontend = new FargateApiService(stack, 'NextFrontend', {
    profile,
    vpc: network.vpc,
    repositoryImage: RepositoryImage.inNewRepository('v1.0.0'),
    containerPort: 3000,
    tracing,
    healthCheck: { path: '/api/health', interval: Duration.seconds(30) },
    cpu: 1024,
    memoryLimitMiB: 2048,
    desiredCount: 3,
    minCapacity: 2,
    maxCapacity: 10,
    scaling: { targetCpuUtilization: 60, scaleOutCooldown: Duration.minutes(1), scaleInCooldown: Duration.minutes(10) },
    deregistrationDelay: Duration.seconds(60),
    stickinessDuration: Duration.seconds(86400),
    domainName: 'origin.example.com',
    hostedZone,
    cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(),
  });
  const backend = new FargateApiService(stack, 'FastifyBackend', {
    profile,
    vpc: network.vpc,
    repositoryImage: RepositoryImage.inNewRepository('v1.0.0'),
    containerPort: 3001,
    tracing,
    healthCheck: { path: '/api/health', interval: Duration.seconds(30) },
    cpu: 1024,
    memoryLimitMiB: 2048,
    minCapacity: 2,
    maxCapacity: 10,
    attachTo: frontend,
    pathPatterns: ['/api/*'],
    priority: 10,
  });
  new StaticSiteWithApiOrigin(stack, 'Site', {
    profile,
    apiOrigin: ApiOrigin.fromFargateApiService(frontend),
    defaultBehavior: DefaultBehaviorTarget.API,
    serverRenderedCacheKeyHeaders: ['Accept-Language'],
    immutablePaths: ['/_next/static/*'],
    priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    waf: { rateLimit: 2000 },
    domainNames: ['www.example.com'],
    hostedZone,
  });
  const alarms = new AlarmSet(stack, 'Alarms', { profile, emailAddresses: ['oncall@example.com'] });
  alarms.monitorFargateApiService(frontend);
  alarms.monitorFargateApiService(backend);
  return stack;
}
