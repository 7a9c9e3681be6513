import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { ApiServiceBase } from './api-service-base';
import { CloudFrontAccess } from './cloudfront-access';
import { DeploymentStrategy } from './deployment';
import { RepositoryImage } from './image-repository';
import { AccessLogOptions, LoadBalancerWafOptions } from './load-balancer';
import { ScalingOptions, ScheduledScaling } from './scaling';
import { Tracing } from './tracing';
import { EnvironmentProfile } from '../profile';

/**
 * The options of an API service (FargateApiService, Ec2ApiService) that do not wire it to its surroundings:
 * tasks, capacity and scaling, and the load balancer. WebAppBlueprint passes them through as its `api`.
 */
export interface ApiServiceOptions {
  // --- Tasks

  /**
   * The ECS cluster to run in.
   * @default - the cluster of `attachTo` when attaching, else a new cluster with Container Insights and the Fargate capacity providers
   */
  readonly cluster?: ecs.ICluster;
  /**
   * The subnets of the tasks (no public IP is ever assigned).
   * @default - the 'Application' subnet group when the VPC has one (SecureVpc), else the private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The name of the container (letters, digits, hyphens, underscores).
   * @default 'app'
   */
  readonly containerName?: string;
  /**
   * The port the container listens on.
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Task CPU units (256 = 0.25 vCPU). FargateApiService: a pair Fargate supports with `memoryLimitMiB`;
   * Ec2ApiService: no more than the instance type's vCPUs.
   * @default - 256 (dev), 512 (staging), 1024 (prod); 256 without a profile
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB (Ec2ApiService: no more than the instance type leaves for tasks).
   * @default - 512 (dev), 1024 (staging), 2048 (prod); 512 without a profile
   */
  readonly memoryLimitMiB?: number;
  /**
   * Plain environment variables of the container (use `secrets` for anything secret; cdk-nag
   * AwsSolutions-ECS2 flags plain variables).
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * Secrets injected into the container as environment variables at start.
   * @default - none
   */
  readonly secrets?: { [key: string]: ecs.Secret };
  /**
   * Whether the container's root filesystem is read-only (ECS Exec needs it writable).
   * @default - true; false when `enableExecuteCommand` is true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * The user the application container runs as (ECS `user`): `uid`, `uid:gid`, `user` or `user:group`,
   * e.g. `'1000:1000'`; a root user (`root`, `0`, `0:0`) is refused. On Fargate the scratch
   * volume is owned by root unless the image declares `VOLUME` at `scratchPath` with the user's
   * ownership, so a non-root user writes it only then.
   * @default - the image's USER (its Dockerfile `USER`; root when the image sets none)
   */
  readonly user?: string;
  /**
   * Where the writable scratch volume (task storage) is mounted in the container.
   * @default '/tmp'
   */
  readonly scratchPath?: string;
  /**
   * Whether the security group of the tasks allows all outbound traffic.
   * @default false - HTTPS (443) out only, plus what `connectToDatabase` and `connections` open
   */
  readonly allowAllOutbound?: boolean;
  /**
   * Whether ECS Exec (`aws ecs execute-command`) is enabled; its agent needs a writable root filesystem.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * How long ECS ignores failing load balancer health checks after a task starts.
   * @default Duration.seconds(60)
   */
  readonly healthCheckGracePeriod?: Duration;
  /**
   * How a new task definition is deployed: `DeploymentStrategy.rolling()` or `DeploymentStrategy.blueGreen({ bakeTime })`
   * (a second target group, a test listener rule, a bake time and rollback on alarm).
   * @default - DeploymentStrategy.rolling(): the circuit breaker rolls a failed deployment back
   */
  readonly deployment?: DeploymentStrategy;
  /**
   * A tracing sidecar that sends the application's traces to AWS X-Ray, e.g. `Tracing.openTelemetryCollector()`;
   * the application must be instrumented (OpenTelemetry or the X-Ray SDK).
   * @default - no tracing in any profile: a collector serves only an instrumented application, and costs task memory
   */
  readonly tracing?: Tracing;
  /**
   * How long container logs are kept.
   * @default - one week (dev), one month (staging), three months (prod); one month without a profile
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * A KMS key to encrypt the container logs with (a key policy statement for CloudWatch Logs is
   * added when the key belongs to this app).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;

  // --- Capacity and scaling

  /**
   * The number of tasks at first deployment.
   * @default - 1 (dev), 2 (staging), 3 (prod), 2 without a profile; moved into [minCapacity, maxCapacity]
   */
  readonly desiredCount?: number;
  /**
   * The fewest tasks auto scaling keeps.
   * @default - 1 (dev and staging), 2 (prod); 2 without a profile; lowered to `desiredCount` or `maxCapacity` when given and lower
   */
  readonly minCapacity?: number;
  /**
   * The most tasks auto scaling starts.
   * @default - 3 (dev), 5 (staging), 10 (prod); 10 without a profile; raised to `minCapacity` or `desiredCount` when given and higher
   */
  readonly maxCapacity?: number;
  /**
   * Target-tracking scaling on CPU, memory and optionally requests per target.
   * @default - CPU 70% (60% with prod), memory 80%, scale out after 1 minute, in after 5 (10 with prod)
   */
  readonly scaling?: ScalingOptions;
  /**
   * Scheduled changes of the task count bounds in a time zone, e.g. a dev service stopped at night:
   * `ScheduledScaling.dailyStop({ stopAt: '22:00', startAt: '08:00', timeZone: 'Asia/Tokyo' })`.
   * AlarmSet's running-tasks alarm then pages only while tasks are wanted.
   * @default - no scheduled scaling
   */
  readonly scheduledScaling?: ScheduledScaling;

