import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { alarm, alarmNames, build, imported, VIRGINIA } from './alarm-set-fixtures';
import { AlarmKind, AlarmSet, AuroraCluster, FargateApiService, SecureVpc, StaticSiteWithApiOrigin } from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

describe('AlarmSet props form', () => {
  test('apiServices, databases and staticSites are monitored as their monitor* methods would', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: VIRGINIA });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['us-east-1a', 'us-east-1b'] });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE });
    const database = new AuroraCluster(stack, 'Database', { vpc: network.vpc });
    const site = new StaticSiteWithApiOrigin(stack, 'Site', {});
    // WHEN
    const alarms = new AlarmSet(stack, 'Alarms', {
      apiServices: [api],
      databases: [database],
      staticSites: [site],
      overrides: [{ alarm: AlarmKind.DATABASE_CONNECTIONS, threshold: 400 }],
    });
    // THEN
    const t = Template.fromStack(stack);
    const names = alarmNames(t);
    expect(names).toEqual(expect.arrayContaining([
      'Stack-Api-ServiceCpu', 'Stack-Api-LoadBalancer5xx', 'Stack-Api-TargetResponseTime',
      'Stack-Database-DatabaseCpu', 'Stack-Database-DatabaseConnections', 'Stack-Site-Distribution5xxErrorRate',
    ]));
    expect(alarm(t, 'Database-DatabaseConnections')).toMatchObject({ Threshold: 400 });
    expect(alarms.alarms).toHaveLength(names.length);
  });
});

describe('AlarmSet Container Insights check', () => {
  function monitored(clusterProps: Partial<ecs.ClusterProps>) {
    const { stack, alarms } = build();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('App', { image: IMAGE });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, ...clusterProps });
    alarms.monitorFargateService(new ecs.FargateService(stack, 'Service', { cluster, taskDefinition }));
    return Annotations.fromStack(stack);
  }

  test('warns when a cluster of the app has Container Insights off (the running tasks alarm would never clear)', () => {
    monitored({}).hasWarning('/Stack/Alarms', Match.stringLikeRegexp('Container Insights off'));
  });

  test('is quiet when the cluster has Container Insights on', () => {
    monitored({ containerInsightsV2: ecs.ContainerInsights.ENABLED }).hasNoWarning('/Stack/Alarms', Match.stringLikeRegexp('Container Insights'));
  });

  test('is quiet for an imported cluster, which it cannot check', () => {
    const { stack, alarms } = build();
    alarms.monitorFargateService(imported(stack).service);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Alarms', Match.stringLikeRegexp('Container Insights'));
  });
});

describe('AlarmSet dashboard props', () => {
  test('a dashboard name with createDashboard false is refused, not ignored', () => {
    expect(() => build({ createDashboard: false, dashboardName: 'webapp' })).toThrow(
      "AlarmSet 'Stack/Alarms': dashboardName (dashboard_name) and createDashboard (create_dashboard) conflict: a dashboard name needs createDashboard true (or left out)",
    );
  });

  test('a dashboard name CloudWatch cannot take', () => {
    expect(() => build({ dashboardName: 'web app' })).toThrow(
      "AlarmSet 'Stack/Alarms': dashboardName (dashboard_name) must be 1 to 255 letters, digits, - or _; got 'web app'",
    );
  });
});

