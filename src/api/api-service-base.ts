import { Annotations, Duration, Stack, Tokenization } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiServiceBaseProps, DatabaseEnvironmentOptions } from './api-service-base-props';
import { CloudFrontAccess, CloudFrontAccessKind } from './cloudfront-access';
import { ImageRepository } from './image-repository';
import { target5xxRollbackAlarm } from './private/deployment-settings';
import { joinLoadBalancer, LoadBalancing } from './private/load-balancing';
import { scaleOnSchedule } from './private/scheduled-scaling';
import { ContainerLimits, resolveSettings, scaleOnTargets, SCRATCH_VOLUME, ServiceSettings, ServiceTarget } from './private/service-settings';
import { addTracingSidecar } from './private/tracing-sidecar';
import { IDatabaseConnection } from '../database/database-connection';
import { allowLogsToUseKey } from '../private/log-encryption';
import { acknowledgeGrantPolicy, acknowledgeNag, nagText } from '../private/nag';
import { stackUniqueName } from '../private/physical-name';
import { profileDefault } from '../private/profile-defaults';
import { watchStackSize } from '../private/stack-size';
import { conflictingProps, invalidProp, refuse } from '../private/validation';

/** What the load balancer wiring produced. */
interface Wiring extends LoadBalancing {
  readonly connections: ec2.Connections;
  readonly scalableTaskCount: ecs.ScalableTaskCount;
  readonly rollbackAlarm?: cloudwatch.Alarm;
}

/**
 * What every API service of this library shares, whatever runs its tasks: the load balancer and its
 * listeners, HTTPS and certificate, CloudFront-only access, health checks, target-tracking scaling,
 * logs, secrets, database and bucket wiring, attaching to another service's listener, and metrics.
 *
 * FargateApiService and Ec2ApiService add the task definition, the ECS service and (EC2) the instances.
 */
export abstract class ApiServiceBase extends Construct implements ec2.IConnectable {
  /** The ECS cluster. */
  public readonly cluster: ecs.ICluster;
  /** The container log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The ECS service. */
  public abstract readonly service: ecs.BaseService;
  /** The task definition. */
  public abstract readonly taskDefinition: ecs.TaskDefinition;
  /**
   * The defaults-applied settings the subclasses build from.
   * @internal
   */
  protected readonly _settings: ServiceSettings;
  /** The container's variable names from props and connectToDatabase, to refuse a repeated one. */
  private readonly variableNames: Set<string>;
  private appContainer?: ecs.ContainerDefinition;
  private wiring?: Wiring;
  /** The repository of `repositoryImage`, when one was given or created. */
  private readonly imageRepo?: ImageRepository;
  private readonly image: ecs.ContainerImage;
  private collector?: ecs.ContainerDefinition;

