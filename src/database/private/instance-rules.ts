// The rules only an RDS instance has: engine versions, storage, replicas and the maintenance window (internal).
import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ResolvedDatabaseProps, validateDatabaseProps, windowMinutes } from './database-rules';
import { checkInstanceClass, InstanceClassTable } from './instance-classes';
import { checkKnownAtSynth, DECIDES_RESOURCES } from '../../private/input-rules';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { DatabaseEngineFamily } from '../database-engine';
import { RdsEngine } from '../rds-engine';

/** The props of an RdsDatabase with every default applied, as the rules see them. */
export interface ResolvedInstanceProps extends Omit<ResolvedDatabaseProps, 'engine' | 'engineLabel' | 'instanceType'> {
  readonly engine: RdsEngine;
  readonly instanceType: ec2.InstanceType;
  readonly readReplicas: number;
  readonly allocatedStorage: number;
  readonly maxAllocatedStorage: number;
  readonly preferredMaintenanceWindow?: string;
}

/** gp3 storage of RDS for PostgreSQL and MySQL: 20 GiB to 64 TiB (AWS RDS User Guide, "Amazon RDS DB instance storage", read 2026-12-01). */
const MIN_STORAGE_GIB = 20;
const MAX_STORAGE_GIB = 65536;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Refuses every invalid combination with a message naming the prop, the value and what is allowed. */
export function validateInstanceProps(scope: Construct, props: ResolvedInstanceProps): void {
  const { engine } = props;
  const isMysql = engine.family === DatabaseEngineFamily.MYSQL;
  const major = engine.majorVersion;
  if (!Token.isUnresolved(major)) {
    if (isMysql && major !== '8.0' && major !== '8.4') {
      invalidProp(scope, 'engine', engine.fullVersion, 'must be RDS for MySQL 8.0 or 8.4 (5.7 is past its end of standard support)');
    }
    if (!isMysql && !(Number(major) >= 13)) {
      invalidProp(scope, 'engine', engine.fullVersion, 'must be RDS for PostgreSQL 13 or later (earlier majors are past their end of standard support)');
    }
  }
  const engineLabel = `RDS for ${isMysql ? 'MySQL' : 'PostgreSQL'}`;
  checkInstanceClass(scope, 'instanceType', props.instanceType, InstanceClassTable.RDS, engineLabel);
  checkKnownAtSynth(scope, 'readReplicas', props.readReplicas, DECIDES_RESOURCES);
  checkInteger(scope, 'readReplicas', props.readReplicas, 0, 15);
  checkInteger(scope, 'allocatedStorage', props.allocatedStorage, MIN_STORAGE_GIB, MAX_STORAGE_GIB);
  checkInteger(scope, 'maxAllocatedStorage', props.maxAllocatedStorage, MIN_STORAGE_GIB, MAX_STORAGE_GIB);
  if (!Token.isUnresolved(props.allocatedStorage) && !Token.isUnresolved(props.maxAllocatedStorage)
    && props.maxAllocatedStorage < Math.ceil((props.allocatedStorage * 11) / 10)) {
    conflictingProps(scope, 'maxAllocatedStorage', 'allocatedStorage',
      `conflict: storage autoscaling needs a ceiling at least 10% above the allocated storage (at least ${Math.ceil((props.allocatedStorage * 11) / 10)} GiB for ${props.allocatedStorage}); got ${props.maxAllocatedStorage}`);
  }
  validateDatabaseProps(scope, { ...props, engineLabel: isMysql ? 'MySQL' : 'PostgreSQL' });
  const window = props.preferredMaintenanceWindow;
  if (window !== undefined && !Token.isUnresolved(window)) {
    const parsed = parseWeeklyWindow(window);
    if (!parsed) {
      invalidProp(scope, 'preferredMaintenanceWindow', window, 'must be ddd:hh:mm-ddd:hh:mm in UTC, e.g. \'sun:18:00-sun:18:30\'');
    }
    const length = (parsed[1] - parsed[0] + 7 * 1440) % (7 * 1440);
    if (length < 30) invalidProp(scope, 'preferredMaintenanceWindow', window, 'must be at least 30 minutes long');
    const backup = props.preferredBackupWindow;
    if (backup !== undefined && !Token.isUnresolved(backup) && dailyOverlapsWeekly(backup, parsed)) {
      conflictingProps(scope, 'preferredMaintenanceWindow', 'preferredBackupWindow', `must not overlap; got '${window}' and '${backup}'`);
    }
  }
}

/** A `ddd:hh:mm-ddd:hh:mm` window as minutes of the week, or undefined when malformed. */
function parseWeeklyWindow(window: string): [number, number] | undefined {
  const match = /^([a-z]{3}):([01]\d|2[0-3]):([0-5]\d)-([a-z]{3}):([01]\d|2[0-3]):([0-5]\d)$/.exec(window.toLowerCase());
  if (!match || !DAYS.includes(match[1]) || !DAYS.includes(match[4])) return undefined;
  const minute = (day: string, h: string, m: string) => DAYS.indexOf(day) * 1440 + Number(h) * 60 + Number(m);
  return [minute(match[1], match[2], match[3]), minute(match[4], match[5], match[6])];
}

/** Whether the daily `hh:mm-hh:mm` window, on any day, overlaps the weekly window. */
function dailyOverlapsWeekly(daily: string, weekly: [number, number]): boolean {
  const start = Number(daily.slice(0, 2)) * 60 + Number(daily.slice(3, 5));
  const length = windowMinutes(daily);
  const week = 7 * 1440;
  const weeklyLength = (weekly[1] - weekly[0] + week) % week;
  for (let day = 0; day < 7; day++) {
    const dailyStart = day * 1440 + start;
    // Two intervals on a circle of one week overlap when either starts inside the other.
    const inside = (point: number, from: number, size: number) => (point - from + week) % week < size;
    if (inside(dailyStart, weekly[0], weeklyLength) || inside(weekly[0], dailyStart, length)) return true;
  }
  return false;
}
