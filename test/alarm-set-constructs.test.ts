import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { alarm, alarmNames, metricStat, VIRGINIA } from './alarm-set-fixtures';
import { AlarmKind, AlarmSet, AuroraCluster, DeploymentStrategy, FargateApiService, RdsDatabase, SecureVpc, StaticSiteWithApiOrigin } from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

/** GIVEN a us-east-1 stack with a SecureVpc and an AlarmSet. */
function build() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: VIRGINIA });
  const network = new SecureVpc(stack, 'Network', { availabilityZones: ['us-east-1a', 'us-east-1b'] });
  const alarms = new AlarmSet(stack, 'Alarms');
  return { app, stack, network, alarms };
}

describe('AlarmSet with FargateApiService', () => {
  test('the service and load balancer alarms from the construct\'s metrics', () => {
    const { stack, network, alarms } = build();
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
    const created = alarms.monitorFargateApiService(api);
    const t = Template.fromStack(stack);
    expect(created).toHaveLength(7);
    expect(alarmNames(t)).toEqual([
      'Stack-Api-LoadBalancer5xx', 'Stack-Api-ServiceCpu', 'Stack-Api-ServiceMemory', 'Stack-Api-ServiceRunningTasks',
      'Stack-Api-Target5xx', 'Stack-Api-TargetResponseTime', 'Stack-Api-UnhealthyHosts',
    ]);
    expect(alarm(t, 'Api-ServiceRunningTasks')).toMatchObject({ Threshold: 1, ComparisonOperator: 'LessThanThreshold' });
    expect(metricStat(alarm(t, 'Api-ServiceRunningTasks')).Metric.Namespace).toBe('ECS/ContainerInsights');
    expect(metricStat(alarm(t, 'Api-TargetResponseTime'))).toMatchObject({ Stat: 'p95', Period: 300 });
    expect(metricStat(alarm(t, 'Api-ServiceCpu')).Metric.Dimensions).toEqual(expect.arrayContaining([
      { Name: 'ServiceName', Value: { 'Fn::GetAtt': [expect.stringMatching(/^ApiService/), 'Name'] } },
    ]));
  });

  test('overrides apply to it like to plain resources', () => {
    const { stack, network, alarms } = build();
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
    alarms.monitorFargateApiService(api, { label: 'Orders', overrides: [{ alarm: AlarmKind.LOAD_BALANCER_5XX, threshold: 50 }] });
    expect(alarm(Template.fromStack(stack), 'Orders-LoadBalancer5xx')).toMatchObject({ Threshold: 50 });
  });

  test('services sharing one ALB get one load balancer 5xx alarm, and each its own target alarms', () => {
    const { stack, network, alarms } = build();
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 });
    alarms.monitorFargateApiService(web);
    const second = alarms.monitorFargateApiService(api);
    const names = alarmNames(Template.fromStack(stack));
    expect(names.filter((n) => n.endsWith('LoadBalancer5xx'))).toEqual(['Stack-Web-LoadBalancer5xx']);
    expect(names).toEqual(expect.arrayContaining(['Stack-Api-Target5xx', 'Stack-Web-Target5xx']));
    expect(second).toHaveLength(6);
  });
});

describe('AlarmSet with AuroraCluster', () => {
  test('the database alarms, with ACU utilization when the cluster is serverless', () => {
    const { stack, network, alarms } = build();
    const database = new AuroraCluster(stack, 'Database', { vpc: network.vpc, readers: 1 });
    alarms.monitorAuroraCluster(database);
    const names = alarmNames(Template.fromStack(stack));
    expect(names).toEqual(expect.arrayContaining(['Stack-Database-DatabaseCpu', 'Stack-Database-DatabaseFreeableMemory',
      'Stack-Database-DatabaseConnections', 'Stack-Database-DatabaseReplicaLag']));
    expect(names.includes('Stack-Database-DatabaseAcuUtilization')).toBe(database.isServerless);
    const memory = alarm(Template.fromStack(stack), 'Database-DatabaseFreeableMemory');
    expect(metricStat(memory)).toMatchObject({ Metric: { MetricName: 'FreeableMemory' }, Stat: 'Minimum' });
  });
});