  protected constructor(scope: Construct, id: string, props: ApiServiceBaseProps) {
    super(scope, id);
    watchStackSize(this);
    this._settings = resolveSettings(this, props);
    this.variableNames = new Set([...Object.keys(props.environment ?? {}), ...Object.keys(props.secrets ?? {})]);

    this.cluster = props.cluster ?? props.attachTo?.cluster ?? new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
    });

    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? profileDefault(props.profile, logs.RetentionDays.ONE_MONTH, {
        dev: logs.RetentionDays.ONE_WEEK,
        prod: logs.RetentionDays.THREE_MONTHS,
      }),
      encryptionKey: props.logEncryptionKey,
      removalPolicy: this._settings.logRemovalPolicy,
    });
    if (props.logEncryptionKey) allowLogsToUseKey(props.logEncryptionKey);
    this.logGroup = logGroup;

    const repositoryImage = props.repositoryImage;
    if (props.image && repositoryImage) conflictingProps(this, 'image', 'repositoryImage', 'cannot be combined: give one image');
    if (repositoryImage) {
      this.imageRepo = repositoryImage.repository
        ?? new ImageRepository(this, 'ImageRepository', { profile: props.profile, ...repositoryImage.newRepositoryProps });
      this.image = this.imageRepo.imageAt(repositoryImage.tagOrDigest);
    } else if (props.image) {
      this.image = props.image;
    } else {
      conflictingProps(this, 'image', 'repositoryImage', 'are both missing: give the container image');
    }
  }

  /** The tracing sidecar container, when `tracing` is given. */
  public get tracingCollector(): ecs.ContainerDefinition | undefined {
    return this.collector;
  }

  /** The ImageRepository the image is pulled from, when `repositoryImage` was given (created by the service or yours). */
  public get imageRepository(): ImageRepository | undefined {
    return this.imageRepo;
  }

  /** The application container. */
  public get container(): ecs.ContainerDefinition {
    return built(this, this.appContainer, 'container');
  }

  /** The security groups that admit the load balancer (the tasks', or the instances' in bridge mode). */
  public get connections(): ec2.Connections {
    return this.wired.connections;
  }

  /** The load balancer (the attached service's one when `attachTo` is given). */
  public get loadBalancer(): elbv2.IApplicationLoadBalancer {
    return this.wired.loadBalancer;
  }

  /** The listener that routes to this service (HTTPS with a certificate, else HTTP). */
  public get listener(): elbv2.IApplicationListener {
    return this.wired.listener;
  }

  /** The target group of the tasks (with blue/green, the blue one: production traffic alternates with `alternateTargetGroup`). */
  public get targetGroup(): elbv2.ApplicationTargetGroup {
    return this.wired.targetGroup;
  }

  /** The listener of blue/green test traffic on the load balancer (the attached service's), when there is one. */
  public get testListener(): elbv2.IApplicationListener | undefined {
    return this.wired.testListener;
  }

  /** The target group of the green tasks, with a blue/green `deployment`. */
  public get alternateTargetGroup(): elbv2.ApplicationTargetGroup | undefined {
    return this.wired.alternateTargetGroup;
  }

  /** The alarm on target 5xx that rolls a blue/green deployment back, unless `rollbackOnTarget5xx` is 0. */
  public get rollbackAlarm(): cloudwatch.Alarm | undefined {
    return this.wired.rollbackAlarm;
  }

  /** The auto scaling of the task count. */
  public get scalableTaskCount(): ecs.ScalableTaskCount {
    return this.wired.scalableTaskCount;
  }

  /** Whether the load balancer is internet-facing. */
  public get internetFacing(): boolean {
    return this.wired.internetFacing;
  }

  /** The certificate of the HTTPS listener, when there is one. */
  public get certificate(): acm.ICertificate | undefined {
    return this.wired.certificate;
  }

  /** How the load balancer is restricted to CloudFront, when it is. */
  public get cloudFrontAccess(): CloudFrontAccess | undefined {
    return this.wired.cloudFrontAccess;
  }

  /** The header CloudFront must add to origin requests (prefix-list + secret-header access). */
  public get originHeaderName(): string | undefined {
    return this.wired.originHeaderName;
  }

  /** The value of that header (a dynamic reference when generated). */
  public get originHeaderValue(): string | undefined {
    return this.wired.originHeaderValue;
  }

  /** The API's domain name, when one was given. */
  public get domainName(): string | undefined {
    return this.wired.domainName;
  }

  /** The bucket of the load balancer's access logs (unset on an attached service). */
  public get accessLogBucket(): s3.IBucket | undefined {
    return this.wired.accessLogBucket;
  }

  /** The regional web ACL the construct created for its load balancer, when it created one. */
  public get webAcl(): wafv2.CfnWebACL | undefined {
    return this.wired.webAcl?.webAcl;
  }

  /** The ARN of the web ACL associated with the load balancer (created or brought along), when there is one. */
  public get webAclArn(): string | undefined {
    return this.wired.webAcl?.webAclArn;
  }

  /** The log group of the load balancer's WAF logs, when the construct created one. */
  public get wafLogGroup(): logs.ILogGroup | undefined {
    return this.wired.webAcl?.logGroup;
  }

  /**
   * Lets a CloudFront VPC origin in: with `CloudFrontAccess.vpcOrigin()` and no `peer`, the load balancer's
   * VPC CIDR rule gives way to one from CloudFront's VPC-origin security group, read at deploy time under
   * `scope` (the site that created `vpcOrigin`). A no-op for other load balancers.
   * @internal
   */
  public _admitCloudFrontVpcOrigin(scope: Construct, vpcOrigin: cloudfront.IVpcOrigin): void {
    const attachTo = this._settings.props.attachTo;
    if (attachTo) return attachTo._admitCloudFrontVpcOrigin(scope, vpcOrigin);
    this.wired.vpcOriginIngress?.admit(scope, vpcOrigin);
  }

  /**
   * Acknowledges NIST 800-53 R5 ALBWAFEnabled on the load balancer when `site`'s distribution, with its
   * web ACL, is the only way in: the load balancer admits CloudFront alone (its origin-facing prefix
   * list and the secret header, or the site's VPC origin only).
   * @internal
   */
  public _acknowledgeEdgeWebAcl(site: Construct, webAclArn: string | undefined): void {
    const attachTo = this._settings.props.attachTo;
    if (attachTo) return attachTo._acknowledgeEdgeWebAcl(site, webAclArn);
    const access = this.cloudFrontAccess?.kind;
    const how = access === CloudFrontAccessKind.PREFIX_LIST_WITH_SECRET_HEADER
      ? 'CloudFront\'s origin-facing prefix list, and it forwards only requests carrying the secret origin header of this distribution'
      : access === CloudFrontAccessKind.VPC_ORIGIN && this.wired.vpcOriginIngress?.admitsCloudFrontOnly
        ? 'only CloudFront VPC origins (CloudFront\'s VPC-origin security group), and the one this library created for it belongs to this distribution'
        : undefined;
    if (!webAclArn || !how) return;
    // A blue/green test listener is a second way in: true to the reason only while it admits the VPC alone.
    if (this.testListener && this._settings.props.testTrafficPeer) return;
    const test = this.testListener
      ? `; its blue/green test listener (port ${this._settings.deployment.testListenerPort}) admits only the VPC's own CIDR block, never the internet` : '';
    acknowledgeNag(this.loadBalancer, [{
      id: 'NIST.800.53.R5-ALBWAFEnabled',
      reason: `The load balancer admits ${how}, so every request from the internet has passed the web ACL of the distribution of ${site.node.path}${test}; a regional web ACL here would apply the same rules twice.`,
    }]);
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
    // AuroraCluster and RdsDatabase expose the schedule when their password rotates (the prod default).
    if ((database as { rotationSchedule?: unknown }).rotationSchedule !== undefined) {
      Annotations.of(this).addWarningV2('cdk-webapp-patterns:rotatedPasswordInjected',
        `${prefix}PASSWORD is injected when a task starts, but the database's password rotates: after a rotation, tasks started before it open new connections with the old password and fail. `
        + 'Connect with IAM database authentication (grantConnect), or read the secret when connecting, or set rotation: { enabled: false } on the database.');
    }
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
    return this.containerInsightsMetric('RunningTaskCount', cloudwatch.Stats.MINIMUM, props);
  }

  /**
   * Whether the service may run no task by design: `minCapacity` 0, or a scheduled change to 0
   * (AlarmSet then alarms on running tasks only while tasks are wanted).
   */
  public get scalesToZero(): boolean {
    return this._settings.counts.minCapacity === 0 || (this._settings.props.scheduledScaling?.scalesToZero ?? false);
  }

  /** Tasks the service wants to run (Container Insights; maximum over 1 minute by default). */
  public metricDesiredTaskCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.containerInsightsMetric('DesiredTaskCount', cloudwatch.Stats.MAXIMUM, props);
  }

  /** 5xx responses generated by the load balancer itself (sum over 5 minutes by default). */
  public metricLoadBalancer5xx(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, props);
  }

  /** 5xx responses returned by this service's tasks in `targetGroup` (sum over 5 minutes by default; with blue/green, `alternateTargetGroup` has the other half). */
  public metricTarget5xx(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, props);
  }

  /** Response time of this service's tasks in `targetGroup` in seconds (p95 over 5 minutes by default; with blue/green, see also `alternateTargetGroup`). */
  public metricTargetResponseTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroup.metrics.targetResponseTime({ statistic: 'p95', ...props });
  }

  /** Unhealthy tasks in `targetGroup` (maximum over 5 minutes by default; with blue/green, see also `alternateTargetGroup`). */
  public metricUnhealthyHosts(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.targetGroup.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  /**
   * Adds the application container to the task definition: image, port, logs, variables, secrets,
   * read-only root filesystem and the scratch volume. EC2 tasks pass their CPU and memory limits.
   * @internal
   */
  protected _addContainer(taskDefinition: ecs.TaskDefinition, limits: ContainerLimits = {}): ecs.ContainerDefinition {
    const props = this._settings.props;
    const { containerName, containerPort, enableExecuteCommand } = this._settings;
    const container = taskDefinition.addContainer('Container', {
      containerName,
      image: this.image,
      ...limits,
      portMappings: [{ containerPort, name: 'http' }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: containerName }),
      environment: props.environment,
      secrets: props.secrets,
      // The ECS Exec agent needs a writable root filesystem.
      readonlyRootFilesystem: props.readonlyRootFilesystem ?? !enableExecuteCommand,
      user: props.user,
    });
    container.addMountPoints({ sourceVolume: SCRATCH_VOLUME, containerPath: this._settings.scratchPath, readOnly: false });
    if (props.tracing) {
      this.collector = addTracingSidecar(this, props.tracing, taskDefinition, container, this.logGroup, props.environment !== undefined);
    }
    acknowledgeGrantPolicy(taskDefinition.taskRole, 'the application (its buckets, database connection and tracing)');
    acknowledgeGrantPolicy(taskDefinition.obtainExecutionRole(), 'the ECS agent (image pull, logs, injected secrets)');
    if (this.image instanceof ecs.EcrImage || this.image instanceof ecs.AssetImage) {
      // Pulling from ECR needs ecr:GetAuthorizationToken, which has no resource-level permissions.
      acknowledgeNag(taskDefinition.obtainExecutionRole(), [{
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ecr:GetAuthorizationToken supports no resource-level permissions (the image pull itself is scoped to the repository).',
      }]);
    }
    this.appContainer = container;
    return container;
  }

  /**
   * What every service of this library sets: a rolling deployment with a circuit breaker that rolls
   * back (or blue/green with its bake time and hooks), full capacity kept during deployments, tags
   * propagated from the service.
   * @internal
   */
  protected _serviceOptions(): ecs.BaseServiceOptions {
    const s = this._settings;
    const deployment = s.deployment;
    return {
      cluster: this.cluster,
      desiredCount: s.counts.desiredCount,
      // The circuit breaker serves rolling updates only; blue/green rolls back on alarms during the bake time.
      ...(deployment.blueGreen ? {
        deploymentStrategy: ecs.DeploymentStrategy.BLUE_GREEN,
        bakeTime: deployment.bakeTime,
        lifecycleHooks: deployment.lifecycleHooks.length > 0 ? deployment.lifecycleHooks : undefined,
      } : { circuitBreaker: { enable: true, rollback: true } }),
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: s.healthCheckGracePeriod,
      enableExecuteCommand: s.enableExecuteCommand,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    };
  }

  /**
   * The security group of awsvpc tasks: no inbound but what the load balancer wiring adds, HTTPS out.
   * @internal
   */
  protected _createTaskSecurityGroup(kind: string): ec2.SecurityGroup {
    const allowAllOutbound = this._settings.props.allowAllOutbound ?? false;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this._settings.props.vpc,
      description: `${kind} tasks: from the load balancer only`,
      allowAllOutbound,
    });
    if (!allowAllOutbound) {
      securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs and image registries');
    }
    return securityGroup;
  }

  /**
   * Puts the service behind the load balancer (its own, or the attached service's listener through a
   * path rule), admits the load balancer into `target.connections`, and scales the task count.
   * @internal
   */
  protected _addToLoadBalancer(kind: string, service: ecs.BaseService, target: ServiceTarget): void {
    const props = this._settings.props;
    const s = this._settings;
    if (s.enableExecuteCommand) {
      acknowledgeNag(this.taskDefinition.taskRole, [
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'ECS Exec was asked for: its ssmmessages channel actions support no resource-level permissions.' },
      ]);
    }

    const wiring = joinLoadBalancer(this, kind, s, service, target);
    target.connections.allowFrom(wiring.loadBalancer, target.trafficPort, 'From the load balancer');
    const rollbackAlarm = this.rollBackOnAlarms(service, wiring);

    const scalableTaskCount = service.autoScaleTaskCount({ minCapacity: s.counts.minCapacity, maxCapacity: s.counts.maxCapacity });
    const cpuMetric = service.metricCpuUtilization({ period: Duration.minutes(1), statistic: cloudwatch.Stats.AVERAGE });
    scaleOnTargets(this, props, scalableTaskCount, wiring.targetGroup, cpuMetric);
    if (props.scheduledScaling) scaleOnSchedule(this, props.scheduledScaling, scalableTaskCount, s.counts);
    this.wiring = { ...wiring, connections: target.connections, scalableTaskCount, rollbackAlarm };
  }

  /**
   * ECS deployment alarms that roll back: the given ones and, with blue/green, one on target 5xx of both
   * target groups (named in advance: the service refers to it by name, and it reads no service metric).
   */
  private rollBackOnAlarms(service: ecs.BaseService, wiring: LoadBalancing): cloudwatch.Alarm | undefined {
    const deployment = this._settings.deployment;
    if (deployment.blueGreen) {
      Annotations.of(service).acknowledgeWarning('@aws-cdk/aws-ecs:shouldUseCircuitBreaker',
        'Blue/green: ECS offers the circuit breaker for rolling updates only; rollback alarms and the bake time take its place.');
    }
    const rollbackAlarmName = stackUniqueName(this, { maxLength: 255, prefix: 'rollback-' });
    const rollbackAlarm = deployment.rollbackOnTarget5xx > 0 && wiring.alternateTargetGroup
      ? target5xxRollbackAlarm(this, rollbackAlarmName, deployment.rollbackOnTarget5xx, [wiring.targetGroup, wiring.alternateTargetGroup])
      : undefined;
    const names = [...deployment.rollbackAlarms.map((alarm) => alarm.alarmName), ...(rollbackAlarm ? [rollbackAlarmName] : [])];
    if (names.length > 0) service.enableDeploymentAlarms(names, { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
    return rollbackAlarm;
  }

  /** A Container Insights metric of this service, over 1 minute by default. */
  private containerInsightsMetric(metricName: string, statistic: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName,
      dimensionsMap: { ClusterName: this.cluster.clusterName, ServiceName: this.service.serviceName },
      statistic,
      period: Duration.minutes(1),
      ...props,
    });
  }

  private get wired(): Wiring {
    return built(this, this.wiring, 'load balancer wiring');
  }
}

/** A part a subclass builds in its constructor; reading it earlier is a bug in the subclass. */
function built<T>(scope: Construct, value: T | undefined, what: string): T {
  if (value === undefined) refuse(`${scope.constructor.name} '${scope.node.path}': the ${what} is not built yet (read it after the constructor)`);
  return value;
}
