import { Aws, Duration, RemovalPolicy, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CloudFrontAccess, CloudFrontAccessKind } from './cloudfront-access';
import { DatabaseEnvironmentOptions, FargateApiServiceProps } from './fargate-api-service-props';
import { buildFrontDoor } from './private/front-door';
import { checkTaskSize } from './private/task-size';
import { accessLogExpiration, taskCounts, validateAttachment, validateServiceInputs } from './private/validate-props';
import { FargateCapacity } from './scaling';
import { IDatabaseConnection } from '../database/database-connection';
import { acknowledgeNag, nagText } from '../private/nag';
import { profileDefault } from '../private/profile-defaults';
import { watchStackSize } from '../private/stack-size';
import { subnetGroupOr } from '../private/subnets';
import { checkInteger, checkRange, conflictingProps, invalidProp } from '../private/validation';

/** Name of the task's writable scratch volume. */
const SCRATCH_VOLUME = 'scratch';

/**
 * An ECS Fargate API behind an Application Load Balancer, secure and self-healing by default:
 * tasks in private subnets with a read-only root filesystem, a deployment circuit breaker with
 * rollback, target-tracking scaling, an HTTPS listener with a modern TLS policy when a certificate or
 * domain is given, access logs, and optional CloudFront-only access.
 */
export class FargateApiService extends Construct implements ec2.IConnectable {
  /** The ECS cluster. */
  public readonly cluster: ecs.ICluster;
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container. */
  public readonly container: ecs.ContainerDefinition;
  /** The load balancer (the attached service's one when `attachTo` is given). */
  public readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  /** The listener that routes to this service (HTTPS with a certificate, else HTTP). */
  public readonly listener: elbv2.IApplicationListener;
  /** The target group of the tasks. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The container log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The security groups of the tasks. */
  public readonly connections: ec2.Connections;
  /** The auto scaling of the task count. */
  public readonly scalableTaskCount: ecs.ScalableTaskCount;
  /** Whether the load balancer is internet-facing. */
  public readonly internetFacing: boolean;
  /** The certificate of the HTTPS listener, when there is one. */
  public readonly certificate?: acm.ICertificate;
  /** How the load balancer is restricted to CloudFront, when it is. */
  public readonly cloudFrontAccess?: CloudFrontAccess;
  /** The header CloudFront must add to origin requests (prefix-list + secret-header access). */
  public readonly originHeaderName?: string;
  /** The value of that header (a dynamic reference when generated). */
  public readonly originHeaderValue?: string;
  /** The API's domain name, when one was given. */
  public readonly domainName?: string;
  /** The bucket of the load balancer's access logs (unset on an attached service). */
  public readonly accessLogBucket?: s3.IBucket;
  /** The container's variable names from props and connectToDatabase, to refuse a repeated one. */
  private readonly variableNames: Set<string>;

