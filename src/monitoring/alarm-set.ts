import { Annotations, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import {
  AlarmDefinition, applyOverride, comparisonSymbol, defaultDefinition, validateDefinition, validateOverrides,
} from './alarm-defaults';
import { AlarmKind, AlarmOverride, AlarmSeverity } from './alarm-definitions';
import { CostBudgetOptions } from './budget';
import { createBudget, validateBudget } from './budget-resource';
import { amplifyAppMetrics, apiServiceMetrics, auroraClusterMetrics, rdsDatabaseMetrics } from './construct-metrics';
import { addDashboardRow, DashboardGraph } from './dashboard';
import {
  AMPLIFY_ALARMS, DATABASE_ALARMS, databaseMetrics, DISTRIBUTION_ALARMS, distributionMetrics, INSTANCE_ALARMS, INSTANCE_DATABASE_ALARMS,
  isServerlessCluster, LOAD_BALANCER_ALARMS,
  loadBalancerMetrics, MetricSource, SERVICE_ALARMS, serviceMetrics,
} from './metrics';
import { createNotifications, CreatedTopics, validateEmails, validateSlack } from './notification-resources';
import { AlarmTopics, SlackChannelOptions } from './notifications';
import { AlarmTarget, US_EAST_1, usEast1Mirror, validateUsEast1Topics } from './us-east-1-alarms';
import { ApiServiceBase } from '../api/api-service-base';
import { Ec2ApiService } from '../api/ec2-api-service';
import { FargateApiService } from '../api/fargate-api-service';
import { AuroraCluster } from '../database/aurora-cluster';
import { RdsDatabase } from '../database/rds-database';
import { AmplifyNextjsApp } from '../frontend/amplify-nextjs-app';
import { checkKnownAtSynth, checkStackRegion, NAMES_CONSTRUCTS } from '../private/input-rules';
import { profileDefault } from '../private/profile-defaults';
import { conflictingProps, invalidProp } from '../private/validation';
import { EnvironmentProfile } from '../profile';
import { StaticSiteWithApiOrigin } from '../site/static-site-with-api-origin';

/** Options of one monitored resource. */
export interface MonitorOptions {
  /**
   * A short name of the resource (letters, digits, `-`, `_`), used in alarm names, construct ids
   * and the dashboard. Construct ids are API: keep it stable.
   * @default - the resource's construct path below its stack, with `/` written as `-`
   */
  readonly label?: string;
  /**
   * Changes to this resource's alarms; they win over the AlarmSet's `overrides`.
   * @default - the AlarmSet's overrides, else the defaults documented on `AlarmKind`
   */
  readonly overrides?: AlarmOverride[];
}

/** Options of a monitored Aurora cluster. */
export interface DatabaseMonitorOptions extends MonitorOptions {
  /**
   * Whether the cluster is Aurora Serverless v2, which adds the ACU utilization alarm.
   * @default - true for a DatabaseCluster of this app with Serverless v2 scaling, false otherwise
   */
  readonly serverless?: boolean;
}

/**
 * The options of an AlarmSet that do not name the resources it monitors: topics, subscriptions, overrides,
 * names, dashboard and budget. WebAppBlueprint passes them through as its `alarms`.
 */
export interface AlarmSetOptions {
  /**
   * The topics alarms notify.
   * @default - AlarmTopics.shared() with the dev and staging profiles, AlarmTopics.perSeverity() otherwise
   */
  readonly topics?: AlarmTopics;
  /**
   * The us-east-1 topics that the alarms on CloudFront (whose metrics exist only in us-east-1) notify
   * when this set's stack is in another region: those alarms live in a us-east-1 alarm stack, and an
   * alarm can only notify a topic of its own region.
   * @default - new us-east-1 topics of the kind of `topics`, with the same email addresses and Slack
   * channel; required when `topics` are AlarmTopics.fromTopics()
   */
  readonly usEast1Topics?: AlarmTopics;
  /**
   * Email addresses subscribed to every alarm topic.
   * @default - no email subscriptions
   */
  readonly emailAddresses?: string[];
  /**
   * A Slack channel that AWS Chatbot posts every alarm topic to.
   * @default - no Slack channel
   */
  readonly slack?: SlackChannelOptions;
  /**
   * Whether alarms also notify when they return to OK.
   * @default - false with the dev profile, true otherwise
   */
  readonly okNotifications?: boolean;
  /**
   * Changes to the default alarm definitions for every resource of this set.
   * @default - the defaults documented on `AlarmKind`
   */
  readonly overrides?: AlarmOverride[];
  /**
   * The first part of every alarm name: `<prefix>-<label>-<AlarmKind>`.
   * @default - the name of the alarm's stack: the set's, or the us-east-1 alarm stack's for CloudFront alarms of a set elsewhere
   */
  readonly alarmNamePrefix?: string;
  /**
   * Whether to create a CloudWatch dashboard with a row per monitored resource.
   *
   * The dev profile leaves it out ($3 a month beyond an account's first three dashboards) unless
   * `dashboardName` is given.
   * @default - true; false with the dev profile (unless dashboardName is given)
   */
  readonly createDashboard?: boolean;
  /**
   * The dashboard's name.
   * @default - a name generated by CloudFormation
   */
  readonly dashboardName?: string;
  /**
   * A monthly cost budget that notifies the warning topic (and its own email addresses).
   * @default - no budget
   */
  readonly budget?: CostBudgetOptions;
}

/** Properties of an AlarmSet: its options, its profile and the resources to monitor now. */
export interface AlarmSetProps extends AlarmSetOptions {
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
  /**
   * API services (FargateApiService, Ec2ApiService) to monitor now, as `monitorApiService()` does with default options.
   * @default - none; add them with `monitorApiService()`
   */
  readonly apiServices?: ApiServiceBase[];
  /**
   * AuroraClusters to monitor now, as `monitorAuroraCluster()` does with default options.
   * @default - none; add them with `monitorAuroraCluster()`
   */
  readonly databases?: AuroraCluster[];
  /**
   * RdsDatabases to monitor now, as `monitorRdsDatabase()` does with default options.
   * @default - none; add them with `monitorRdsDatabase()`
   */
  readonly rdsDatabases?: RdsDatabase[];
  /**
   * StaticSiteWithApiOrigins to monitor now, as `monitorStaticSite()` does with default options.
   * @default - none; add them with `monitorStaticSite()`
   */
  readonly staticSites?: StaticSiteWithApiOrigin[];
}

/**
 * The alarms, notifications, dashboard and cost budget of a web application. Resources are
 * added with one `monitor*` method per kind (or this library's constructs through props); each gets its default alarms (see `AlarmKind`),
 * changed through typed `AlarmOverride`s, notifying a KMS-encrypted, TLS-only SNS topic per
 * severity (or a shared or existing one), with email and Slack (AWS Chatbot) subscriptions.
 *
 * @example
 * import { AlarmSet, EnvironmentProfile } from 'cdk-webapp-patterns';
 *
 * const alarms = new AlarmSet(this, 'Alarms', {
 *   profile: EnvironmentProfile.prod(),
 *   emailAddresses: ['oncall@example.com'],
 *   budget: { monthlyLimitUsd: 500 },
 * });
 * alarms.monitorApiService(api);
 * alarms.monitorAuroraCluster(database);
 */
export class AlarmSet extends Construct {
  /** The topic critical alarms notify. */
  public readonly criticalTopic: sns.ITopic;
  /** The topic warnings (and the budget) notify; the critical topic when topics are shared. */
  public readonly warningTopic: sns.ITopic;
  /** The KMS key of the topics, when the topics were created here. */
  public readonly encryptionKey?: kms.IKey;
  /** The dashboard, unless `createDashboard` is false. */
  public readonly dashboard?: cloudwatch.Dashboard;
  /** The cost budget, when `budget` is set. */
  public readonly budget?: budgets.CfnBudget;
  /** The AWS Chatbot Slack channel configuration, when `slack` is set. */
  public readonly slackChannel?: chatbot.SlackChannelConfiguration;
  private readonly createdAlarms: cloudwatch.Alarm[] = [];
  /** Where alarms of this set's region go: under the set, notifying its topics. */
  private readonly home: AlarmTarget;
  /** Where alarms on us-east-1-only metrics go when the set is elsewhere, created on first use. */
  private usEast1?: AlarmTarget;
  private readonly labels = new Set<string>();
  private readonly notificationProps: AlarmSetProps;
  private readonly monitoredLoadBalancers = new Set<elbv2.IApplicationLoadBalancer>();
  private readonly monitoredGroups = new Set<IConstruct>();
  private readonly monitoredResources = new Set<IConstruct>();
  private readonly overrides: AlarmOverride[];
  private readonly okNotifications: boolean;
  private readonly alarmNamePrefix: string;

  constructor(scope: Construct, id: string, props: AlarmSetProps = {}) {
    super(scope, id);
    const profile = props.profile;
    validateOverrides(this, 'overrides', props.overrides);
    checkStackRegion(this);
    validateEmails(this, 'emailAddresses', props.emailAddresses);
    validateSlack(this, props.slack);
    validateBudget(this, props.budget);
    this.overrides = props.overrides ?? [];
    this.okNotifications = props.okNotifications ?? profileDefault(profile, true, { dev: false });
    this.alarmNamePrefix = props.alarmNamePrefix ?? Stack.of(this).stackName;
    if (!Token.isUnresolved(this.alarmNamePrefix) && !/^[\x21-\x7E]{1,128}$/.test(this.alarmNamePrefix)) {
      invalidProp(this, 'alarmNamePrefix', this.alarmNamePrefix, 'must be 1 to 128 printable ASCII characters without spaces');
    }

    this.notificationProps = props;
    validateUsEast1Topics(this, props.usEast1Topics);
    const topics = createNotifications(this, this.topicChoice(), this.keyRemovalPolicy(), props.emailAddresses, props.slack);
    this.criticalTopic = topics.criticalTopic;
    this.warningTopic = topics.warningTopic;
    this.encryptionKey = topics.key;
    this.slackChannel = topics.slackChannel;
    this.home = { scope: this, topics };
    if (props.budget) this.budget = createBudget(this, props.budget, this.warningTopic, topics.key);
    if (props.createDashboard === false && props.dashboardName !== undefined) {
      conflictingProps(this, 'dashboardName', 'createDashboard', 'conflict: a dashboard name needs createDashboard true (or left out)');
    }
    if (props.dashboardName !== undefined && !Token.isUnresolved(props.dashboardName) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.dashboardName)) {
      invalidProp(this, 'dashboardName', props.dashboardName, 'must be 1 to 255 letters, digits, - or _');
    }
    if (props.createDashboard ?? (props.dashboardName !== undefined || profileDefault(profile, true, { dev: false }))) {
      this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    }
    for (const api of props.apiServices ?? []) this.monitorApiService(api);
    for (const database of props.databases ?? []) this.monitorAuroraCluster(database);
    for (const database of props.rdsDatabases ?? []) this.monitorRdsDatabase(database);
    for (const site of props.staticSites ?? []) this.monitorStaticSite(site);
  }

  /** The us-east-1 stack of this set's alarms on CloudFront, when its own stack is elsewhere and one was monitored. */
  public get usEast1Stack(): Stack | undefined {
    return this.usEast1 ? Stack.of(this.usEast1.scope) : undefined;
  }

  /** The us-east-1 topic that critical CloudFront alarms notify, when the set created a us-east-1 alarm stack. */
  public get usEast1CriticalTopic(): sns.ITopic | undefined {
    return this.usEast1?.topics.criticalTopic;
  }

  /** The us-east-1 topic that CloudFront warnings notify, when the set created a us-east-1 alarm stack. */
  public get usEast1WarningTopic(): sns.ITopic | undefined {
    return this.usEast1?.topics.warningTopic;
  }

  /** Whether `resource` was already monitored by one of this set's `monitor*` methods. */
  public isMonitoring(resource: IConstruct): boolean {
    return this.monitoredResources.has(resource);
  }

  /** Every alarm created so far, in creation order. */
  public get alarms(): cloudwatch.Alarm[] {
    return [...this.createdAlarms];
  }

  /**
   * Alarms on an ECS service (e.g. an `ecs.FargateService`): CPU and memory above 80% (warning),
   * fewer than 1 running task (critical; needs Container Insights on the cluster).
   * @returns the alarms created
   */
  public monitorFargateService(service: ecs.IBaseService, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    this.checkContainerInsights(service.cluster);
    return this.monitor(service, serviceMetrics(service), SERVICE_ALARMS, options);
  }

  /**
   * Alarms on an application load balancer and its target group: more than 10 load balancer
   * 5xx (critical) or target 5xx (warning) in 5 minutes, p95 response time above 1 s, unhealthy targets.
   * @returns the alarms created
   */
  public monitorLoadBalancer(
    loadBalancer: elbv2.IApplicationLoadBalancer,
    targetGroup: elbv2.IApplicationTargetGroup,
    options: MonitorOptions = {},
  ): cloudwatch.Alarm[] {
    return this.monitor(loadBalancer, loadBalancerMetrics(loadBalancer, targetGroup), this.loadBalancerAlarms(loadBalancer), options);
  }

  /**
   * Alarms on an Aurora cluster: CPU above 80%, freeable memory low, connections high, replica
   * lag high (unless a cluster of this app has no readers), and ACU utilization above 90% when serverless.
   * @returns the alarms created
   */
  public monitorDatabaseCluster(cluster: rds.IDatabaseCluster, options: DatabaseMonitorOptions = {}): cloudwatch.Alarm[] {
    const serverless = options.serverless ?? isServerlessCluster(cluster);
    return this.monitor(cluster, databaseMetrics(cluster, serverless), DATABASE_ALARMS, options);
  }

  /**
   * An alarm on a CloudFront distribution's 5xx error rate (critical above 5%). CloudFront publishes
   * its metrics only in us-east-1: when this set's stack is in another region, the alarm is created in a
   * us-east-1 alarm stack (`usEast1Stack`) that reads the distribution id across regions and notifies
   * us-east-1 topics with this set's subscribers (`usEast1Topics`).
   * @returns the alarms created
   */
  public monitorDistribution(distribution: cloudfront.IDistribution, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    return this.monitor(distribution, distributionMetrics(distribution), DISTRIBUTION_ALARMS, options, this.cloudFrontTarget());
  }

  /**
   * All alarms of an API service: its ECS service (CPU, memory, running tasks) and its load balancer
   * and target group (5xx, p95 response time, unhealthy hosts), from its `metric*()` methods; for an
   * Ec2ApiService also its instance group (capacity provider reservation, status checks), once per group.
   * @returns the alarms created
   */
  public monitorApiService(api: ApiServiceBase, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    this.checkContainerInsights(api.cluster);
    const kinds = [...SERVICE_ALARMS, ...this.loadBalancerAlarms(api.loadBalancer)];
    // Services sharing one instance group alarm on it once, with the first of them.
    const firstOnGroup = api instanceof Ec2ApiService && !this.monitoredGroups.has(api.autoScalingGroup);
    if (firstOnGroup) {
      this.monitoredGroups.add(api.autoScalingGroup);
      kinds.push(...INSTANCE_ALARMS);
    }
    return this.monitor(api, apiServiceMetrics(api), kinds, options);
  }

  /**
   * All alarms of a FargateApiService, as `monitorApiService()` creates them.
   * @returns the alarms created
   */
  public monitorFargateApiService(api: FargateApiService, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    return this.monitorApiService(api, options);
  }

  /**
   * All alarms of an AuroraCluster, from its `metric*()` methods (ACU utilization when it is serverless, replica lag when it has readers).
   * @returns the alarms created
   */
  public monitorAuroraCluster(database: AuroraCluster, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    return this.monitor(database, auroraClusterMetrics(database), DATABASE_ALARMS, options);
  }

  /**
   * Alarms on an AmplifyNextjsApp, from what Amplify Hosting publishes in its region: more than 10
   * 5xx responses in 5 minutes (critical) and a p95 time to first byte above 2 s (warning).
   * @returns the alarms created
   */
  public monitorAmplifyApp(app: AmplifyNextjsApp, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    return this.monitor(app, amplifyAppMetrics(app), AMPLIFY_ALARMS, options);
  }

  /**
   * All alarms of an RdsDatabase, from its `metric*()` methods: CPU, freeable memory, free storage,
   * connections, read and write latency of the primary, and replica lag when it has read replicas.
   * @returns the alarms created
   */
  public monitorRdsDatabase(database: RdsDatabase, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    return this.monitor(database, rdsDatabaseMetrics(database), INSTANCE_DATABASE_ALARMS, options);
  }

  /**
   * The 5xx error rate alarm of a StaticSiteWithApiOrigin's distribution, in us-east-1 as
   * `monitorDistribution` creates it (in a us-east-1 alarm stack when this set's stack is elsewhere).
   * @returns the alarms created
   */
  public monitorStaticSite(site: StaticSiteWithApiOrigin, options: MonitorOptions = {}): cloudwatch.Alarm[] {
    return this.monitor(site, distributionMetrics(site.distribution), DISTRIBUTION_ALARMS, options, this.cloudFrontTarget());
  }

  /**
   * The running tasks alarm reads Container Insights, and breaches on missing data: warn when a
   * cluster of this app has it off (an imported cluster cannot be checked).
   */
  private checkContainerInsights(cluster: ecs.ICluster): void {
    const cfn = cluster.node.defaultChild;
    if (!(cfn instanceof ecs.CfnCluster) || Token.isUnresolved(cfn.clusterSettings)) return;
    const settings = (cfn.clusterSettings ?? []) as ecs.CfnCluster.ClusterSettingsProperty[];
    if (settings.some((s) => s.name === 'containerInsights' && s.value !== ecs.ContainerInsights.DISABLED)) return;
    Annotations.of(this).addWarningV2('cdk-webapp-patterns:alarmSetContainerInsights',
      `ECS cluster ${cluster.node.path} has Container Insights off: the running tasks alarm gets no data and stays in ALARM. `
      + 'Set containerInsightsV2 on the cluster (or in the account settings), or disable the ServiceRunningTasks alarm');
  }

  /**
   * Where alarms on CloudFront metrics (us-east-1 only) go: here in us-east-1 (with a warning when the
   * region is unknown), else the us-east-1 alarm stack.
   */
  private cloudFrontTarget(): AlarmTarget {
    const region = Stack.of(this).region;
    if (Token.isUnresolved(region)) {
      Annotations.of(this).addWarningV2('cdk-webapp-patterns:alarmSetDistributionRegion',
        'CloudFront publishes its metrics only in us-east-1: deploy this stack there or the distribution alarm never leaves INSUFFICIENT_DATA '
        + '(give the stack an env.region and the alarm moves to a us-east-1 alarm stack when the region is another)');
      return this.home;
    }
    return region === US_EAST_1 ? this.home : this.usEast1Target();
  }

  /**
   * The us-east-1 alarm stack of this set's stack (created on first use, depending on the stacks whose
   * values it reads), with this set's notifications mirrored there: the same kind of topics, email
   * addresses and Slack channel, or `usEast1Topics`.
   */
  private usEast1Target(): AlarmTarget {
    const props = this.notificationProps;
    this.usEast1 ??= usEast1Mirror(this, props.usEast1Topics, this.topicChoice(), this.keyRemovalPolicy(), props.emailAddresses, props.slack);
    return this.usEast1;
  }

  private topicChoice(): AlarmTopics {
    return this.notificationProps.topics
      ?? profileDefault(this.notificationProps.profile, AlarmTopics.perSeverity(), { dev: AlarmTopics.shared(), staging: AlarmTopics.shared() });
  }

  private keyRemovalPolicy(): RemovalPolicy {
    return profileDefault(this.notificationProps.profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY });
  }

  /**
   * The load balancer alarms for a target group behind `loadBalancer`: the load balancer's own 5xx
   * alarm only the first time, so services sharing one ALB do not each alarm on the same metric.
   */
  private loadBalancerAlarms(loadBalancer: elbv2.IApplicationLoadBalancer): AlarmKind[] {
    const seen = this.monitoredLoadBalancers.has(loadBalancer);
    this.monitoredLoadBalancers.add(loadBalancer);
    return seen ? LOAD_BALANCER_ALARMS.filter((k) => k !== AlarmKind.LOAD_BALANCER_5XX) : LOAD_BALANCER_ALARMS;
  }

  /** Creates the alarms (in `target`) and dashboard row of one resource from its metrics and definitions. */
  private monitor(resource: IConstruct, source: MetricSource, kinds: AlarmKind[], options: MonitorOptions, target?: AlarmTarget): cloudwatch.Alarm[] {
    validateOverrides(this, 'options.overrides', options.overrides, kinds);
    const label = this.labelOf(resource, options.label);
    this.monitoredResources.add(resource);
    const where = target ?? this.home;
    const group = new Construct(where.scope, label);
    const graphs: DashboardGraph[] = [];
    const created: cloudwatch.Alarm[] = [];
    for (const kind of kinds) {
      const metric = source.metrics[kind];
      if (!metric) continue;
      const definition = [...(source.defaults ?? []), ...this.overrides, ...(options.overrides ?? [])]
        .filter((o) => o.alarm === kind)
        .reduce(applyOverride, defaultDefinition(kind));
      if (definition.enabled) validateDefinition(this, definition);
      const alarm = definition.enabled ? this.createAlarm(group, where.topics, source.where, definition, metric) : undefined;
      if (alarm) created.push(alarm);
      graphs.push({ title: `${definition.title} (${kind})`, metric: withPeriod(metric, definition), alarm });
    }
    if (this.dashboard) addDashboardRow(this.dashboard, `${label}: ${source.where}`, graphs);
    this.createdAlarms.push(...created);
    return created;
  }

  private createAlarm(
    group: Construct, topics: CreatedTopics, where: string, definition: AlarmDefinition, metric: cloudwatch.IMetric,
  ): cloudwatch.Alarm {
    const { kind, severity, threshold, unit } = definition;
    const window = `${definition.datapointsToAlarm} of ${definition.evaluationPeriods} periods of ${definition.period.toHumanString()}`;
    // The default prefix is the name of the alarm's own stack (the us-east-1 alarm stack's for CloudFront alarms elsewhere).
    const alarmStack = Stack.of(group);
    const prefix = alarmStack === Stack.of(this) ? this.alarmNamePrefix : this.notificationProps.alarmNamePrefix ?? alarmStack.stackName;
    const alarmName = `${prefix}-${group.node.id}-${kind}`;
    this.claimAlarmName(alarmStack, alarmName);
    const alarm = new cloudwatch.Alarm(group, kind, {
      alarmName,
      alarmDescription: `${severity}: ${definition.title} of ${where} is ${comparisonSymbol(definition)} ${unit.format(threshold)} `
        + `(${window}). ${definition.hint} Raised by AlarmSet ${this.node.path}.`,
      metric: withPeriod(metric, definition),
      threshold,
      comparisonOperator: definition.comparison,
      evaluationPeriods: definition.evaluationPeriods,
      datapointsToAlarm: definition.datapointsToAlarm,
      treatMissingData: definition.treatMissingData,
    });
    const action = new actions.SnsAction(severity === AlarmSeverity.CRITICAL ? topics.criticalTopic : topics.warningTopic);
    alarm.addAlarmAction(action);
    if (this.okNotifications) alarm.addOkAction(action);
    return alarm;
  }

  /** Alarm names are unique per account and region: refuse one another AlarmSet of the alarm's stack already took. */
  private claimAlarmName(stack: Stack, alarmName: string): void {
    if (Token.isUnresolved(alarmName)) return;
    const taken = ALARM_NAMES.get(stack) ?? new Set<string>();
    ALARM_NAMES.set(stack, taken);
    if (taken.has(alarmName)) {
      invalidProp(this, 'alarmNamePrefix', this.alarmNamePrefix,
        `must keep alarm names unique in the stack: another AlarmSet already named an alarm '${alarmName}' (give each AlarmSet its own alarmNamePrefix, or another label)`);
    }
    taken.add(alarmName);
  }

  /** The label of a resource: given (validated) or its path below its stack; unique in this set. */
  private labelOf(resource: IConstruct, given?: string): string {
    checkKnownAtSynth(this, 'options.label', given, NAMES_CONSTRUCTS);
    if (given !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(given)) {
      invalidProp(this, 'options.label', given, 'must be 1 to 64 letters, digits, - or _');
    }
    const stackPath = Stack.of(resource).node.path;
    const relative = resource.node.path.startsWith(`${stackPath}/`) ? resource.node.path.slice(stackPath.length + 1) : resource.node.path;
    const label = given ?? relative.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
    if (this.labels.has(label) || this.node.tryFindChild(label)) {
      invalidProp(this, 'options.label', label, 'must be unique within the AlarmSet and differ from its own children (Dashboard, AlarmTopic, ...); pass options.label to tell resources apart');
    }
    this.labels.add(label);
    return label;
  }
}

/** The alarm names used so far in each stack, across its AlarmSets. */
const ALARM_NAMES = new WeakMap<Stack, Set<string>>();

/** The metric at the alarm's period (metrics that cannot be re-periodized are used as they are). */
function withPeriod(metric: cloudwatch.IMetric, definition: AlarmDefinition): cloudwatch.IMetric {
  return metric instanceof cloudwatch.Metric || metric instanceof cloudwatch.MathExpression
    ? metric.with({ period: definition.period })
    : metric;
}
