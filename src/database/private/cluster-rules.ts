import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { DatabaseNagSettings, databaseAcknowledgements, ResolvedDatabaseProps, subnetAzs, validateDatabaseProps } from './database-rules';
import { checkInstanceClass, InstanceClassTable } from './instance-classes';
import { checkDuration, checkKnownAtSynth, DECIDES_RESOURCES } from '../../private/input-rules';
import { NagAcknowledgement } from '../../private/nag';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { DatabaseCapacity } from '../database-capacity';
import { DatabaseEngine, DatabaseEngineFamily } from '../database-engine';

/** The props of an AuroraCluster with every default applied, as the rules see them. */
export interface ResolvedClusterProps extends Omit<ResolvedDatabaseProps, 'engine' | 'engineLabel' | 'instanceType'> {
  readonly engine: DatabaseEngine;
  readonly capacity: DatabaseCapacity;
  readonly readers: number;
  readonly backtrackWindow?: Duration;
}

/** Refuses every invalid combination with a message naming the prop, the value and what is allowed. */
export function validateClusterProps(scope: Construct, props: ResolvedClusterProps): void {
  const { engine, capacity } = props;
  if (engine.family === DatabaseEngineFamily.MYSQL && /mysql_aurora\.[12]\./.test(engine.fullVersion)) {
    invalidProp(scope, 'engine', engine.fullVersion, 'must be Aurora MySQL 3 or later (Aurora MySQL 1 and 2 are past their end of standard support)');
  }
  if (capacity.isServerless) {
    checkAcu(scope, 'capacity.minAcu', capacity.minAcu, 0);
    checkAcu(scope, 'capacity.maxAcu', capacity.maxAcu, 1);
    if (capacity.minAcu! > capacity.maxAcu!) {
      invalidProp(scope, 'capacity.minAcu', capacity.minAcu, `must not exceed capacity.maxAcu (${capacity.maxAcu})`);
    }
    if (engine.supportsServerlessV2 === false) {
      invalidProp(scope, 'engine', engine.fullVersion, 'must support Aurora Serverless v2 for serverless capacity (PostgreSQL 13.6, 14.3, 15.2, 16 or later; MySQL 3.02.0 or later)');
    }
    if (capacity.minAcu === 0 && engine.supportsAutoPause === false) {
      invalidProp(scope, 'capacity.minAcu', 0, `must be at least 0.5 with engine version ${engine.fullVersion}: 0 ACU (auto-pause) needs PostgreSQL 13.15, 14.12, 15.7, 16.3 or later, or MySQL 3.08.0 or later`);
    }
    if (capacity.autoPauseAfter) {
      if (capacity.minAcu !== 0) {
        conflictingProps(scope, 'capacity.autoPauseAfter', 'capacity.minAcu', `cannot be combined unless minAcu is 0 (only instances at 0 ACU pause); minAcu is ${capacity.minAcu}`);
      }
      checkDuration(scope, 'capacity.autoPauseAfter', capacity.autoPauseAfter, { unit: 'seconds', min: 300, max: 86400, why: '5 minutes to 24 hours' });
    }
  }
  const engineLabel = `Aurora ${engine.family === DatabaseEngineFamily.MYSQL ? 'MySQL' : 'PostgreSQL'}`;
  checkInstanceClass(scope, 'capacity.instanceType', capacity.instanceType, InstanceClassTable.AURORA, engineLabel);
  checkKnownAtSynth(scope, 'readers', props.readers, DECIDES_RESOURCES);
  checkInteger(scope, 'readers', props.readers, 0, 15);
  validateDatabaseProps(scope, { ...props, instanceType: capacity.instanceType, engineLabel });
  if (props.backtrackWindow) {
    if (engine.family !== DatabaseEngineFamily.MYSQL) {
      conflictingProps(scope, 'backtrackWindow', 'engine', `cannot be combined: only Aurora MySQL supports backtrack; engine is ${engine.family}`);
    }
    // Aurora MySQL backtracks up to 72 hours, set in whole seconds.
    checkDuration(scope, 'backtrackWindow', props.backtrackWindow, { unit: 'seconds', min: 1, max: 72 * 3600, why: 'at most 72 hours' });
  }
}

function checkAcu(scope: Construct, prop: string, value: number | undefined, min: number): void {
  if (value === undefined || Token.isUnresolved(value)) {
    if (value === undefined) invalidProp(scope, prop, value, `must be a number between ${min} and 256 in steps of 0.5`);
    return;
  }
  if (!Number.isFinite(value) || value < min || value > 256 || !Number.isInteger(value * 2)) {
    invalidProp(scope, prop, value, `must be between ${min} and 256 in steps of 0.5`);
  }
}

/** The AZ of each instance. */
export interface InstancePlacement {
  readonly writer?: string;
  readonly readers: Array<string | undefined>;
}

/** The AZ of the writer (always pinned, so adding readers never moves it) and of each reader (the other AZs in turn). */
export function readerPlacement(vpc: ec2.IVpc, subnets: ec2.SubnetSelection, readers: number): InstancePlacement {
  const azs = subnetAzs(vpc, subnets);
  const others = azs.slice(1);
  return {
    writer: azs[0],
    readers: Array.from({ length: readers }, (_, i) => (others.length > 0 ? others[i % others.length] : azs[0])),
  };
}

/** The logs each engine exports to CloudWatch Logs (MySQL's audit log with the cluster parameters of `auditParameters`). */
export function logExports(engine: DatabaseEngine): string[] {
  return engine.family === DatabaseEngineFamily.MYSQL ? ['error', 'slowquery', 'audit'] : ['postgresql'];
}

/**
 * The cluster parameters that turn on Aurora MySQL's advanced auditing of connections, DDL and DCL
 * (as RdsDatabase's MariaDB audit plugin does): not every query, whose volume would dwarf the rest.
 */
export function auditParameters(engine: DatabaseEngine): { [name: string]: string } {
  return engine.family === DatabaseEngineFamily.MYSQL ? { server_audit_logging: '1', server_audit_events: 'CONNECT,QUERY_DDL,QUERY_DCL' } : {};
}


/** The settings that decide which cdk-nag rules apply to the cluster. */
export interface NagSettings extends DatabaseNagSettings {
  readonly backtrack: boolean;
}

/** The cdk-nag rules (on the L1 cluster) that do not apply with these settings, with their reasons. */
export function clusterAcknowledgements(engine: DatabaseEngine, settings: NagSettings): NagAcknowledgement[] {
  const acks = databaseAcknowledgements(engine, settings);
  if (engine.family === DatabaseEngineFamily.MYSQL && !settings.backtrack) {
    acks.push({ id: 'AwsSolutions-RDS14', reason: 'Backtrack is opt-in (backtrackWindow): it is not offered in every region and conflicts with binlog replication; point-in-time recovery from the automated backups covers the same mistakes.' });
  }
  return acks;
}
