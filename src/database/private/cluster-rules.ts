import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { NagAcknowledgement } from '../../private/nag';
import { subnetGroupOr } from '../../private/subnets';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { EnvironmentProfile, Stage } from '../../profile';
import { DatabaseCapacity } from '../database-capacity';
import { DatabaseEngine, DatabaseEngineFamily } from '../database-engine';
import { CredentialRotation, DatabaseMonitoring } from '../database-options';

/** The props of an AuroraCluster with every default applied, as the rules see them. */
export interface ResolvedClusterProps {
  readonly engine: DatabaseEngine;
  readonly capacity: DatabaseCapacity;
  readonly readers: number;
  readonly port: number;
  readonly backupRetention: Duration;
  readonly preferredBackupWindow?: string;
  readonly enhancedMonitoringInterval?: Duration;
  readonly performanceInsights: boolean;
  readonly monitoring?: DatabaseMonitoring;
  readonly rotation?: CredentialRotation;
  readonly backtrackWindow?: Duration;
  readonly databaseName?: string;
  readonly masterUsername?: string;
}

const ENHANCED_MONITORING_SECONDS = [1, 5, 10, 15, 30, 60];

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
      const seconds = capacity.autoPauseAfter.toSeconds({ integral: false });
      if (!capacity.autoPauseAfter.isUnresolved() && (seconds < 300 || seconds > 86400)) {
        invalidProp(scope, 'capacity.autoPauseAfter', capacity.autoPauseAfter.toHumanString(), 'must be between 5 minutes and 24 hours');
      }
    }
  }
  checkIdentifier(scope, 'databaseName', props.databaseName, engine.family === DatabaseEngineFamily.MYSQL ? 64 : 63);
  checkIdentifier(scope, 'masterUsername', props.masterUsername, engine.family === DatabaseEngineFamily.MYSQL ? 16 : 63);
  checkInteger(scope, 'readers', props.readers, 0, 15);
  checkInteger(scope, 'port', props.port, 1150, 65535);
  const retentionDays = props.backupRetention.toDays({ integral: false });
  if (!props.backupRetention.isUnresolved() && (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 35)) {
    invalidProp(scope, 'backupRetention', props.backupRetention.toHumanString(), 'must be a whole number of days between 1 and 35');
  }
  const window = props.preferredBackupWindow;
  if (window !== undefined && !Token.isUnresolved(window) && !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(window)) {
    invalidProp(scope, 'preferredBackupWindow', window, 'must be hh:mm-hh:mm in UTC, e.g. \'17:00-17:30\'');
  }
  if (window !== undefined && !Token.isUnresolved(window) && windowMinutes(window) < 30) {
    invalidProp(scope, 'preferredBackupWindow', window, 'must be at least 30 minutes long');
  }
  const interval = props.enhancedMonitoringInterval;
  if (interval && !interval.isUnresolved() && !ENHANCED_MONITORING_SECONDS.includes(interval.toSeconds({ integral: false }))) {
    invalidProp(scope, 'monitoring.enhancedMonitoringInterval', interval.toHumanString(), `must be one of ${ENHANCED_MONITORING_SECONDS.join(', ')} seconds`);
  }
  if (!supportsPerformanceInsights(engine, capacity)) {
    const instance = `Aurora MySQL on db.${capacity.instanceType}`;
    if (props.monitoring?.databaseInsightsMode === rds.DatabaseInsightsMode.ADVANCED) {
      conflictingProps(scope, 'monitoring.databaseInsightsMode', 'capacity',
        `cannot be combined: advanced Database Insights does not run on ${instance} (db.t2, db.t3, db.t4g.micro and db.t4g.small are unsupported)`);
    }
    if (props.performanceInsights) {
      invalidProp(scope, 'monitoring.performanceInsights', true,
        `must be false with ${instance}: Performance Insights does not run on db.t2, db.t3, db.t4g.micro or db.t4g.small`);
    }
  }
  if (props.monitoring?.databaseInsightsMode === rds.DatabaseInsightsMode.ADVANCED && !props.performanceInsights) {
    conflictingProps(scope, 'monitoring.databaseInsightsMode', 'monitoring.performanceInsights',
      'cannot be combined: advanced Database Insights is built on Performance Insights, which is turned off');
  }
  if (props.rotation) {
    const schedule = props.rotation.schedule as Duration | undefined;
    if (!schedule) {
      invalidProp(scope, 'rotation.schedule', undefined, 'is required when rotation is set, e.g. Duration.days(30)');
    }
    const hours = schedule.toHours({ integral: false });
    if (!schedule.isUnresolved() && (hours < 4 || hours > 24000)) {
      invalidProp(scope, 'rotation.schedule', schedule.toHumanString(), 'must be between 4 hours and 1000 days');
    }
  }
  if (props.backtrackWindow) {
    if (engine.family !== DatabaseEngineFamily.MYSQL) {
      conflictingProps(scope, 'backtrackWindow', 'engine', `cannot be combined: only Aurora MySQL supports backtrack; engine is ${engine.family}`);
    }
    const hours = props.backtrackWindow.toHours({ integral: false });
    if (!props.backtrackWindow.isUnresolved() && (hours <= 0 || hours > 72)) {
      invalidProp(scope, 'backtrackWindow', props.backtrackWindow.toHumanString(), 'must be more than 0 and at most 72 hours');
    }
  }
}