describe('AlarmSet with a blue/green API service', () => {
  test('the target group alarms read the blue and the green group, which production traffic alternates between', () => {
    const { stack, network, alarms } = build();
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, deployment: DeploymentStrategy.blueGreen() });
    alarms.monitorApiService(api);
    const t = Template.fromStack(stack);
    const groups = (props: any) => props.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions
      .find((d: any) => d.Name === 'TargetGroup').Value['Fn::GetAtt'][0]);
    for (const [kind, expression] of [['Target5xx', 'FILL(blue, 0) + FILL(green, 0)'], ['TargetResponseTime', 'MAX([blue, green])'], ['UnhealthyHosts', 'FILL(blue, 0) + FILL(green, 0)']]) {
      const props = alarm(t, `Api-${kind}`);
      expect(props.Metrics.find((m: any) => m.Expression).Expression).toBe(expression);
      expect(groups(props)).toEqual([expect.stringMatching(/^ApiTargetGroup/), expect.stringMatching(/^ApiAlternateTargetGroup/)]);
    }
    expect(alarm(t, 'Api-Target5xx').AlarmDescription['Fn::Join'][1].join('')).toContain('and green target group');
  });
});

describe('AlarmSet replica lag only where readers exist', () => {
  test('an AuroraCluster without readers gets no replica-lag alarm', () => {
    const { stack, network, alarms } = build();
    const database = new AuroraCluster(stack, 'Database', { vpc: network.vpc, readers: 0 });
    const created = alarms.monitorAuroraCluster(database);
    const names = alarmNames(Template.fromStack(stack));
    expect(names).toContain('Stack-Database-DatabaseCpu');
    expect(names).not.toContain('Stack-Database-DatabaseReplicaLag');
    expect(created.map((a) => a.node.id)).not.toContain('DatabaseReplicaLag');
  });

  test('an aws-cdk-lib DatabaseCluster of the app: the alarm only with a reader', () => {
    for (const readers of [0, 1]) {
      const { stack, network, alarms } = build();
      const cluster = new rds.DatabaseCluster(stack, 'Cluster', {
        engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
        vpc: network.vpc,
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        readers: readers ? [rds.ClusterInstance.serverlessV2('Reader')] : [],
      });
      alarms.monitorDatabaseCluster(cluster, { label: 'Db' });
      expect(alarmNames(Template.fromStack(stack)).includes('Stack-Db-DatabaseReplicaLag')).toBe(readers === 1);
    }
  });
});

describe('AlarmSet with StaticSiteWithApiOrigin', () => {
  test('the 5xx error rate of the site\'s distribution', () => {
    const { stack, alarms } = build();
    const site = new StaticSiteWithApiOrigin(stack, 'Site', {});
    alarms.monitorStaticSite(site);
    const props = alarm(Template.fromStack(stack), 'Site-Distribution5xxErrorRate');
    expect(metricStat(props).Metric.Dimensions).toEqual([
      { Name: 'DistributionId', Value: { Ref: expect.stringMatching(/^SiteDistribution/) } },
      { Name: 'Region', Value: 'Global' },
    ]);
  });

  test('a site in Tokyo is monitored from a us-east-1 stack with cross-region references', () => {
    const app = new App();
    const siteStack = new Stack(app, 'Site', { env: { account: VIRGINIA.account, region: 'ap-northeast-1' } });
    const site = new StaticSiteWithApiOrigin(siteStack, 'Site', {});
    const edge = new Stack(app, 'Edge', { env: VIRGINIA, crossRegionReferences: true });
    new AlarmSet(edge, 'Alarms').monitorStaticSite(site, { label: 'Site' });
    expect(() => app.synth()).not.toThrow();
    Template.fromStack(edge).resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmName: 'Edge-Site-Distribution5xxErrorRate' }, 1);
  });

  test('an AlarmSet in Tokyo alarms on its Tokyo site from a us-east-1 alarm stack that reads the distribution id', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: VIRGINIA.account, region: 'ap-northeast-1' } });
    const site = new StaticSiteWithApiOrigin(stack, 'Site', {});
    const alarms = new AlarmSet(stack, 'Alarms');
    alarms.monitorStaticSite(site);
    const assembly = app.synth();
    const edge = alarms.usEast1Stack!;
    expect(edge.dependencies).toContain(stack);
    const props = alarm(Template.fromStack(edge), 'Site-Distribution5xxErrorRate');
    // aws-cdk-lib's cross-region reference: an SSM parameter the site stack writes and the alarm stack reads.
    expect(JSON.stringify(metricStat(props).Metric.Dimensions[0].Value)).toContain('ExportsReader');
    const types = Object.values(assembly.getStackByName(stack.stackName).template.Resources).map((r: any) => r.Type);
    expect(types).toContain('Custom::CrossRegionExportWriter');
  });
});

