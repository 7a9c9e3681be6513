import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { alarm, metricStat, VIRGINIA } from './alarm-set-fixtures';
import { build, IMAGE, ServiceOptions } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { AlarmKind, AlarmSet, EnvironmentProfile, FargateApiService, ScheduledScaling, SecureVpc } from '../src';

const TOKYO_NIGHTS = ScheduledScaling.dailyStop({ stopAt: '22:00', startAt: '08:30', timeZone: 'Asia/Tokyo' });

function scheduledActions(template: Template): any[] {
  const target: any = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalableTarget'))[0];
  return target.Properties.ScheduledActions ?? [];
}

describe('FargateApiService scheduled scaling', () => {
  test('dailyStop: 0 tasks at 22:00 and back to the bounds at 08:30, Asia/Tokyo', () => {
    const { template } = build({ profile: EnvironmentProfile.dev(), scheduledScaling: TOKYO_NIGHTS });
    expect(scheduledActions(template)).toEqual([
      { ScheduledActionName: 'DailyStop', Schedule: 'cron(0 22 * * ? *)', Timezone: 'Asia/Tokyo', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } },
      { ScheduledActionName: 'DailyStart', Schedule: 'cron(30 8 * * ? *)', Timezone: 'Asia/Tokyo', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 3 } },
    ]);
  });

  test('dailyStop starts again with the bounds that were given', () => {
    const { template } = build({ minCapacity: 2, maxCapacity: 6, scheduledScaling: TOKYO_NIGHTS });
    expect(scheduledActions(template)[1].ScalableTargetAction).toEqual({ MinCapacity: 2, MaxCapacity: 6 });
  });

  test('custom: each change with its schedule, bounds and time zone', () => {
    const { template } = build({
      scheduledScaling: ScheduledScaling.custom('Europe/Paris', [
        { name: 'WeekdayPeak', schedule: appscaling.Schedule.cron({ weekDay: 'MON-FRI', hour: '9', minute: '0' }), minCapacity: 4 },
        { name: 'Weekend', schedule: appscaling.Schedule.cron({ weekDay: 'SAT', hour: '0', minute: '0' }), maxCapacity: 2 },
      ]),
    });
    expect(scheduledActions(template)).toEqual([
      { ScheduledActionName: 'WeekdayPeak', Schedule: 'cron(0 9 ? * MON-FRI *)', Timezone: 'Europe/Paris', ScalableTargetAction: { MinCapacity: 4 } },
      { ScheduledActionName: 'Weekend', Schedule: 'cron(0 0 ? * SAT *)', Timezone: 'Europe/Paris', ScalableTargetAction: { MaxCapacity: 2 } },
    ]);
  });

  test('no schedule, no scheduled action', () => {
    expect(scheduledActions(build().template)).toEqual([]);
  });

  test('scalesToZero: a daily stop, a change to 0 or minCapacity 0; not otherwise', () => {
    expect(build({ scheduledScaling: TOKYO_NIGHTS }).api.scalesToZero).toBe(true);
    expect(build({ minCapacity: 0 }).api.scalesToZero).toBe(true);
    const peak = ScheduledScaling.custom('UTC', [{ name: 'Peak', schedule: appscaling.Schedule.cron({ hour: '9', minute: '0' }), minCapacity: 4 }]);
    expect(build({ scheduledScaling: peak }).api.scalesToZero).toBe(false);
    expect(build().api.scalesToZero).toBe(false);
  });

  test('cdk-nag clean', () => {
    expectNagClean(build({ scheduledScaling: TOKYO_NIGHTS }).api);
  });
});