  constructor(scope: Construct, id: string, props: FargateApiServiceProps) {
    super(scope, id);
    watchStackSize(this);
    const profile = props.profile;
    const attachTo = props.attachTo;
    validateAttachment(this, props);
    validateServiceInputs(this, props);

    const containerPort = props.containerPort ?? 8080;
    checkInteger(this, 'containerPort', containerPort, 1, 65535);
    const cpu = props.cpu ?? profileDefault(profile, 256, { staging: 512, prod: 1024 });
    const memoryLimitMiB = props.memoryLimitMiB ?? profileDefault(profile, 512, { staging: 1024, prod: 2048 });
    checkTaskSize(this, cpu, memoryLimitMiB);
    const { minCapacity, maxCapacity, desiredCount } = taskCounts(this, props);
    const healthCheckPath = props.healthCheck?.path ?? '/health';
    if (!Token.isUnresolved(healthCheckPath) && !healthCheckPath.startsWith('/')) invalidProp(this, 'healthCheck.path', healthCheckPath, "must start with '/'");
    const scratchPath = props.scratchPath ?? '/tmp';
    if (!Token.isUnresolved(scratchPath) && !scratchPath.startsWith('/')) invalidProp(this, 'scratchPath', scratchPath, "must be an absolute path starting with '/'");
    if (props.domainName && !props.hostedZone) {
      invalidProp(this, 'domainName', props.domainName, 'needs hostedZone (to validate its certificate and write the alias records)');
    }
    if (props.sslPolicy && !props.certificate && !props.domainName) {
      invalidProp(this, 'sslPolicy', props.sslPolicy, 'needs certificate or domainName: a plain HTTP listener has no TLS policy');
    }
    if (props.hostedZone && !props.domainName) {
      conflictingProps(this, 'hostedZone', 'domainName', 'go together: give the domain name to create in the hosted zone');
    }

    const cloudFrontAccess = props.cloudFrontAccess ?? (props.internetFacing === undefined && !props.domainName && !props.certificate && !attachTo
      ? profileDefault<CloudFrontAccess | undefined>(profile, undefined, { dev: CloudFrontAccess.vpcOrigin() })
      : undefined);
    const internetFacing = props.internetFacing ?? (attachTo ? attachTo.internetFacing : cloudFrontAccess?.kind !== CloudFrontAccessKind.VPC_ORIGIN);
    if (cloudFrontAccess?.kind === CloudFrontAccessKind.VPC_ORIGIN && internetFacing) {
      conflictingProps(this, 'cloudFrontAccess', 'internetFacing', 'conflict: a CloudFront VPC origin only reaches an internal load balancer (internetFacing: false)');
    }
    if (cloudFrontAccess?.kind === CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER && !internetFacing) {
      conflictingProps(this, 'cloudFrontAccess', 'internetFacing', 'conflict: CloudFront reaches a prefix-list-restricted load balancer over the internet (internetFacing: true); use CloudFrontAccess.vpcOrigin() for an internal one');
    }

    const vpc = props.vpc;
    const taskSubnets = props.vpcSubnets ?? subnetGroupOr(vpc, 'Application', { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });

    this.cluster = props.cluster ?? attachTo?.cluster ?? new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
    });

    // Logs are kept on deletion except in dev, where a short-lived stack should leave nothing behind.
    const logRemovalPolicy = profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY });
    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? profileDefault(profile, logs.RetentionDays.ONE_MONTH, {
        dev: logs.RetentionDays.ONE_WEEK,
        prod: logs.RetentionDays.THREE_MONTHS,
      }),
      encryptionKey: props.logEncryptionKey,
      removalPolicy: logRemovalPolicy,
    });
    if (props.logEncryptionKey) allowLogsToUseKey(props.logEncryptionKey);
    this.logGroup = logGroup;

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu,
      memoryLimitMiB,
      runtimePlatform: {
        cpuArchitecture: props.cpuArchitecture ?? profileDefault(profile, ecs.CpuArchitecture.X86_64, { dev: ecs.CpuArchitecture.ARM64 }),
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      volumes: [{ name: SCRATCH_VOLUME }],
    });
    const containerName = props.containerName ?? 'app';
    const enableExecuteCommand = props.enableExecuteCommand ?? false;
    this.container = this.taskDefinition.addContainer('Container', {
      containerName,
      image: props.image,
      portMappings: [{ containerPort, name: 'http' }],
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: containerName }),
      environment: props.environment,
      secrets: props.secrets,
      // The ECS Exec agent needs a writable root filesystem.
      readonlyRootFilesystem: props.readonlyRootFilesystem ?? !enableExecuteCommand,
    });
    this.variableNames = new Set([...Object.keys(props.environment ?? {}), ...Object.keys(props.secrets ?? {})]);
    this.container.addMountPoints({ sourceVolume: SCRATCH_VOLUME, containerPath: scratchPath, readOnly: false });
    if (props.image instanceof ecs.EcrImage || props.image instanceof ecs.AssetImage) {
      // Pulling from ECR needs ecr:GetAuthorizationToken, which has no resource-level permissions.
      acknowledgeNag(this.taskDefinition.obtainExecutionRole(), [{
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ecr:GetAuthorizationToken supports no resource-level permissions (the image pull itself is scoped to the repository).',
      }]);
    }

    const allowAllOutbound = props.allowAllOutbound ?? false;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'FargateApiService tasks: from the load balancer only',
      allowAllOutbound,
    });
    if (!allowAllOutbound) {
      securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs and image registries');
    }

    // Only a cluster a FargateApiService created surely has the Fargate Spot capacity provider.
    const ownCluster = !props.cluster && (!attachTo || attachTo.node.tryFindChild('Cluster') === attachTo.cluster);
    const capacity = props.capacity ?? (ownCluster ? profileDefault(profile, FargateCapacity.onDemand(), {
      dev: FargateCapacity.spotMix({ onDemandBase: 0, spotWeight: 3 }),
      staging: FargateCapacity.spotMix(),
    }) : FargateCapacity.onDemand());
    checkInteger(this, 'capacity.onDemandBase', capacity.onDemandBase, 0, 100000);
    checkInteger(this, 'capacity.onDemandWeight', capacity.onDemandWeight, 0, 1000);
    checkInteger(this, 'capacity.spotWeight', capacity.spotWeight, 0, 1000);
    if (capacity.usesSpot && capacity.onDemandWeight + capacity.spotWeight === 0) {
      invalidProp(this, 'capacity.spotWeight', capacity.spotWeight, 'or capacity.onDemandWeight must be above 0');
    }

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      vpcSubnets: taskSubnets,
      assignPublicIp: false,
      securityGroups: [securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: props.healthCheckGracePeriod ?? Duration.seconds(60),
      enableExecuteCommand,
      capacityProviderStrategies: capacity.capacityProviderStrategies(),
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
    if (enableExecuteCommand) {
      acknowledgeNag(this.taskDefinition.taskRole, [
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'ECS Exec was asked for: its ssmmessages channel actions support no resource-level permissions.' },
      ]);
    }
    this.connections = this.service.connections;

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc,
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      healthCheck: {
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
        healthyHttpCodes: '200-399',
        ...props.healthCheck,
        path: healthCheckPath,
      },
      deregistrationDelay: props.deregistrationDelay ?? profileDefault(profile, Duration.seconds(30), { prod: Duration.seconds(60) }),
      stickinessCookieDuration: props.stickinessDuration,
      targets: [this.service.loadBalancerTarget({ containerName, containerPort })],
    });

    if (attachTo) {
      this.loadBalancer = attachTo.loadBalancer;
      this.listener = attachTo.listener;
      this.internetFacing = attachTo.internetFacing;
      this.certificate = attachTo.certificate;
      this.cloudFrontAccess = attachTo.cloudFrontAccess;
      this.originHeaderName = attachTo.originHeaderName;
      this.originHeaderValue = attachTo.originHeaderValue;
      this.domainName = attachTo.domainName;
      const conditions = [elbv2.ListenerCondition.pathPatterns(props.pathPatterns!)];
      if (attachTo.originHeaderName && attachTo.originHeaderValue) {
        conditions.push(elbv2.ListenerCondition.httpHeader(attachTo.originHeaderName, [attachTo.originHeaderValue]));
      }
      new elbv2.ApplicationListenerRule(this, 'ListenerRule', {
        listener: this.listener,
        priority: props.priority!,
        conditions,
        action: elbv2.ListenerAction.forward([this.targetGroup]),
      });
    } else {
      const frontDoor = buildFrontDoor(this, {
        vpc,
        subnets: props.loadBalancerSubnets ?? (internetFacing
          ? subnetGroupOr(vpc, 'Public', { subnetType: ec2.SubnetType.PUBLIC })
          : taskSubnets),
        internetFacing,
        cloudFrontAccess,
        certificate: props.certificate,
        domainName: props.domainName,
        hostedZone: props.hostedZone,
        sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
        ipAddressType: props.ipAddressType ?? elbv2.IpAddressType.IPV4,
        deletionProtection: props.deletionProtection ?? profileDefault(profile, false, { prod: true }),
        accessLogs: props.accessLogs ?? {},
        accessLogExpiration: accessLogExpiration(this, props),
        accessLogRemovalPolicy: logRemovalPolicy,
        targetGroup: this.targetGroup,
      });
      this.loadBalancer = frontDoor.loadBalancer;
      this.listener = frontDoor.listener;
      this.accessLogBucket = frontDoor.accessLogBucket;
      this.internetFacing = internetFacing;
      this.certificate = frontDoor.certificate;
      this.cloudFrontAccess = cloudFrontAccess;
      this.originHeaderName = frontDoor.originHeaderName;
      this.originHeaderValue = frontDoor.originHeaderValue;
      this.domainName = props.domainName;
    }
    this.connections.allowFrom(this.loadBalancer, ec2.Port.tcp(containerPort), 'From the load balancer');

    const scaling = props.scaling ?? {};
    const targetCpu = scaling.targetCpuUtilization ?? profileDefault(profile, 70, { prod: 60 });
    const targetMemory = scaling.targetMemoryUtilization ?? 80;
    checkRange(this, 'scaling.targetCpuUtilization', targetCpu, 1, 100);
    checkRange(this, 'scaling.targetMemoryUtilization', targetMemory, 1, 100);
    checkInteger(this, 'scaling.requestsPerTarget', scaling.requestsPerTarget, 1, 1000000);
    const cooldowns = {
      scaleOutCooldown: scaling.scaleOutCooldown ?? Duration.minutes(1),
      scaleInCooldown: scaling.scaleInCooldown ?? profileDefault(profile, Duration.minutes(5), { prod: Duration.minutes(10) }),
    };
    this.scalableTaskCount = this.service.autoScaleTaskCount({ minCapacity, maxCapacity });
    this.scalableTaskCount.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: targetCpu, ...cooldowns });
    this.scalableTaskCount.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: targetMemory, ...cooldowns });
    if (scaling.requestsPerTarget !== undefined) {
      this.scalableTaskCount.scaleOnRequestCount('RequestScaling', {
        requestsPerTarget: scaling.requestsPerTarget,
        targetGroup: this.targetGroup,
        ...cooldowns,
      });
    }
  }

  /**
   * Connects the tasks to a database: opens the database's security group to the tasks on its port,
   * injects `DB_HOST`, `DB_PORT` and `DB_NAME` (when known) as environment variables and `DB_USERNAME`
   * and `DB_PASSWORD` as ECS secrets from the database secret (the execution role gets read on it).
   */
  public connectToDatabase(database: IDatabaseConnection, options: DatabaseEnvironmentOptions = {}): void {
    const prefix = options.variablePrefix ?? 'DB_';
    const names = ['HOST', 'PORT', ...(database.databaseName ? ['NAME'] : []), 'USERNAME', 'PASSWORD'].map((name) => prefix + name);
    const repeated = names.filter((name) => this.variableNames.has(name));
    if (repeated.length > 0) {
      invalidProp(this, 'variablePrefix', prefix, `must not repeat a variable the container already has (${repeated.join(', ')}): give each database its own prefix`);
    }
    names.forEach((name) => this.variableNames.add(name));
    database.connections.allowFrom(this, ec2.Port.tcp(database.port), `From ${this.node.path}`);
    this.container.addEnvironment(`${prefix}HOST`, database.endpointAddress);
    this.container.addEnvironment(`${prefix}PORT`, Tokenization.stringifyNumber(database.port));
    if (database.databaseName) this.container.addEnvironment(`${prefix}NAME`, database.databaseName);
    this.container.addSecret(`${prefix}USERNAME`, ecs.Secret.fromSecretsManager(database.secret, 'username'));
    this.container.addSecret(`${prefix}PASSWORD`, ecs.Secret.fromSecretsManager(database.secret, 'password'));
    acknowledgeNag(this.taskDefinition, [
      { id: 'AwsSolutions-ECS2', reason: 'The plain variables connectToDatabase injects are the database host, port and name, which are not secret; the credentials are injected as ECS secrets from Secrets Manager.' },
    ]);
  }

  /**
   * Grants the tasks `s3:PutObject` and `s3:AbortMultipartUpload` on the bucket's objects that match
   * `objectsKeyPattern` (and `kms:GenerateDataKey`/`kms:Decrypt` on its key, when it has one).
   */
  public grantBucketWrite(bucket: s3.IBucket, objectsKeyPattern: string = '*'): iam.Grant {
    const role = this.taskDefinition.taskRole;
    const objects = bucket.arnForObjects(objectsKeyPattern);
    const grant = iam.Grant.addToPrincipal({ grantee: role, actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resourceArns: [objects] });
    bucket.encryptionKey?.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
    const resource = nagText(Stack.of(this).resolve(objects));
    if (resource.includes('*')) {
      acknowledgeNag(role, [
        { id: `AwsSolutions-IAM5[Resource::${resource}]`, reason: `grantBucketWrite was asked for: writing objects needs a key pattern ('${objectsKeyPattern}') in the one bucket given; no other bucket and no read or delete is granted.` },
      ]);
    }
    return grant;
  }

  /** Average CPU utilization of the service (percent). */
  public metricCpuUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.service.metricCpuUtilization(props);
  }

  /** Average memory utilization of the service (percent). */
  public metricMemoryUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.service.metricMemoryUtilization(props);
  }

  /** Running tasks of the service (Container Insights; minimum over 1 minute by default). */
  public metricRunningTaskCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      dimensionsMap: { ClusterName: this.cluster.clusterName, ServiceName: this.service.serviceName },
      statistic: cloudwatch.Stats.MINIMUM,
      period: Duration.minutes(1),
      ...props,
    });
  }

  /** 5xx responses generated by the load balancer itself (sum over 5 minutes by default). */
  public metricLoadBalancer5xx(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, props);
  }

  /** 5xx responses returned by this service's tasks (sum over 5 minutes by default). */
  public metricTarget5xx(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, props);
  }

  /** Response time of this service's tasks in seconds (p95 over 5 minutes by default). */
  public metricTargetResponseTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroup.metrics.targetResponseTime({ statistic: 'p95', ...props });
  }

  /** Unhealthy tasks in the target group (maximum over 5 minutes by default). */
  public metricUnhealthyHosts(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroup.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }
}

/** Lets CloudWatch Logs of this account and region use the key (no-op for a key imported into the app). */
function allowLogsToUseKey(key: kms.IKey): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
  }));
}