  // --- Load balancer

  /**
   * The subnets of the load balancer.
   * @default - the 'Public' subnet group (or the public subnets) when internet-facing; the tasks' subnets when internal
   */
  readonly loadBalancerSubnets?: ec2.SubnetSelection;
  /**
   * Whether the load balancer is internet-facing.
   * @default - false with `CloudFrontAccess.vpcOrigin()`, true otherwise
   */
  readonly internetFacing?: boolean;
  /**
   * Accept traffic from CloudFront only.
   * @default - CloudFrontAccess.vpcOrigin() with the dev profile when neither internetFacing, domainName nor certificate is given; none otherwise
   */
  readonly cloudFrontAccess?: CloudFrontAccess;
  /**
   * The TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * IPv4 only, or dual-stack (needs IPv6 subnets; adds the AAAA alias record and ::/0 ingress).
   * @default elbv2.IpAddressType.IPV4
   */
  readonly ipAddressType?: elbv2.IpAddressType;
  /**
   * The load balancer's health check of the tasks; fields left out keep their defaults.
   * @default - path '/health', every 30 s, timeout 5 s, healthy after 2, unhealthy after 3, codes 200-399
   */
  readonly healthCheck?: elbv2.HealthCheck;
  /**
   * How long the load balancer lets in-flight requests finish on a deregistering task (0-3600 seconds).
   * @default - Duration.seconds(60) with prod, Duration.seconds(30) otherwise
   */
  readonly deregistrationDelay?: Duration;
  /**
   * Turns on sticky sessions (an `lb_cookie`) with this duration, e.g. `Duration.days(1)`.
   * @default - no stickiness
   */
  readonly stickinessDuration?: Duration;
  /**
   * Whether the load balancer has deletion protection.
   * @default - true with prod, false otherwise
   */
  readonly deletionProtection?: boolean;
  /**
   * Where the load balancer's access logs go.
   * @default - a new encrypted, SSL-only, non-public bucket with a lifecycle rule
   */
  readonly accessLogs?: AccessLogOptions;
  /**
   * The regional web ACL (WAF) of the load balancer; `{ enabled: false }` turns it off.
   * @default - a web ACL with the managed rule groups and a rate limit of 2000 per IP in 5 minutes when the
   * load balancer is internet-facing and not restricted to CloudFront; none otherwise
   */
  readonly waf?: LoadBalancerWafOptions;
  /**
   * Whether an HTTPS load balancer also listens on port 80 to redirect to 443. `false` leaves out the
   * port-80 listener and its security-group rule (HTTPS only). Needs `certificate` or `domainName`.
   * @default - true with a certificate, unless the load balancer is restricted to CloudFront (which calls one port)
   */
  readonly redirectHttp?: boolean;
  /**
   * The port of the load balancer's test listener, which blue/green deployments (of this service and of
   * those attached to it) send test traffic through to the green tasks; it admits the VPC's CIDR only.
   * @default - with a blue/green `deployment`: 8443 with HTTPS, 8080 with HTTP; otherwise no test listener
   */
  readonly testListenerPort?: number;
  /**
   * Who may reach the test listener. Callers inside the VPC reach an internet-facing load balancer
   * through their NAT's public address, not from the VPC's CIDR: give that address (or your test
   * runner's range) for one, e.g. `ec2.Peer.ipv4('203.0.113.10/32')`.
   * @default - the VPC's CIDR block
   */
  readonly testTrafficPeer?: ec2.IPeer;
}