/**
 * Whether Performance Insights (and Database Insights) can run on these instances: Aurora MySQL does not
 * offer it on db.t2, db.t3, db.t4g.micro and db.t4g.small; Aurora PostgreSQL and Serverless v2 have no restriction.
 */
export function supportsPerformanceInsights(engine: DatabaseEngine, capacity: DatabaseCapacity): boolean {
  if (engine.family !== DatabaseEngineFamily.MYSQL || !capacity.instanceType) return true;
  return !/^(t2|t3)\.|^t4g\.(micro|small)$/.test(capacity.instanceType.toString());
}

/** Refuses a database or user name Aurora rejects only at deploy time: a letter, then letters, digits or underscores. */
function checkIdentifier(scope: Construct, prop: string, value: string | undefined, maxLength: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.length > maxLength || !/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) {
    invalidProp(scope, prop, value, `must start with a letter and hold only letters, digits and underscores, at most ${maxLength} characters`);
  }
}

/** The length of a validated `hh:mm-hh:mm` window in minutes (it may run past midnight). */
function windowMinutes(window: string): number {
  const [start, end] = window.split('-').map((time) => {
    const [hours, minutes] = time.split(':').map(Number);
    return hours * 60 + minutes;
  });
  return (end - start + 1440) % 1440;
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

/** The `Data` subnet group when the VPC has one (SecureVpc), else the isolated subnets, else the private ones. */
export function defaultSubnets(vpc: ec2.IVpc): ec2.SubnetSelection {
  // A VPC without isolated subnets (e.g. a default ec2.Vpc) keeps the database in its private subnets.
  return subnetGroupOr(vpc, 'Data', vpc.isolatedSubnets.length > 0
    ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }
    : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
}

/** The AZ of each instance. */
export interface InstancePlacement {
  readonly writer?: string;
  readonly readers: Array<string | undefined>;
}

/** The AZ of the writer (always pinned, so adding readers never moves it) and of each reader (the other AZs in turn). */
export function readerPlacement(vpc: ec2.IVpc, subnets: ec2.SubnetSelection, readers: number): InstancePlacement {
  const azs = [...new Set(vpc.selectSubnets(subnets).availabilityZones)];
  const others = azs.slice(1);
  return {
    writer: azs[0],
    readers: Array.from({ length: readers }, (_, i) => (others.length > 0 ? others[i % others.length] : azs[0])),
  };
}

/** The logs each engine exports to CloudWatch Logs. */
export function logExports(engine: DatabaseEngine): string[] {
  return engine.family === DatabaseEngineFamily.MYSQL ? ['error', 'slowquery'] : ['postgresql'];
}

/** The settings that decide which cdk-nag rules apply to the cluster. */
export interface NagSettings {
  readonly port: number;
  readonly deletionProtection: boolean;
  readonly backtrack: boolean;
  readonly profile?: EnvironmentProfile;
}

/** The cdk-nag rules (on the L1 cluster) that do not apply with these settings, with their reasons. */
export function clusterAcknowledgements(engine: DatabaseEngine, settings: NagSettings): NagAcknowledgement[] {
  const acks: NagAcknowledgement[] = [];
  const isMysql = engine.family === DatabaseEngineFamily.MYSQL;
  if (settings.port === engine.defaultPort) {
    acks.push({ id: 'AwsSolutions-RDS11', reason: 'The engine\'s standard port is kept so clients work unchanged; the cluster is in isolated subnets and its security group admits only explicitly allowed peers, which is the control port obscurity would approximate.' });
  }
  if (!settings.deletionProtection) {
    const why = settings.profile?.stage === Stage.DEV ? 'the dev profile' : 'deletionProtection: false';
    acks.push({ id: 'AwsSolutions-RDS10', reason: `Deletion protection was turned off explicitly (${why}) so that a disposable environment can be torn down; every other profile keeps it on.` });
  }
  if (isMysql && !settings.backtrack) {
    acks.push({ id: 'AwsSolutions-RDS14', reason: 'Backtrack is opt-in (backtrackWindow): it is not offered in every region and conflicts with binlog replication; point-in-time recovery from the automated backups covers the same mistakes.' });
  }
  return acks;
}
