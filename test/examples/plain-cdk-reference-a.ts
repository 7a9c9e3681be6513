// Reference architecture A (prod) written with plain aws-cdk-lib: the same resources that
// buildReferenceA synthesizes through WebAppBlueprint (same types and counts, the same settings
// where an L2 offers them), written as a competent user would without this library. Used by the
// benchmark to compare equal work; unlike plain-cdk-baseline.ts it does not stand for what a user
// would write by default. It carries no cdk-nag acknowledgements and none of the library's checks.
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** The document's subnet CIDRs per subnet group, one per AZ (Vpc allocates from the start otherwise). */
class FixedSubnetCidrs implements ec2.IIpAddresses {
  constructor(private readonly cidr: string, private readonly groups: Record<string, string[]>) {}
  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }
  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const next: Record<string, number> = {};
    return {
      allocatedSubnets: input.requestedSubnets.map((r) => {
        const group = r.configuration.name;
        next[group] = (next[group] ?? 0) + 1;
        return { cidr: this.groups[group][next[group] - 1] };
      }),
    };
  }
}

function logBucket(scope: Construct, id: string, objectOwnership: s3.ObjectOwnership, abortUploads?: Duration): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership,
    lifecycleRules: [{ expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: abortUploads }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

function contentBucket(scope: Construct, id: string, accessLogs: s3.IBucket, prefix: string): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: prefix,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30), expiredObjectDeleteMarker: true }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesAmazonIpReputationList',
];
const CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

/** One alarm with its dashboard graph; `critical` alarms go to the critical topic, the others to the warning topic. */
interface AlarmSpec {
  readonly id: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly periods: number;
  readonly datapoints?: number;
  readonly critical?: boolean;
  readonly below?: boolean;
  readonly missingBreaching?: boolean;
}