/**
 * Properties every API service of this library takes (FargateApiService, Ec2ApiService): its options,
 * plus what places it (VPC, image, domain) and what attaches it to another service's load balancer.
 */
export interface ApiServiceBaseProps extends ApiServiceOptions {
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
  /** The VPC of the load balancer and the tasks. */
  readonly vpc: ec2.IVpc;
  /**
   * The container image, e.g. `imageRepository.imageAt('v1.2.3')` or `ecs.ContainerImage.fromRegistry(...)`.
   * @default - none: give `image` or `repositoryImage`
   */
  readonly image?: ecs.ContainerImage;
  /**
   * The image at a tag or digest of an ImageRepository, given (`RepositoryImage.inRepository`) or
   * created by the service (`RepositoryImage.inNewRepository`); pull is granted to the task execution role only.
   * @default - none: give `image` or `repositoryImage`
   */
  readonly repositoryImage?: RepositoryImage;

  // --- Domain

  /**
   * The certificate of an HTTPS listener (port 80 then redirects to 443 unless `redirectHttp` is false).
   * @default - a DNS-validated certificate when `domainName` is given, else a plain HTTP listener
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The domain name of the API, e.g. `api.example.com`: a DNS-validated certificate (unless
   * `certificate` is given) and Route 53 alias records. Needs `hostedZone`.
   * @default - no domain name
   */
  readonly domainName?: string;
  /**
   * The hosted zone of `domainName` (use `HostedZone.fromHostedZoneAttributes`: no lookup).
   * @default - none
   */
  readonly hostedZone?: route53.IHostedZone;

  // --- Several services behind one load balancer

  /**
   * Another API service (FargateApiService or Ec2ApiService) whose listener this service joins with `pathPatterns` and `priority`
   * instead of creating a load balancer (reference C: a front end on `/*`, a back end on `/api/*`).
   * @default - this service creates its own load balancer
   */
  readonly attachTo?: ApiServiceBase;
  /**
   * The path patterns (at most 3) this service answers on the attached listener, e.g. `['/api/*']`. Needs `attachTo`.
   * @default - none
   */
  readonly pathPatterns?: string[];
  /**
   * The priority of this service's listener rule on the attached listener (1-49999, unique per listener).
   * Needs `attachTo`.
   * @default - none: required with `attachTo`
   */
  readonly priority?: number;
}

/** Options of `connectToDatabase()` of an API service. */
export interface DatabaseEnvironmentOptions {
  /**
   * The prefix of the injected variables: `<prefix>HOST`, `PORT`, `NAME`, `USERNAME`, `PASSWORD`.
   * @default 'DB_'
   */
  readonly variablePrefix?: string;
}
