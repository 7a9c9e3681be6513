// The default definition of every alarm (alarms as data), how overrides apply to it and how they
// are validated (internal, not exported).
import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { AlarmKind, AlarmOverride, AlarmSeverity } from './alarm-definitions';
import { checkDuration } from '../private/input-rules';
import { invalidProp } from '../private/validation';

/** The unit of a metric: the range a threshold may take and how to print it. */
export interface ThresholdUnit {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly format: (value: number) => string;
  /** A warning when a threshold looks written in another unit (e.g. MiB for bytes), else undefined. */
  readonly implausible?: (value: number) => string | undefined;
}

const PERCENT: ThresholdUnit = { name: 'a percentage', min: 0, max: 100, format: (v) => `${v}%` };
const COUNT: ThresholdUnit = { name: 'a count', min: 0, max: Number.MAX_SAFE_INTEGER, format: (v) => `${v}` };
const SECONDS: ThresholdUnit = {
  name: 'a duration in seconds',
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  format: (v) => `${v} s`,
  implausible: (v) => (v > 60 ? `${v} seconds is more than a load balancer waits by default (60 s): is it in milliseconds? The threshold is in seconds` : undefined),
};
// Managed scaling reports up to 200 % while the group is empty and tasks wait (AWS ECS developer guide,
// "Amazon ECS cluster auto scaling", read 2026-12-01).
const RESERVATION: ThresholdUnit = { name: "a percentage of the group's capacity", min: 0, max: 200, format: (v) => `${v}%` };
const MILLISECONDS: ThresholdUnit = { name: 'a duration in milliseconds', min: 0, max: Number.MAX_SAFE_INTEGER, format: (v) => `${v} ms` };
const BYTES: ThresholdUnit = {
  name: 'a size in bytes',
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  format: (v) => (v >= 1024 * 1024 ? `${Math.round((v / (1024 * 1024)) * 10) / 10} MiB` : `${v} bytes`),
  implausible: (v) => (v > 0 && v < 1024 * 1024 ? `${v} bytes is less than 1 MiB: is it in MiB? The threshold is in bytes (e.g. 256 * 1024 * 1024)` : undefined),
};

/** One alarm, fully defined: the data an alarm is created from (internal). */
export interface AlarmDefinition {
  readonly kind: AlarmKind;
  /** What the metric measures, as a noun phrase for names and descriptions. */
  readonly title: string;
  readonly unit: ThresholdUnit;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly severity: AlarmSeverity;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  readonly enabled: boolean;
  /** The first thing the on-call engineer should look at. */
  readonly hint: string;
}

const GT = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const LT = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
const NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING;
const MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

type Row = Omit<AlarmDefinition, 'kind' | 'enabled'>;
type Window = [period: Duration, evaluationPeriods: number, datapointsToAlarm: number];
const WARNING = AlarmSeverity.WARNING;
const CRITICAL = AlarmSeverity.CRITICAL;

/** One row of the table: the alarm fires when `comparison threshold` holds for the window. */
function row(title: string, unit: ThresholdUnit, comparison: cloudwatch.ComparisonOperator, threshold: number, window: Window,
  severity: AlarmSeverity, hint: string, treatMissingData: cloudwatch.TreatMissingData = NOT_BREACHING): Row {
  const [period, evaluationPeriods, datapointsToAlarm] = window;
  return { title, unit, comparison, threshold, period, evaluationPeriods, datapointsToAlarm, severity, treatMissingData, hint };
}