describe('FargateApiService scheduled scaling refusals', () => {
  const refused = (props: ServiceOptions) => () => build(props);
  test('a time that is not HH:MM', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.dailyStop({ stopAt: '10pm', startAt: '08:00', timeZone: 'UTC' }) }))
      .toThrow("FargateApiService 'Stack/Api': scheduledScaling.stopAt (scheduled_scaling.stop_at) must be a time of day 'HH:MM' (00:00-23:59); got '10pm'");
    expect(refused({ scheduledScaling: ScheduledScaling.dailyStop({ stopAt: '22:00', startAt: '24:00', timeZone: 'UTC' }) }))
      .toThrow("scheduledScaling.startAt (scheduled_scaling.start_at) must be a time of day 'HH:MM' (00:00-23:59); got '24:00'");
  });
  test('the same stop and start time', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.dailyStop({ stopAt: '22:00', startAt: '22:00', timeZone: 'UTC' }) }))
      .toThrow("scheduledScaling.startAt (scheduled_scaling.start_at) must differ from stopAt; got '22:00'");
  });
  test('an unknown time zone', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.dailyStop({ stopAt: '22:00', startAt: '08:00', timeZone: 'Tokyo' }) }))
      .toThrow("scheduledScaling.timeZone (scheduled_scaling.time_zone) must be an IANA time zone name such as 'Asia/Tokyo' or 'UTC'; got 'Tokyo'");
  });
  const cron = appscaling.Schedule.cron({ hour: '1', minute: '0' });
  test('a change that sets neither bound', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.custom('UTC', [{ name: 'Noop', schedule: cron }]) }))
      .toThrow("scheduledScaling.changes[0] (scheduled_scaling.changes[0]) must set minCapacity, maxCapacity or both; got 'Noop'");
  });
  test('a change whose minimum exceeds its maximum', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.custom('UTC', [{ name: 'Bad', schedule: cron, minCapacity: 3, maxCapacity: 2 }]) }))
      .toThrow('scheduledScaling.changes[0].minCapacity (scheduled_scaling.changes[0].min_capacity) must not exceed its maxCapacity (2); got 3');
  });
  test('a negative bound', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.custom('UTC', [{ name: 'Bad', schedule: cron, maxCapacity: -1 }]) }))
      .toThrow('scheduledScaling.changes[0].maxCapacity (scheduled_scaling.changes[0].max_capacity) must be a whole number between 0 and 5000; got -1');
  });
  test('two changes of one name', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.custom('UTC', [{ name: 'A', schedule: cron, minCapacity: 1 }, { name: 'A', schedule: cron, minCapacity: 2 }]) }))
      .toThrow("scheduledScaling.changes[1].name (scheduled_scaling.changes[1].name) must be unique among the changes; got 'A'");
  });
  test('a name that is not letters and digits', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.custom('UTC', [{ name: 'night stop', schedule: cron, maxCapacity: 0 }]) }))
      .toThrow("scheduledScaling.changes[0].name (scheduled_scaling.changes[0].name) must be 1-64 letters or digits; got 'night stop'");
  });
  test('an empty list', () => {
    expect(refused({ scheduledScaling: ScheduledScaling.custom('UTC', []) })).toThrow("scheduledScaling (scheduled_scaling) must list at least one change; got '[]'");
  });
});

describe('AlarmSet and a service that scales to zero', () => {
  function monitored(props: ServiceOptions) {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: VIRGINIA });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['us-east-1a', 'us-east-1b'] });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props });
    const alarms = new AlarmSet(stack, 'Alarms', props.profile ? { profile: props.profile } : {});
    alarms.monitorFargateApiService(api);
    return { alarms, template: Template.fromStack(stack) };
  }

  test('scheduled to zero: the running-tasks alarm reads running tasks only while tasks are wanted, and missing data does not breach', () => {
    const running = alarm(monitored({ profile: EnvironmentProfile.dev(), scheduledScaling: TOKYO_NIGHTS }).template, 'Api-ServiceRunningTasks');
    expect(running).toMatchObject({ Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'notBreaching' });
    const expression = running.Metrics.find((m: any) => m.Expression);
    expect(expression).toMatchObject({ Expression: 'IF(desired >= 1, running, 1)', ReturnData: true });
    const names = running.Metrics.filter((m: any) => m.MetricStat).map((m: any) => [m.Id, m.MetricStat.Metric.MetricName, m.MetricStat.Stat]);
    expect(names).toEqual(expect.arrayContaining([['running', 'RunningTaskCount', 'Minimum'], ['desired', 'DesiredTaskCount', 'Maximum']]));
  });

  test('minCapacity 0 alone gets the same alarm', () => {
    const running = alarm(monitored({ minCapacity: 0 }).template, 'Api-ServiceRunningTasks');
    expect(running.Metrics.find((m: any) => m.Expression).Expression).toBe('IF(desired >= 1, running, 1)');
  });

  test('a service that never scales to zero keeps the plain alarm that breaches on missing data', () => {
    const running = alarm(monitored({}).template, 'Api-ServiceRunningTasks');
    expect(running.TreatMissingData).toBe('breaching');
    expect(running.Metrics.map((m: any) => m.Expression).filter(Boolean)).toEqual([]);
    expect(metricStat(running).Metric.MetricName).toBe('RunningTaskCount');
  });

  test('an explicit treatMissingData override still wins', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: VIRGINIA });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['us-east-1a', 'us-east-1b'] });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, scheduledScaling: TOKYO_NIGHTS });
    new AlarmSet(stack, 'Alarms').monitorFargateApiService(api, {
      overrides: [{ alarm: AlarmKind.SERVICE_RUNNING_TASKS, treatMissingData: cloudwatch.TreatMissingData.BREACHING }],
    });
    expect(alarm(Template.fromStack(stack), 'Api-ServiceRunningTasks').TreatMissingData).toBe('breaching');
  });
});
