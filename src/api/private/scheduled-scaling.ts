// Scheduled scaling of an API service's task count (internal, not exported).
import { TimeZone, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { TaskCounts } from './validate-props';
import { checkKnownAtSynth, NAMES_CONSTRUCTS } from '../../private/input-rules';
import { checkInteger, invalidProp } from '../../private/validation';
import { ScheduledCapacityChange, ScheduledScaling } from '../scaling';

/** A time of day as `HH:MM` (24-hour clock). */
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Adds the scheduled actions of `schedule` to the scalable task count, after refusing what cannot work. */
export function scaleOnSchedule(scope: IConstruct, schedule: ScheduledScaling, scalableTaskCount: ecs.ScalableTaskCount, counts: TaskCounts): void {
  const timeZone = checkTimeZone(scope, schedule.timeZone);
  for (const change of scheduledChanges(scope, schedule, counts)) {
    scalableTaskCount.scaleOnSchedule(change.name, {
      schedule: change.schedule,
      minCapacity: change.minCapacity,
      maxCapacity: change.maxCapacity,
      timeZone,
    });
  }
}

/** The changes of a schedule: a daily stop becomes a stop to 0 and a start back to the service's bounds. */
function scheduledChanges(scope: IConstruct, schedule: ScheduledScaling, counts: TaskCounts): ScheduledCapacityChange[] {
  const daily = schedule.dailyStopOptions;
  if (daily) {
    const stop = timeOfDay(scope, 'scheduledScaling.stopAt', daily.stopAt);
    const start = timeOfDay(scope, 'scheduledScaling.startAt', daily.startAt);
    if (daily.stopAt === daily.startAt) invalidProp(scope, 'scheduledScaling.startAt', daily.startAt, 'must differ from stopAt');
    if (counts.minCapacity === 0 && counts.maxCapacity === 0) invalidProp(scope, 'maxCapacity', 0, 'must be above 0 to start the service again with a daily stop');
    return [
      { name: 'DailyStop', schedule: appscaling.Schedule.cron(stop), minCapacity: 0, maxCapacity: 0 },
      { name: 'DailyStart', schedule: appscaling.Schedule.cron(start), minCapacity: counts.minCapacity, maxCapacity: counts.maxCapacity },
    ];
  }
  if (schedule.changes.length === 0) invalidProp(scope, 'scheduledScaling', '[]', 'must list at least one change');
  const names = new Set<string>();
  schedule.changes.forEach((change, i) => {
    const prop = `scheduledScaling.changes[${i}]`;
    checkKnownAtSynth(scope, `${prop}.name`, change.name, NAMES_CONSTRUCTS);
    if (!/^[A-Za-z0-9]{1,64}$/.test(change.name)) invalidProp(scope, `${prop}.name`, change.name, 'must be 1-64 letters or digits');
    if (names.has(change.name)) invalidProp(scope, `${prop}.name`, change.name, 'must be unique among the changes');
    names.add(change.name);
    if (change.minCapacity === undefined && change.maxCapacity === undefined) {
      invalidProp(scope, prop, change.name, 'must set minCapacity, maxCapacity or both');
    }
    checkInteger(scope, `${prop}.minCapacity`, change.minCapacity, 0, 5000);
    checkInteger(scope, `${prop}.maxCapacity`, change.maxCapacity, 0, 5000);
    const { minCapacity: min, maxCapacity: max } = change;
    if (min !== undefined && max !== undefined && !Token.isUnresolved(min) && !Token.isUnresolved(max) && min > max) {
      invalidProp(scope, `${prop}.minCapacity`, min, `must not exceed its maxCapacity (${max})`);
    }
  });
  return schedule.changes;
}

/** `HH:MM` as cron fields. */
function timeOfDay(scope: IConstruct, prop: string, value: string): appscaling.CronOptions {
  const match = TIME_OF_DAY.exec(value);
  if (!match) invalidProp(scope, prop, value, "must be a time of day 'HH:MM' (00:00-23:59)");
  return { hour: String(Number(match[1])), minute: String(Number(match[2])) };
}

/** An IANA time zone name the JavaScript runtime knows (Application Auto Scaling takes the same names). */
function checkTimeZone(scope: IConstruct, name: string): TimeZone {
  if (!Token.isUnresolved(name)) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
    } catch {
      invalidProp(scope, 'scheduledScaling.timeZone', name, "must be an IANA time zone name such as 'Asia/Tokyo' or 'UTC'");
    }
  }
  return TimeZone.of(name);
}