/** The default definition of every alarm: the thresholds, in one table. */
const DEFAULTS: Record<AlarmKind, Row> = {
  [AlarmKind.SERVICE_CPU]: row('CPU utilization', PERCENT, GT, 80, [MINUTE, 5, 5], WARNING,
    'Check the auto scaling limits and the busiest endpoints.'),
  [AlarmKind.SERVICE_MEMORY]: row('memory utilization', PERCENT, GT, 80, [MINUTE, 5, 5], WARNING,
    'Look for a memory leak or raise the task memory.'),
  [AlarmKind.SERVICE_RUNNING_TASKS]: row('running task count', COUNT, LT, 1, [MINUTE, 3, 3], CRITICAL,
    'The service is down: read the ECS service events and the stopped tasks\' reasons (needs Container Insights).',
    cloudwatch.TreatMissingData.BREACHING),
  [AlarmKind.LOAD_BALANCER_5XX]: row('load balancer 5xx count', COUNT, GT, 10, [FIVE_MINUTES, 1, 1], CRITICAL,
    'The load balancer could not reach healthy targets: check target health and task restarts.'),
  [AlarmKind.TARGET_5XX]: row('target 5xx count', COUNT, GT, 10, [FIVE_MINUTES, 1, 1], WARNING,
    'The application returns errors: read its logs for the failing requests.'),
  [AlarmKind.TARGET_RESPONSE_TIME]: row('p95 target response time', SECONDS, GT, 1, [FIVE_MINUTES, 3, 2], WARNING,
    'Check the database and downstream latency and the service CPU.'),
  [AlarmKind.UNHEALTHY_HOSTS]: row('unhealthy target count', COUNT, GT, 0, [MINUTE, 3, 3], WARNING,
    'Targets fail their health check: read the task logs and the health check path.'),
  [AlarmKind.DATABASE_CPU]: row('CPU utilization', PERCENT, GT, 80, [FIVE_MINUTES, 3, 3], WARNING,
    'Find the expensive queries in Performance Insights or scale the instances up.'),
  [AlarmKind.DATABASE_FREEABLE_MEMORY]: row('freeable memory', BYTES, LT, 256 * 1024 * 1024, [FIVE_MINUTES, 3, 3], WARNING,
    'Memory is nearly exhausted: check connections and scale the instances up.'),
  [AlarmKind.DATABASE_CONNECTIONS]: row('database connections', COUNT, GT, 100, [FIVE_MINUTES, 3, 3], WARNING,
    'Check connection pool sizes and leaked connections; set the threshold to ~80% of max_connections.'),
  [AlarmKind.DATABASE_ACU_UTILIZATION]: row('ACU utilization', PERCENT, GT, 90, [FIVE_MINUTES, 3, 3], WARNING,
    'The cluster runs at its maximum capacity: raise the maximum ACU or tune the queries.'),
  [AlarmKind.DATABASE_REPLICA_LAG]: row('replica lag', MILLISECONDS, GT, 1000, [FIVE_MINUTES, 3, 3], WARNING,
    'Readers serve stale data: check the writer\'s write load and the reader size.'),
  [AlarmKind.CAPACITY_PROVIDER_RESERVATION]: row('capacity provider reservation', RESERVATION, GT, 100, [FIVE_MINUTES, 3, 3], WARNING,
    'Tasks wait for instances: the group is at its maximum size or cannot launch (read the Auto Scaling activity history).'),
  [AlarmKind.INSTANCE_STATUS_CHECK_FAILED]: row('instance status check failures', COUNT, GT, 0, [MINUTE, 3, 3], WARNING,
    'An instance is impaired: ECS drains it when the group replaces it; read its system log if it recurs.'),
  [AlarmKind.DATABASE_FREE_STORAGE]: row('free storage space', BYTES, LT, 2 * 1024 * 1024 * 1024, [FIVE_MINUTES, 3, 3], WARNING,
    'Storage is nearly full: storage autoscaling stops at maxAllocatedStorage; raise that ceiling or remove data.'),
  [AlarmKind.DATABASE_READ_LATENCY]: row('disk read latency', SECONDS, GT, 0.02, [FIVE_MINUTES, 3, 3], WARNING,
    'Disk reads are slow: compare read IOPS and throughput with the gp3 baseline, and look for queries scanning tables.'),
  [AlarmKind.DATABASE_WRITE_LATENCY]: row('disk write latency', SECONDS, GT, 0.02, [FIVE_MINUTES, 3, 3], WARNING,
    'Disk writes are slow: compare write IOPS and throughput with the gp3 baseline; a Multi-AZ standby adds a little latency to every write.'),
  [AlarmKind.DISTRIBUTION_5XX_ERROR_RATE]: row('5xx error rate', PERCENT, GT, 5, [FIVE_MINUTES, 2, 2], CRITICAL,
    'Users get errors: check the origins (ALB 5xx, S3) and recent deployments.'),
  [AlarmKind.AMPLIFY_5XX]: row('5xx errors', COUNT, GT, 10, [FIVE_MINUTES, 1, 1], CRITICAL,
    'The server-rendered pages fail: read the SSR compute logs (/aws/amplify/<appId>) and the API they call.'),
  [AlarmKind.AMPLIFY_LATENCY]: row('p95 time to first byte', MILLISECONDS, GT, 2000, [FIVE_MINUTES, 3, 2], WARNING,
    'Pages render slowly: check the API latency and the data the pages fetch.'),
};

/** The default definition of one alarm. */
export function defaultDefinition(kind: AlarmKind): AlarmDefinition {
  return { kind, enabled: true, ...DEFAULTS[kind] };
}

/** The definition with an override applied (validated separately by `validateOverride`). */
export function applyOverride(definition: AlarmDefinition, override: AlarmOverride): AlarmDefinition {
  const evaluationPeriods = override.evaluationPeriods ?? definition.evaluationPeriods;
  const datapointsToAlarm = override.datapointsToAlarm
    ?? (override.evaluationPeriods !== undefined ? evaluationPeriods : definition.datapointsToAlarm);
  return {
    ...definition,
    threshold: override.threshold ?? definition.threshold,
    period: override.period ?? definition.period,
    evaluationPeriods,
    datapointsToAlarm,
    severity: override.severity ?? definition.severity,
    treatMissingData: override.treatMissingData ?? definition.treatMissingData,
    enabled: override.enabled ?? definition.enabled,
  };
}