describe('AlarmSet refusals of alarm windows', () => {
  test('a period that is not whole minutes', () => {
    expect(() => build({ overrides: [{ alarm: AlarmKind.SERVICE_CPU, period: Duration.seconds(30) }] })).toThrow(
      "AlarmSet 'Stack/Alarms': overrides[0].period must be a whole number of minutes, at least 1 (these AWS metrics are published once a minute; shorter periods never get data); got '30 seconds'",
    );
  });

  test('datapoints to alarm of 0', () => {
    expect(() => build({ overrides: [{ alarm: AlarmKind.SERVICE_CPU, datapointsToAlarm: 0 }] })).toThrow(
      "AlarmSet 'Stack/Alarms': overrides[0].datapointsToAlarm (overrides[0].datapoints_to_alarm) must be a whole number of at least 1; got 0",
    );
  });

  test('datapoints to alarm are checked against the evaluation periods another override list sets', () => {
    // GIVEN the set raises the evaluation periods, a call raises the datapoints within them
    const { stack, alarms, template } = build({ overrides: [{ alarm: AlarmKind.SERVICE_CPU, evaluationPeriods: 10, datapointsToAlarm: 6 }] });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api', overrides: [{ alarm: AlarmKind.SERVICE_CPU, datapointsToAlarm: 8 }] });
    // THEN accepted, with both applied
    expect(alarm(template(), 'Api-ServiceCpu')).toMatchObject({ EvaluationPeriods: 10, DatapointsToAlarm: 8 });
  });

  test('datapoints to alarm above the evaluation periods once every override applies', () => {
    const { stack, alarms } = build();
    const overrides = [{ alarm: AlarmKind.SERVICE_CPU, datapointsToAlarm: 6 }];
    expect(() => alarms.monitorFargateService(imported(stack).service, { overrides })).toThrow(
      "AlarmSet 'Stack/Alarms': overrides of ServiceCpu: datapointsToAlarm must be at most evaluationPeriods (5 once every override applies); got 6",
    );
  });

  test('an evaluation window longer than CloudWatch evaluates', () => {
    const { stack, alarms } = build({ overrides: [{ alarm: AlarmKind.SERVICE_MEMORY, evaluationPeriods: 1441 }] });
    expect(() => alarms.monitorFargateService(imported(stack).service)).toThrow(
      "AlarmSet 'Stack/Alarms': overrides of ServiceMemory: period × evaluationPeriods must be at most 1 day (7 days when the period is 1 hour or more), the longest window CloudWatch evaluates; got '1441 × 1 minute'",
    );
  });

  test('hourly periods may span up to 7 days', () => {
    const overrides = [{ alarm: AlarmKind.SERVICE_MEMORY, period: Duration.hours(1), evaluationPeriods: 168 }];
    const { stack, alarms, template } = build({ overrides });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    expect(alarm(template(), 'Api-ServiceMemory')).toMatchObject({ EvaluationPeriods: 168 });
  });
});

describe('AlarmSet refusals of budget thresholds', () => {
  test('the same percentage twice', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 10, actualThresholdPercents: [80, 80] } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.actualThresholdPercents (budget.actual_threshold_percents) must not repeat a percentage (AWS Budgets refuses two identical notifications); got [80, 80]",
    );
  });

  test('a budget name AWS Budgets cannot take', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 10, budgetName: 'web:app' } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.budgetName (budget.budget_name) must be 1 to 100 characters without : or \\ (the AWS Budgets rule); got 'web:app'",
    );
  });
});

describe('AlarmSet values resolved at deploy time', () => {
  test('email addresses, Slack ids and budget percentages that are tokens are not refused', () => {
    const later = (value: string) => Lazy.string({ produce: () => value });
    const t = build({
      emailAddresses: [later('ops@example.com')],
      slack: { workspaceId: later('T0123ABCD'), channelId: later('C0123ABCD') },
      budget: { monthlyLimitUsd: 10, actualThresholdPercents: [Lazy.number({ produce: () => 90 })] },
    }).template();
    t.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'ops@example.com' });
    t.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', { SlackWorkspaceId: 'T0123ABCD', SlackChannelId: 'C0123ABCD' });
    t.hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: Match.arrayWith([Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 90 }) })]),
    });
  });
});