describe('AlarmSet with RdsDatabase', () => {
  test('CPU, freeable memory, free storage, connections, read and write latency of the primary; no replica lag without replicas', () => {
    const { stack, network, alarms } = build();
    const database = new RdsDatabase(stack, 'Database', { vpc: network.vpc });
    const created = alarms.monitorRdsDatabase(database);
    const t = Template.fromStack(stack);
    expect(created).toHaveLength(6);
    expect(alarmNames(t)).toEqual([
      'Stack-Database-DatabaseConnections', 'Stack-Database-DatabaseCpu', 'Stack-Database-DatabaseFreeStorage',
      'Stack-Database-DatabaseFreeableMemory', 'Stack-Database-DatabaseReadLatency', 'Stack-Database-DatabaseWriteLatency',
    ]);
    const dimension = [{ Name: 'DBInstanceIdentifier', Value: { Ref: expect.stringMatching(/^DatabaseInstance/) } }];
    expect(metricStat(alarm(t, 'Database-DatabaseFreeStorage'))).toMatchObject({
      Metric: { MetricName: 'FreeStorageSpace', Namespace: 'AWS/RDS', Dimensions: dimension }, Stat: 'Minimum', Period: 300,
    });
    expect(alarm(t, 'Database-DatabaseFreeStorage')).toMatchObject({ Threshold: 2 * 1024 ** 3, ComparisonOperator: 'LessThanThreshold' });
    expect(metricStat(alarm(t, 'Database-DatabaseReadLatency'))).toMatchObject({ Metric: { MetricName: 'ReadLatency' }, Stat: 'Average', Period: 300 });
    expect(alarm(t, 'Database-DatabaseWriteLatency')).toMatchObject({ Threshold: 0.02, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarm(t, 'Database-DatabaseCpu').AlarmDescription).toContain(`RDS instance '${database.instanceIdentifier}'`);
  });

  test('replica lag in milliseconds, the maximum over the read replicas', () => {
    const { stack, network, alarms } = build();
    const database = new RdsDatabase(stack, 'Database', { vpc: network.vpc, readReplicas: 2 });
    expect(alarms.monitorRdsDatabase(database)).toHaveLength(7);
    const lag = alarm(Template.fromStack(stack), 'Database-DatabaseReplicaLag');
    expect(lag).toMatchObject({ Threshold: 1000, ComparisonOperator: 'GreaterThanThreshold' });
    const expression = lag.Metrics.find((m: any) => m.Expression);
    expect(expression.Expression).toBe('MAX([lag1, lag2]) * 1000');
    const stats = lag.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat);
    expect(stats.map((s: any) => [s.Metric.MetricName, s.Stat, s.Period])).toEqual([['ReplicaLag', 'Maximum', 300], ['ReplicaLag', 'Maximum', 300]]);
  });

  test('typed overrides and the rdsDatabases prop; the dashboard gets its row', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['us-east-1a', 'us-east-1b'] });
    const database = new RdsDatabase(stack, 'Database', { vpc: network.vpc });
    new AlarmSet(stack, 'Alarms', { rdsDatabases: [database], overrides: [{ alarm: AlarmKind.DATABASE_FREE_STORAGE, threshold: 5 * 1024 ** 3 }] });
    const t = Template.fromStack(stack);
    expect(alarm(t, 'Database-DatabaseFreeStorage')).toMatchObject({ Threshold: 5 * 1024 ** 3 });
    const body = JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('Database: RDS instance');
    expect(body).toContain('disk write latency (DatabaseWriteLatency)');
  });

  test('an override of an alarm kind RDS has not is refused', () => {
    const { stack, network, alarms } = build();
    const database = new RdsDatabase(stack, 'Database', { vpc: network.vpc });
    expect(() => alarms.monitorRdsDatabase(database, { overrides: [{ alarm: AlarmKind.DATABASE_ACU_UTILIZATION, threshold: 50 }] }))
      .toThrow("AlarmSet 'Stack/Alarms': options.overrides[0].alarm must be one of DatabaseCpu, DatabaseFreeableMemory, DatabaseFreeStorage");
  });

  test('metricReplicaLag without replicas is refused', () => {
    const { stack, network } = build();
    const database = new RdsDatabase(stack, 'Database', { vpc: network.vpc });
    expect(() => database.metricReplicaLag()).toThrow("RdsDatabase 'Stack/Database': metricReplicaLag (metric_replica_lag) needs read replicas; readReplicas (read_replicas) is 0");
  });
});
