import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { alarm, alarmNames, build, imported, metricStat, TOKYO } from './alarm-set-fixtures';
import { AlarmKind, AlarmSeverity, EnvironmentProfile } from '../src';

const CRITICAL = [{ Ref: expect.stringMatching(/^AlarmsAlarmTopic/) }];
const WARNING = [{ Ref: expect.stringMatching(/^AlarmsWarningTopic/) }];

describe('AlarmSet ECS service alarms', () => {
  function monitored() {
    const { stack, alarms, template } = build();
    const created = alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    return { created, template: template() };
  }

  test('CPU above 80% for 5 of 5 minutes is a warning', () => {
    const props = alarm(monitored().template, 'Api-ServiceCpu');
    expect(props).toMatchObject({ Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 5, DatapointsToAlarm: 5, TreatMissingData: 'notBreaching' });
    expect(metricStat(props)).toMatchObject({ Metric: { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization' }, Period: 60, Stat: 'Average' });
    expect(metricStat(props).Metric.Dimensions).toEqual([{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'api' }]);
    expect(props.AlarmActions).toEqual(WARNING);
  });

  test('memory above 80% is a warning', () => {
    const props = alarm(monitored().template, 'Api-ServiceMemory');
    expect(props).toMatchObject({ Threshold: 80, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricStat(props).Metric.MetricName).toBe('MemoryUtilization');
    expect(props.AlarmActions).toEqual(WARNING);
  });

  test('fewer than 1 running task is critical and missing data breaches', () => {
    const props = alarm(monitored().template, 'Api-ServiceRunningTasks');
    expect(props).toMatchObject({ Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching', EvaluationPeriods: 3 });
    expect(metricStat(props).Metric).toMatchObject({ Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount' });
    expect(props.AlarmActions).toEqual(CRITICAL);
  });

  test('names and descriptions say what broke and where', () => {
    const props = alarm(monitored().template, 'Api-ServiceRunningTasks');
    expect(props.AlarmName).toBe('Stack-Api-ServiceRunningTasks');
    expect(props.AlarmDescription).toBe(
      "CRITICAL: running task count of ECS service 'api' in cluster 'prod' is < 1 (3 of 3 periods of 1 minute). "
      + "The service is down: read the ECS service events and the stopped tasks' reasons (needs Container Insights). Raised by AlarmSet Stack/Alarms.",
    );
  });

  test('returns the alarms and exposes them on the set', () => {
    const { stack, alarms } = build();
    const created = alarms.monitorFargateService(imported(stack).service);
    expect(created).toHaveLength(3);
    expect(alarms.alarms).toEqual(created);
  });

  test('accepts a FargateService defined in the app', () => {
    const { stack, alarms, template } = build();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('App', { image: ecs.ContainerImage.fromRegistry('nginx') });
    const service = new ecs.FargateService(stack, 'Service', { cluster: new ecs.Cluster(stack, 'Cluster', { vpc }), taskDefinition });
    alarms.monitorFargateService(service);
    expect(alarmNames(template())).toEqual(['Stack-Service-ServiceCpu', 'Stack-Service-ServiceMemory', 'Stack-Service-ServiceRunningTasks']);
  });
});

describe('AlarmSet load balancer alarms', () => {
  function template() {
    const { stack, alarms, template: t } = build();
    const { loadBalancer, targetGroup } = imported(stack);
    alarms.monitorLoadBalancer(loadBalancer, targetGroup, { label: 'Web' });
    return t();
  }

  test('load balancer 5xx above 10 in 5 minutes is critical', () => {
    const props = alarm(template(), 'Web-LoadBalancer5xx');
    expect(props).toMatchObject({ Threshold: 10, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricStat(props)).toMatchObject({ Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count' }, Period: 300, Stat: 'Sum' });
    expect(props.AlarmActions).toEqual(CRITICAL);
  });

  test('target 5xx above 10 in 5 minutes is a warning', () => {
    const props = alarm(template(), 'Web-Target5xx');
    expect(props).toMatchObject({ Threshold: 10 });
    expect(metricStat(props)).toMatchObject({ Metric: { MetricName: 'HTTPCode_Target_5XX_Count' }, Period: 300, Stat: 'Sum' });
  });

  test('p95 target response time above 1 s', () => {
    const props = alarm(template(), 'Web-TargetResponseTime');
    expect(props).toMatchObject({ Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(metricStat(props)).toMatchObject({ Metric: { MetricName: 'TargetResponseTime' }, Stat: 'p95' });
  });

  test('descriptions name the target group and the load balancer', () => {
    expect(alarm(template(), 'Web-LoadBalancer5xx').AlarmDescription).toMatch(/^CRITICAL: load balancer 5xx count of target group '.*' of load balancer 'web' is > 10 /);
  });

  test('unhealthy hosts above 0', () => {
    const props = alarm(template(), 'Web-UnhealthyHosts');
    expect(props).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricStat(props)).toMatchObject({ Metric: { MetricName: 'UnHealthyHostCount' }, Stat: 'Maximum' });
    expect(metricStat(props).Metric.Dimensions.map((d: any) => d.Name).sort()).toEqual(['LoadBalancer', 'TargetGroup']);
  });
});

describe('AlarmSet Aurora alarms', () => {
  function template(serverless?: boolean) {
    const { stack, alarms, template: t } = build();
    alarms.monitorDatabaseCluster(imported(stack).database, { label: 'Db', serverless });
    return t();
  }

  test('CPU above 80%', () => {
    const props = alarm(template(), 'Db-DatabaseCpu');
    expect(props).toMatchObject({ Threshold: 80 });
    expect(metricStat(props)).toMatchObject({ Metric: { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'orders' }] } });
  });

  test('freeable memory below 256 MiB', () => {
    const props = alarm(template(), 'Db-DatabaseFreeableMemory');
    expect(props).toMatchObject({ Threshold: 268435456, ComparisonOperator: 'LessThanThreshold' });
    expect(props.AlarmDescription).toContain('is < 256 MiB');
  });

  test('connections above 100', () => {
    expect(alarm(template(), 'Db-DatabaseConnections')).toMatchObject({ Threshold: 100, ComparisonOperator: 'GreaterThanThreshold' });
  });

  test('replica lag above 1000 ms', () => {
    const props = alarm(template(), 'Db-DatabaseReplicaLag');
    expect(props).toMatchObject({ Threshold: 1000 });
    expect(metricStat(props)).toMatchObject({ Metric: { MetricName: 'AuroraReplicaLagMaximum' }, Stat: 'Maximum' });
  });

  test('ACU utilization above 90% only for serverless clusters', () => {
    expect(alarm(template(true), 'Db-DatabaseAcuUtilization')).toMatchObject({ Threshold: 90 });
    expect(alarmNames(template(false))).not.toContain('Stack-Db-DatabaseAcuUtilization');
    expect(alarmNames(template())).not.toContain('Stack-Db-DatabaseAcuUtilization');
  });

  test('a Serverless v2 cluster of the app is detected', () => {
    const { stack, alarms, template: t } = build();
    const cluster = new rds.DatabaseCluster(stack, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0 }),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    alarms.monitorDatabaseCluster(cluster, { label: 'Db' });
    expect(alarmNames(t())).toContain('Stack-Db-DatabaseAcuUtilization');
  });
});

describe('AlarmSet CloudFront alarm', () => {
  test('5xx error rate above 5% is critical, on the us-east-1 metric', () => {
    const { stack, alarms, template } = build();
    alarms.monitorDistribution(imported(stack).distribution, { label: 'Cdn' });
    const props = alarm(template(), 'Cdn-Distribution5xxErrorRate');
    expect(props).toMatchObject({ Threshold: 5, EvaluationPeriods: 2, DatapointsToAlarm: 2 });
    expect(metricStat(props).Metric).toMatchObject({ Namespace: 'AWS/CloudFront', MetricName: '5xxErrorRate' });
    expect(metricStat(props).Metric.Dimensions).toEqual([{ Name: 'DistributionId', Value: 'E2EXAMPLE' }, { Name: 'Region', Value: 'Global' }]);
    expect(props.AlarmActions).toEqual(CRITICAL);
  });

  test('an environment-agnostic stack gets a warning about the region', () => {
    const { stack, alarms } = build(undefined, {});
    alarms.monitorDistribution(imported(stack).distribution);
    Annotations.fromStack(stack).hasWarning('/Stack/Alarms', Match.stringLikeRegexp('only in us-east-1'));
  });

  test('outside us-east-1 the alarm goes to the us-east-1 alarm stack, notifying a mirrored topic there', () => {
    const { app, stack, alarms, template } = build(undefined, TOKYO);
    const created = alarms.monitorDistribution(imported(stack).distribution, { label: 'Cdn' });
    expect(Stack.of(created[0]).region).toBe('us-east-1');
    expect(alarms.usEast1Stack?.stackName).toBe('Stack-ap-northeast-1-UsEast1Alarms');
    template().resourceCountIs('AWS::CloudWatch::Alarm', 0);
    const edge = Template.fromStack(alarms.usEast1Stack!);
    const props = alarm(edge, 'Cdn-Distribution5xxErrorRate');
    expect(props.AlarmName).toBe('Stack-ap-northeast-1-UsEast1Alarms-Cdn-Distribution5xxErrorRate');
    expect(props.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
    edge.resourceCountIs('AWS::SNS::Topic', 2);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('AlarmSet overrides', () => {
  function cpu(setOverrides?: any[], callOverrides?: any[]) {
    const { stack, alarms, template } = build({ overrides: setOverrides });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api', overrides: callOverrides });
    return alarm(template(), 'Api-ServiceCpu');
  }

  test('threshold', () => {
    expect(cpu([{ alarm: AlarmKind.SERVICE_CPU, threshold: 70 }])).toMatchObject({ Threshold: 70 });
  });

  test('period', () => {
    expect(metricStat(cpu([{ alarm: AlarmKind.SERVICE_CPU, period: Duration.minutes(5) }])).Period).toBe(300);
  });

  test('evaluation periods (datapoints follow them)', () => {
    expect(cpu([{ alarm: AlarmKind.SERVICE_CPU, evaluationPeriods: 10 }])).toMatchObject({ EvaluationPeriods: 10, DatapointsToAlarm: 10 });
  });

  test('datapoints to alarm', () => {
    const props = cpu([{ alarm: AlarmKind.SERVICE_CPU, evaluationPeriods: 10, datapointsToAlarm: 7 }]);
    expect(props).toMatchObject({ EvaluationPeriods: 10, DatapointsToAlarm: 7 });
  });

  test('severity decides the topic', () => {
    expect(cpu([{ alarm: AlarmKind.SERVICE_CPU, severity: AlarmSeverity.CRITICAL }]).AlarmActions).toEqual(CRITICAL);
  });

  test('treat missing data', () => {
    expect(cpu([{ alarm: AlarmKind.SERVICE_CPU, treatMissingData: cloudwatch.TreatMissingData.MISSING }])).toMatchObject({ TreatMissingData: 'missing' });
  });

  test('enabled false removes the alarm but keeps its graph', () => {
    const { stack, alarms, template } = build();
    alarms.monitorFargateService(imported(stack).service, { label: 'Api', overrides: [{ alarm: AlarmKind.SERVICE_MEMORY, enabled: false }] });
    expect(alarmNames(template())).toEqual(['Stack-Api-ServiceCpu', 'Stack-Api-ServiceRunningTasks']);
    expect(JSON.stringify(template().findResources('AWS::CloudWatch::Dashboard'))).toContain('MemoryUtilization');
  });

  test('a call override wins over a set override, which wins over the default', () => {
    const props = cpu([{ alarm: AlarmKind.SERVICE_CPU, threshold: 70, evaluationPeriods: 3 }], [{ alarm: AlarmKind.SERVICE_CPU, threshold: 60 }]);
    expect(props).toMatchObject({ Threshold: 60, EvaluationPeriods: 3 });
  });

  test('an override of another kind leaves this alarm alone', () => {
    expect(cpu([{ alarm: AlarmKind.DATABASE_CPU, threshold: 50 }])).toMatchObject({ Threshold: 80 });
  });
});

describe('AlarmSet labels, names and dashboard', () => {
  test('alarmNamePrefix starts every alarm name', () => {
    const { stack, alarms, template } = build({ alarmNamePrefix: 'webapp-prod' });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    expect(alarm(template(), 'Api-ServiceCpu').AlarmName).toBe('webapp-prod-Api-ServiceCpu');
  });

  test('the label defaults to the construct path below the stack', () => {
    const { stack, alarms, template } = build();
    alarms.monitorDatabaseCluster(imported(stack).database);
    expect(alarmNames(template())).toContain('Stack-Db-DatabaseCpu');
  });

  test('a dashboard with a row per resource: a heading then its graphs with thresholds', () => {
    const { stack, alarms, template } = build({ dashboardName: 'webapp' });
    const resources = imported(stack);
    alarms.monitorFargateService(resources.service, { label: 'Api' });
    alarms.monitorDatabaseCluster(resources.database, { label: 'Db' });
    const dashboard: any = Object.values(template().findResources('AWS::CloudWatch::Dashboard'))[0];
    expect(dashboard.Properties.DashboardName).toBe('webapp');
    const body = JSON.parse(Stack.of(alarms).resolve(dashboard.Properties.DashboardBody)['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : 'X')).join(''));
    const widgets = body.widgets;
    expect(widgets.map((w: any) => w.type)).toEqual(['text', 'metric', 'metric', 'metric', 'text', 'metric', 'metric', 'metric', 'metric']);
    expect(widgets[0].properties.markdown).toContain('### Api: ECS service');
    expect(widgets[1]).toMatchObject({ width: 8, y: 1 });
    expect(widgets[1].properties.annotations.horizontal[0].value).toBe(80);
  });

  test('createDashboard false creates none', () => {
    const { stack, alarms, template } = build({ createDashboard: false });
    alarms.monitorFargateService(imported(stack).service);
    template().resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(alarms.dashboard).toBeUndefined();
  });

  test('the dev profile leaves the dashboard out unless a dashboard name asks for one; staging and prod keep it', () => {
    expect(build({ profile: EnvironmentProfile.dev() }).alarms.dashboard).toBeUndefined();
    expect(build({ profile: EnvironmentProfile.dev(), dashboardName: 'dev-board' }).alarms.dashboard).toBeDefined();
    expect(build({ profile: EnvironmentProfile.dev(), createDashboard: true }).alarms.dashboard).toBeDefined();
    expect(build({ profile: EnvironmentProfile.staging() }).alarms.dashboard).toBeDefined();
    expect(build({ profile: EnvironmentProfile.prod() }).alarms.dashboard).toBeDefined();
  });
});

describe('AlarmSet refusals of alarm definitions', () => {
  test('a percentage threshold above 100', () => {
    expect(() => build({ overrides: [{ alarm: AlarmKind.SERVICE_CPU, threshold: 120 }] })).toThrow(
      "AlarmSet 'Stack/Alarms': overrides[0].threshold must be between 0 and 100 (ServiceCpu is a percentage); got 120",
    );
  });

  test('a negative count threshold', () => {
    const { stack, alarms } = build();
    const { loadBalancer, targetGroup } = imported(stack);
    expect(() => alarms.monitorLoadBalancer(loadBalancer, targetGroup, {
      overrides: [{ alarm: AlarmKind.LOAD_BALANCER_5XX, threshold: -1 }],
    })).toThrow("AlarmSet 'Stack/Alarms': options.overrides[0].threshold must be at least 0 (LoadBalancer5xx is a count); got -1");
  });

  test('evaluation periods below 1', () => {
    expect(() => build({ overrides: [{ alarm: AlarmKind.DATABASE_CPU, evaluationPeriods: 0 }] })).toThrow(
      "AlarmSet 'Stack/Alarms': overrides[0].evaluationPeriods (overrides[0].evaluation_periods) must be a whole number of at least 1; got 0",
    );
  });

  test('datapoints to alarm above evaluation periods', () => {
    expect(() => build({ overrides: [{ alarm: AlarmKind.SERVICE_CPU, evaluationPeriods: 3, datapointsToAlarm: 4 }] })).toThrow(
      "AlarmSet 'Stack/Alarms': overrides[0].datapointsToAlarm (overrides[0].datapoints_to_alarm) must be a whole number between 1 and evaluationPeriods (3); got 4",
    );
  });

  test('an override of another resource kind in a monitor call', () => {
    const { stack, alarms } = build();
    expect(() => alarms.monitorFargateService(imported(stack).service, { overrides: [{ alarm: AlarmKind.DATABASE_CPU, threshold: 50 }] })).toThrow(
      "AlarmSet 'Stack/Alarms': options.overrides[0].alarm must be one of ServiceCpu, ServiceMemory, ServiceRunningTasks here; got 'DatabaseCpu'",
    );
  });

  test('the same label twice', () => {
    const { stack, alarms } = build();
    const { service } = imported(stack);
    alarms.monitorFargateService(service, { label: 'Api' });
    expect(() => alarms.monitorFargateService(service, { label: 'Api' })).toThrow(
      "AlarmSet 'Stack/Alarms': options.label must be unique within the AlarmSet and differ from its own children (Dashboard, AlarmTopic, ...); pass options.label to tell resources apart; got 'Api'",
    );
  });

  test('a label with characters alarm names and ids cannot take', () => {
    const { stack, alarms } = build();
    expect(() => alarms.monitorFargateService(imported(stack).service, { label: 'my api' })).toThrow(
      "AlarmSet 'Stack/Alarms': options.label must be 1 to 64 letters, digits, - or _; got 'my api'",
    );
  });
});
