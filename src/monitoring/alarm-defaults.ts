// The default definition of every alarm (alarms as data), how overrides apply to it and how they
// are validated (internal, not exported).
import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { AlarmKind, AlarmOverride, AlarmSeverity } from './alarm-definitions';
import { invalidProp } from '../private/validation';

/** The unit of a metric: the range a threshold may take and how to print it. */
export interface ThresholdUnit {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly format: (value: number) => string;
}

const PERCENT: ThresholdUnit = { name: 'a percentage', min: 0, max: 100, format: (v) => `${v}%` };
const COUNT: ThresholdUnit = { name: 'a count', min: 0, max: Number.MAX_SAFE_INTEGER, format: (v) => `${v}` };
const SECONDS: ThresholdUnit = { name: 'a duration in seconds', min: 0, max: Number.MAX_SAFE_INTEGER, format: (v) => `${v} s` };
const MILLISECONDS: ThresholdUnit = { name: 'a duration in milliseconds', min: 0, max: Number.MAX_SAFE_INTEGER, format: (v) => `${v} ms` };
const BYTES: ThresholdUnit = {
  name: 'a size in bytes',
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  format: (v) => (v >= 1024 * 1024 ? `${Math.round((v / (1024 * 1024)) * 10) / 10} MiB` : `${v} bytes`),
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

/** The default definition of every alarm: the thresholds, in one table. */
const DEFAULTS: Record<AlarmKind, Row> = {
  [AlarmKind.SERVICE_CPU]: {
    title: 'CPU utilization', unit: PERCENT, comparison: GT, threshold: 80, period: MINUTE, evaluationPeriods: 5, datapointsToAlarm: 5,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Check the auto scaling limits and the busiest endpoints.',
  },
  [AlarmKind.SERVICE_MEMORY]: {
    title: 'memory utilization', unit: PERCENT, comparison: GT, threshold: 80, period: MINUTE, evaluationPeriods: 5, datapointsToAlarm: 5,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Look for a memory leak or raise the task memory.',
  },
  [AlarmKind.SERVICE_RUNNING_TASKS]: {
    title: 'running task count', unit: COUNT, comparison: LT, threshold: 1, period: MINUTE, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.CRITICAL, treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    hint: 'The service is down: read the ECS service events and the stopped tasks\' reasons (needs Container Insights).',
  },
  [AlarmKind.LOAD_BALANCER_5XX]: {
    title: 'load balancer 5xx count', unit: COUNT, comparison: GT, threshold: 10, period: FIVE_MINUTES, evaluationPeriods: 1, datapointsToAlarm: 1,
    severity: AlarmSeverity.CRITICAL, treatMissingData: NOT_BREACHING, hint: 'The load balancer could not reach healthy targets: check target health and task restarts.',
  },
  [AlarmKind.TARGET_5XX]: {
    title: 'target 5xx count', unit: COUNT, comparison: GT, threshold: 10, period: FIVE_MINUTES, evaluationPeriods: 1, datapointsToAlarm: 1,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'The application returns errors: read its logs for the failing requests.',
  },
  [AlarmKind.TARGET_RESPONSE_TIME]: {
    title: 'p95 target response time', unit: SECONDS, comparison: GT, threshold: 1, period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 2,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Check the database and downstream latency and the service CPU.',
  },
  [AlarmKind.UNHEALTHY_HOSTS]: {
    title: 'unhealthy target count', unit: COUNT, comparison: GT, threshold: 0, period: MINUTE, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Targets fail their health check: read the task logs and the health check path.',
  },
  [AlarmKind.DATABASE_CPU]: {
    title: 'CPU utilization', unit: PERCENT, comparison: GT, threshold: 80, period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Find the expensive queries in Performance Insights or scale the instances up.',
  },
  [AlarmKind.DATABASE_FREEABLE_MEMORY]: {
    title: 'freeable memory', unit: BYTES, comparison: LT, threshold: 256 * 1024 * 1024, period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Memory is nearly exhausted: check connections and scale the instances up.',
  },
  [AlarmKind.DATABASE_CONNECTIONS]: {
    title: 'database connections', unit: COUNT, comparison: GT, threshold: 100, period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Check connection pool sizes and leaked connections; set the threshold to ~80% of max_connections.',
  },
  [AlarmKind.DATABASE_ACU_UTILIZATION]: {
    title: 'ACU utilization', unit: PERCENT, comparison: GT, threshold: 90, period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'The cluster runs at its maximum capacity: raise the maximum ACU or tune the queries.',
  },
  [AlarmKind.DATABASE_REPLICA_LAG]: {
    title: 'replica lag', unit: MILLISECONDS, comparison: GT, threshold: 1000, period: FIVE_MINUTES, evaluationPeriods: 3, datapointsToAlarm: 3,
    severity: AlarmSeverity.WARNING, treatMissingData: NOT_BREACHING, hint: 'Readers serve stale data: check the writer\'s write load and the reader size.',
  },
  [AlarmKind.DISTRIBUTION_5XX_ERROR_RATE]: {
    title: '5xx error rate', unit: PERCENT, comparison: GT, threshold: 5, period: FIVE_MINUTES, evaluationPeriods: 2, datapointsToAlarm: 2,
    severity: AlarmSeverity.CRITICAL, treatMissingData: NOT_BREACHING, hint: 'Users get errors: check the origins (ALB 5xx, S3) and recent deployments.',
  },
};

/** The default definition of one alarm. */
export function defaultDefinition(kind: AlarmKind): AlarmDefinition {
  return { kind, enabled: true, ...DEFAULTS[kind] };
}

/** The definition with an override applied (validated separately by `validateOverride`). */
export function applyOverride(definition: AlarmDefinition, override: AlarmOverride): AlarmDefinition {
  const evaluationPeriods = override.evaluationPeriods ?? definition.evaluationPeriods;
  const datapointsToAlarm = override.datapointsToAlarm ?? (override.evaluationPeriods !== undefined ? evaluationPeriods : definition.datapointsToAlarm);
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
 * evaluation periods < 1, datapoints above the evaluation periods, or an alarm of another resource
 * kind. `prop` is how the caller names the list, e.g. `overrides` or `options.overrides`.
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
    const evaluationPeriods = override.evaluationPeriods ?? definition.evaluationPeriods;
    if (override.evaluationPeriods !== undefined && (!Number.isInteger(override.evaluationPeriods) || override.evaluationPeriods < 1)) {
      invalidProp(scope, `${name}.evaluationPeriods`, override.evaluationPeriods, 'must be a whole number of at least 1');
    }
    const datapoints = override.datapointsToAlarm;
    if (datapoints !== undefined && (!Number.isInteger(datapoints) || datapoints < 1 || datapoints > evaluationPeriods)) {
      invalidProp(scope, `${name}.datapointsToAlarm`, datapoints, `must be a whole number between 1 and evaluationPeriods (${evaluationPeriods})`);
    }
  });
}