/** The comparison as a symbol for descriptions. */
export function comparisonSymbol(definition: AlarmDefinition): string {
  return definition.comparison === LT ? '<' : '>';
}

/**
 * Refuses an override list that cannot make a valid alarm: a threshold outside its metric's range,
 * evaluation periods < 1, a period that is not whole minutes, datapoints above the evaluation
 * periods, or an alarm of another resource kind. `prop` is how the caller names the list, e.g. `overrides` or `options.overrides`.
 */
export function validateOverrides(scope: IConstruct, prop: string, overrides: AlarmOverride[] | undefined, allowed?: AlarmKind[]): void {
  (overrides ?? []).forEach((override, i) => {
    const name = `${prop}[${i}]`;
    const kinds = allowed ?? Object.values(AlarmKind);
    if (!kinds.includes(override.alarm)) {
      invalidProp(scope, `${name}.alarm`, override.alarm, `must be one of ${kinds.join(', ')} here`);
    }
    const definition = defaultDefinition(override.alarm);
    const { unit } = definition;
    if (override.threshold !== undefined && !Token.isUnresolved(override.threshold)
      && (!Number.isFinite(override.threshold) || override.threshold < unit.min || override.threshold > unit.max)) {
      const range = unit.max === Number.MAX_SAFE_INTEGER ? `at least ${unit.min}` : `between ${unit.min} and ${unit.max}`;
      invalidProp(scope, `${name}.threshold`, override.threshold, `must be ${range} (${override.alarm} is ${unit.name})`);
    }
    const doubt = override.threshold !== undefined && !Token.isUnresolved(override.threshold) ? unit.implausible?.(override.threshold) : undefined;
    if (doubt) Annotations.of(scope).addWarningV2('cdk-webapp-patterns:alarmSetThresholdUnit', `${name}.threshold of ${override.alarm}: ${doubt}`);
    const evaluationPeriods = override.evaluationPeriods ?? definition.evaluationPeriods;
    const periods = override.evaluationPeriods;
    if (periods !== undefined && !Token.isUnresolved(periods) && (!Number.isInteger(periods) || periods < 1)) {
      invalidProp(scope, `${name}.evaluationPeriods`, override.evaluationPeriods, 'must be a whole number of at least 1');
    }
    checkDuration(scope, `${name}.period`, override.period,
      { unit: 'minutes', why: 'these AWS metrics are published once a minute; shorter periods never get data' });
    const datapoints = Token.isUnresolved(override.datapointsToAlarm) ? undefined : override.datapointsToAlarm;
    if (datapoints !== undefined && (!Number.isInteger(datapoints) || datapoints < 1)) {
      invalidProp(scope, `${name}.datapointsToAlarm`, datapoints, 'must be a whole number of at least 1');
    }
    // Without its own evaluationPeriods, the bound may come from another override list: checked on the merged definition.
    if (datapoints !== undefined && periods !== undefined && !Token.isUnresolved(periods) && datapoints > evaluationPeriods) {
      invalidProp(scope, `${name}.datapointsToAlarm`, datapoints, `must be a whole number between 1 and evaluationPeriods (${evaluationPeriods})`);
    }
  });
}

/** CloudWatch evaluates at most 1 day of data (7 days when the period is 1 hour or more). */
const ONE_DAY = 24 * 60 * 60;
const SEVEN_DAYS = 7 * ONE_DAY;

/**
 * Refuses a definition, after every override applied, that CloudWatch would reject: more datapoints
 * to alarm than evaluation periods, or an evaluation window (period × evaluation periods) too long.
 */
export function validateDefinition(scope: IConstruct, definition: AlarmDefinition): void {
  const { kind, evaluationPeriods, datapointsToAlarm, period } = definition;
  if (Token.isUnresolved(evaluationPeriods) || Token.isUnresolved(datapointsToAlarm)) return;
  if (datapointsToAlarm > evaluationPeriods) {
    invalidProp(scope, `overrides of ${kind}: datapointsToAlarm`, datapointsToAlarm,
      `must be at most evaluationPeriods (${evaluationPeriods} once every override applies)`);
  }
  if (period.isUnresolved()) return;
  const seconds = period.toSeconds();
  const limit = seconds >= 60 * 60 ? SEVEN_DAYS : ONE_DAY;
  if (seconds * evaluationPeriods > limit) {
    invalidProp(scope, `overrides of ${kind}: period × evaluationPeriods`, `${evaluationPeriods} × ${period.toHumanString()}`,
      'must be at most 1 day (7 days when the period is 1 hour or more), the longest window CloudWatch evaluates');
  }
}