describe('AlarmSet alarm names across AlarmSets', () => {
  test('two AlarmSets of one stack that would name an alarm alike are refused', () => {
    const { stack, alarms } = build();
    const { service } = imported(stack);
    alarms.monitorFargateService(service, { label: 'Api' });
    const second = new AlarmSet(stack, 'MoreAlarms');
    expect(() => second.monitorFargateService(service, { label: 'Api' })).toThrow(
      "AlarmSet 'Stack/MoreAlarms': alarmNamePrefix (alarm_name_prefix) must keep alarm names unique in the stack: another AlarmSet already named an alarm 'Stack-Api-ServiceCpu' (give each AlarmSet its own alarmNamePrefix, or another label); got 'Stack'",
    );
  });

  test('their own prefixes keep them apart', () => {
    const { stack, alarms, template } = build();
    const { service } = imported(stack);
    alarms.monitorFargateService(service, { label: 'Api' });
    new AlarmSet(stack, 'MoreAlarms', { alarmNamePrefix: 'team-b' }).monitorFargateService(service, { label: 'Api' });
    expect(alarmNames(template())).toContain('team-b-Api-ServiceCpu');
  });
});

describe('AlarmSet refusals of repeated email addresses', () => {
  test('the same address twice', () => {
    expect(() => build({ emailAddresses: ['ops@example.com', 'OPS@example.com'] })).toThrow(
      "AlarmSet 'Stack/Alarms': emailAddresses[1] (email_addresses[1]) must not repeat an address (each would be subscribed twice); got 'OPS@example.com'",
    );
  });
});

describe('AlarmSet thresholds that look written in another unit', () => {
  test('freeable memory under 1 MiB warns that the threshold is in bytes', () => {
    const { stack } = build({ overrides: [{ alarm: AlarmKind.DATABASE_FREEABLE_MEMORY, threshold: 256 }] });
    Annotations.fromStack(stack).hasWarning('/Stack/Alarms', Match.stringLikeRegexp('overrides\\[0\\].threshold of DatabaseFreeableMemory: 256 bytes is less than 1 MiB'));
  });

  test('a response time over 60 s warns that the threshold is in seconds', () => {
    const { stack } = build({ overrides: [{ alarm: AlarmKind.TARGET_RESPONSE_TIME, threshold: 500 }] });
    Annotations.fromStack(stack).hasWarning('/Stack/Alarms', Match.stringLikeRegexp('500 seconds is more than a load balancer waits'));
  });

  test('plausible thresholds do not warn', () => {
    const overrides = [
      { alarm: AlarmKind.DATABASE_FREEABLE_MEMORY, threshold: 512 * 1024 * 1024 },
      { alarm: AlarmKind.TARGET_RESPONSE_TIME, threshold: 0.5 },
    ];
    const { stack } = build({ overrides });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Alarms', Match.anyValue());
  });
});

describe('AlarmSet stateful resources under harmless prop changes', () => {
  test('emails, Slack, a budget, OK notifications, names and overrides keep the key and topics as they are', () => {
    // GIVEN the same AlarmSet, before and after a round of harmless changes
    const stateful = (props: any) => {
      const resources = build(props).template().toJSON().Resources;
      return Object.fromEntries(Object.entries(resources)
        .filter(([, r]: [string, any]) => r.Type === 'AWS::SNS::Topic' || r.Type === 'AWS::KMS::Key')
        .map(([id, r]: [string, any]) => [id, r.Type === 'AWS::KMS::Key' ? { ...r.Properties, KeyPolicy: undefined } : r.Properties]));
    };
    const before = stateful({});
    const after = stateful({
      emailAddresses: ['ops@example.com'],
      slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' },
      budget: { monthlyLimitUsd: 100 },
      okNotifications: false,
      alarmNamePrefix: 'webapp',
      dashboardName: 'webapp',
      overrides: [{ alarm: AlarmKind.SERVICE_CPU, threshold: 70 }],
    });
    // THEN the same logical ids with the same properties (only the key policy may gain statements)
    expect(Object.keys(before)).toHaveLength(3);
    expect(after).toEqual(before);
  });
});