/** Adds reference architecture A (prod), written with plain aws-cdk-lib, to `app`. */
export function buildPlainCdkReferenceA(app: App): Stack {
  const stack = new Stack(app, 'PlainCdkReferenceA', { env: { region: 'us-east-1' } });
  const repository = new ecr.Repository(stack, 'BackendRepository', {
    imageScanOnPush: true,
    encryption: ecr.RepositoryEncryption.KMS,
    imageTagMutability: ecr.TagMutability.IMMUTABLE,
  });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'blog.example.com' });

  // Network: public, application (NAT per AZ) and isolated data subnets, S3 gateway, flow logs.
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: new FixedSubnetCidrs('10.0.0.0/16', {
      Public: ['10.0.1.0/24', '10.0.2.0/24'],
      Application: ['10.0.11.0/24', '10.0.12.0/24'],
      Data: ['10.0.21.0/24', '10.0.22.0/24'],
    }),
    availabilityZones: ['us-east-1a', 'us-east-1c'],
    natGateways: 2,
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
      { name: 'Application', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
  vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const flowLogGroup = new logs.LogGroup(stack, 'FlowLogGroup', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
  vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup), trafficType: ec2.FlowLogTrafficType.ALL });
  const applicationSubnets = { subnetGroupName: 'Application' };

  // Database: Aurora PostgreSQL Serverless v2 writer + reader, customer-managed key, SSL forced.
  const dbKey = new kms.Key(stack, 'DatabaseKey', { enableKeyRotation: true, description: 'Encrypts the Aurora cluster, its snapshots and its secret', removalPolicy: RemovalPolicy.RETAIN });
  const dbSecurityGroup = new ec2.SecurityGroup(stack, 'DatabaseSecurityGroup', { vpc, allowAllOutbound: false, description: 'Aurora cluster: inbound only from the API' });
  const instanceInsights = {
    enablePerformanceInsights: true,
    performanceInsightEncryptionKey: dbKey,
    performanceInsightRetention: rds.PerformanceInsightRetention.DEFAULT,
  };
  const db = new rds.DatabaseCluster(stack, 'Database', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 }),
    vpc,
    vpcSubnets: { subnetGroupName: 'Data' },
    securityGroups: [dbSecurityGroup],
    writer: rds.ClusterInstance.serverlessV2('Writer', { availabilityZone: 'us-east-1a', ...instanceInsights }),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { availabilityZone: 'us-east-1c', scaleWithWriter: true, ...instanceInsights })],
    serverlessV2MinCapacity: 1,
    serverlessV2MaxCapacity: 8,
    credentials: rds.Credentials.fromGeneratedSecret('postgres', { encryptionKey: dbKey }),
    storageEncryptionKey: dbKey,
    parameters: { 'rds.force_ssl': '1' },
    defaultDatabaseName: 'blog',
    backup: { retention: Duration.days(30) },
    deletionProtection: true,
    iamAuthentication: true,
    cloudwatchLogsExports: ['postgresql'],
    monitoringInterval: Duration.seconds(60),
    enablePerformanceInsights: true,
    performanceInsightEncryptionKey: dbKey,
    removalPolicy: RemovalPolicy.SNAPSHOT,
  });
  const dbLogGroup = new logs.LogGroup(stack, 'DatabaseLogGroup', {
    logGroupName: `/aws/rds/cluster/${db.clusterIdentifier}/postgresql`,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // Create the log group before RDS does, so its retention applies.
  for (const instance of db.node.findAll().filter((c) => c instanceof rds.CfnDBInstance)) instance.node.addDependency(dbLogGroup);
  // Rotate the password every 30 days from the private subnets (their NAT reaches Secrets Manager); keep the secret with the snapshot.
  const rotation = secretsmanager.HostedRotation.postgreSqlSingleUser({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
  db.secret!.addRotationSchedule('RotationSchedule', { hostedRotation: rotation, automaticallyAfter: Duration.days(30) });
  db.connections.allowDefaultPortFrom(rotation, 'Password rotation Lambda');
  db.secret!.applyRemovalPolicy(RemovalPolicy.RETAIN);

  // API: Fargate service behind an internal ALB with access logs, auto scaling on CPU and memory.
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED, enableFargateCapacityProviders: true });
  const apiLogGroup = new logs.LogGroup(stack, 'ApiLogGroup', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDefinition', {
    cpu: 1024,
    memoryLimitMiB: 2048,
    runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    volumes: [{ name: 'scratch' }],
  });
  const container = taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromEcrRepository(repository, 'v1.0.0'),
    portMappings: [{ containerPort: 8080, name: 'http' }],
    readonlyRootFilesystem: true,
    logging: ecs.LogDrivers.awsLogs({ logGroup: apiLogGroup, streamPrefix: 'app' }),
    environment: { DB_HOST: db.clusterEndpoint.hostname, DB_PORT: '5432', DB_NAME: 'blog' },
    secrets: {
      DB_USERNAME: ecs.Secret.fromSecretsManager(db.secret!, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(db.secret!, 'password'),
    },
  });
  container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'scratch', readOnly: false });
  const serviceSecurityGroup = new ec2.SecurityGroup(stack, 'ServiceSecurityGroup', { vpc, allowAllOutbound: false, description: 'API tasks: from the load balancer only' });
  serviceSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs and image registries');
  const service = new ecs.FargateService(stack, 'Service', {
    cluster,
    taskDefinition,
    desiredCount: 3,
    minHealthyPercent: 100,
    maxHealthyPercent: 200,
    circuitBreaker: { rollback: true },
    healthCheckGracePeriod: Duration.seconds(60),
    vpcSubnets: applicationSubnets,
    securityGroups: [serviceSecurityGroup],
    propagateTags: ecs.PropagatedTagSource.SERVICE,
    enableExecuteCommand: false,
  });
  db.connections.allowDefaultPortFrom(service, 'From the API');
  const scaling = service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
  scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 60, scaleInCooldown: Duration.minutes(10), scaleOutCooldown: Duration.minutes(1) });
  scaling.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: 80, scaleInCooldown: Duration.minutes(10), scaleOutCooldown: Duration.minutes(1) });

  const albLogs = logBucket(stack, 'AccessLogBucket', s3.ObjectOwnership.BUCKET_OWNER_ENFORCED);
  const albSecurityGroup = new ec2.SecurityGroup(stack, 'LoadBalancerSecurityGroup', { vpc, allowAllOutbound: false, description: 'Load balancer: listener port from the CloudFront origin-facing prefix list only' });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'LoadBalancer', {
    vpc,
    internetFacing: true,
    ipAddressType: elbv2.IpAddressType.IPV4,
    vpcSubnets: { subnetGroupName: 'Public' },
    securityGroup: albSecurityGroup,
    deletionProtection: true,
    dropInvalidHeaderFields: true,
  });
  alb.logAccessLogs(albLogs);
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'TargetGroup', {
    vpc,
    port: 8080,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: elbv2.TargetType.IP,
    deregistrationDelay: Duration.seconds(60),
    healthCheck: { path: '/health', interval: Duration.seconds(30), timeout: Duration.seconds(5), healthyThresholdCount: 2, unhealthyThresholdCount: 3, healthyHttpCodes: '200-399' },
    targets: [service.loadBalancerTarget({ containerName: 'app', containerPort: 8080 })],
  });
  // One certificate for CloudFront and the internet-facing ALB, which CloudFront reaches over HTTPS at a
  // name of the zone; the ALB forwards only requests carrying CloudFront's secret header.
  const certificate = new acm.Certificate(stack, 'Certificate', {
    domainName: 'blog.example.com', subjectAlternativeNames: ['origin.blog.example.com'], validation: acm.CertificateValidation.fromDns(zone),
  });
  const headerKey = new kms.Key(stack, 'OriginHeaderKey', { enableKeyRotation: true });
  const headerSecret = new secretsmanager.Secret(stack, 'OriginHeaderSecret', {
    encryptionKey: headerKey, generateSecretString: { excludePunctuation: true, passwordLength: 32 },
  });
  const headerValue = headerSecret.secretValue.unsafeUnwrap();
  const listener = alb.addListener('HttpsListener', {
    port: 443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    open: false,
    certificates: [certificate],
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    defaultAction: elbv2.ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' }),
  });
  listener.addAction('FromCloudFront', {
    priority: 1,
    conditions: [elbv2.ListenerCondition.httpHeader('X-Origin-Verify', [headerValue])],
    action: elbv2.ListenerAction.forward([targetGroup]),
  });
  service.node.addDependency(listener);
  new route53.ARecord(stack, 'OriginAlias', { zone, recordName: 'origin.blog.example.com', target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(alb)) });

  // Site: CloudFront with WAF, certificate, security headers and logs; S3 site and media buckets (OAC), /api/* to the ALB.
  const webAcl = new wafv2.CfnWebACL(stack, 'WebAcl', {
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'WebAcl', sampledRequestsEnabled: true },
    rules: [
      {
        name: 'RateLimitPerIp',
        priority: 0,
        action: { block: {} },
        statement: { rateBasedStatement: { aggregateKeyType: 'IP', evaluationWindowSec: 300, limit: 2000 } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'RateLimitPerIp', sampledRequestsEnabled: true },
      },
      ...MANAGED_RULE_GROUPS.map((name, i) => ({
        name,
        priority: i + 1,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
      })),
    ],
  });
  const wafLogGroup = new logs.LogGroup(stack, 'WafLogGroup', { logGroupName: 'aws-waf-logs-PlainCdkReferenceA', retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
  const wafLogging = new wafv2.CfnLoggingConfiguration(stack, 'WafLogging', { resourceArn: webAcl.attrArn, logDestinationConfigs: [wafLogGroup.logGroupArn] });
  wafLogging.node.addDependency(wafLogGroup);

  const siteLogs = logBucket(stack, 'SiteLogBucket', s3.ObjectOwnership.OBJECT_WRITER, Duration.days(1));
  const siteBucket = contentBucket(stack, 'SiteBucket', siteLogs, 'site/');
  const mediaBucket = contentBucket(stack, 'MediaBucket', siteLogs, 'media/');
  mediaBucket.grantPut(taskDefinition.taskRole);
  const headers = new cloudfront.ResponseHeadersPolicy(stack, 'SecurityHeaders', {
    comment: 'Security headers of the site',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
    },
  });
  const staticBehavior = {
    compress: true,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
    responseHeadersPolicy: headers,
  };
  const apiOrigin = new origins.HttpOrigin('origin.blog.example.com', {
    protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    customHeaders: { 'X-Origin-Verify': headerValue },
  });
  const distribution = new cloudfront.Distribution(stack, 'Distribution', {
    comment: 'Reference A without the library',
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket), ...staticBehavior },
    additionalBehaviors: {
      '/api/*': {
        origin: apiOrigin,
        compress: true,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
      },
      '/media/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(mediaBucket), ...staticBehavior },
    },
    domainNames: ['blog.example.com'],
    certificate,
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    defaultRootObject: 'index.html',
    webAclId: webAcl.attrArn,
    enableLogging: true,
    logBucket: siteLogs,
    logFilePrefix: 'cloudfront/',
  });
  // Only CloudFront's origin-facing managed prefix list may reach the listener: its id read at deploy time.
  const prefixList = new cr.AwsCustomResource(stack, 'CloudFrontPrefixList', {
    onUpdate: {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.global.cloudfront.origin-facing'] }] },
      physicalResourceId: cr.PhysicalResourceId.fromResponse('PrefixLists.0.PrefixListId'),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    installLatestAwsSdk: false,
  });
  albSecurityGroup.addIngressRule(ec2.Peer.prefixList(prefixList.getResponseField('PrefixLists.0.PrefixListId')), ec2.Port.tcp(443), 'Listener, from CloudFront only');
  const aliasTarget = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
  new route53.ARecord(stack, 'AliasA', { zone, recordName: 'blog.example.com', target: aliasTarget });
  new route53.AaaaRecord(stack, 'AliasAAAA', { zone, recordName: 'blog.example.com', target: aliasTarget });

  // Monitoring: encrypted critical and warning topics with e-mail, 13 alarms and a dashboard.
  const topicKey = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true, description: 'Encrypts the alarm notification topics', removalPolicy: RemovalPolicy.RETAIN });
  topicKey.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  const topic = (id: string, displayName: string): sns.Topic => {
    const t = new sns.Topic(stack, id, { displayName, masterKey: topicKey, enforceSSL: true });
    t.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'));
    return t;
  };
  const critical = new actions.SnsAction(topic('AlarmTopic', 'Critical alarms'));
  const warning = new actions.SnsAction(topic('WarningTopic', 'Warning alarms'));
  const dashboard = new cloudwatch.Dashboard(stack, 'Dashboard');
  const addRow = (heading: string, specs: AlarmSpec[]): void => {
    dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `### ${heading}`, width: 24, height: 1 }));
    dashboard.addWidgets(...specs.map((spec) => {
      const alarm = new cloudwatch.Alarm(stack, spec.id, {
        alarmName: `PlainCdkReferenceA-${spec.id}`,
        alarmDescription: `${spec.id} crossed ${spec.threshold}`,
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: spec.periods,
        datapointsToAlarm: spec.datapoints ?? spec.periods,
        comparisonOperator: spec.below ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: spec.missingBreaching ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      const action = spec.critical ? critical : warning;
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return new cloudwatch.GraphWidget({ title: spec.id, left: [spec.metric], leftAnnotations: [alarm.toAnnotation()], width: 4 });
    }));
  };
  const minute = Duration.minutes(1);
  const runningTasks = new cloudwatch.Metric({
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensionsMap: { ClusterName: cluster.clusterName, ServiceName: service.serviceName },
    statistic: 'Minimum',
    period: minute,
    label: 'Running tasks',
  });
  addRow(`API: ${service.serviceName}`, [
    { id: 'ServiceCpu', metric: service.metricCpuUtilization({ period: minute, label: 'CPU %' }), threshold: 80, periods: 5 },
    { id: 'ServiceMemory', metric: service.metricMemoryUtilization({ period: minute, label: 'Memory %' }), threshold: 80, periods: 5 },
    { id: 'ServiceRunningTasks', metric: runningTasks, threshold: 1, periods: 3, critical: true, below: true, missingBreaching: true },
    { id: 'LoadBalancer5xx', metric: alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { label: 'ELB 5xx' }), threshold: 10, periods: 1, critical: true },
    { id: 'Target5xx', metric: targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { label: 'Target 5xx' }), threshold: 10, periods: 1 },
    {
      id: 'TargetResponseTime',
      metric: targetGroup.metrics.targetResponseTime({ statistic: 'p95', label: 'p95 response time (s)' }),
      threshold: 1,
      periods: 3,
      datapoints: 2,
    },
    {
      id: 'UnhealthyHosts',
      metric: targetGroup.metrics.unhealthyHostCount({ statistic: 'Maximum', period: minute, label: 'Unhealthy targets' }),
      threshold: 0,
      periods: 3,
    },
  ]);
  const fiveMinutes = Duration.minutes(5);
  addRow(`Database: ${db.clusterIdentifier}`, [
    { id: 'DatabaseCpu', metric: db.metricCPUUtilization({ period: fiveMinutes, label: 'CPU %' }), threshold: 80, periods: 3 },
    {
      id: 'DatabaseFreeableMemory',
      metric: db.metricFreeableMemory({ period: fiveMinutes, statistic: 'Minimum', label: 'Freeable memory (bytes)' }),
      threshold: 256 * 2 ** 20,
      periods: 3,
      below: true,
    },
    {
      id: 'DatabaseConnections',
      metric: db.metricDatabaseConnections({ period: fiveMinutes, statistic: 'Maximum', label: 'Connections' }),
      threshold: 100,
      periods: 3,
    },
    { id: 'DatabaseAcuUtilization', metric: db.metricACUUtilization({ period: fiveMinutes, label: 'ACU %' }), threshold: 90, periods: 3 },
    {
      id: 'DatabaseReplicaLag',
      metric: db.metric('AuroraReplicaLagMaximum', { period: fiveMinutes, statistic: 'Maximum', label: 'Replica lag (ms)' }),
      threshold: 1000,
      periods: 3,
    },
  ]);
  addRow(`Site: ${distribution.distributionId}`, [
    { id: 'Distribution5xxErrorRate', metric: distribution.metric5xxErrorRate({ label: '5xx error rate %' }), threshold: 5, periods: 2, critical: true },
  ]);
  return stack;
}
