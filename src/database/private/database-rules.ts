// The validation rules, subnet choice and cdk-nag acknowledgements every database of this library
// shares, whether an Aurora cluster or an RDS instance (internal).
import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { EngineTraits } from './database-resources';
import { checkDatabaseName, checkMasterUsername } from './reserved-names';
import { checkDuration, checkRetentionDays, checkStackRegion } from '../../private/input-rules';
import { NagAcknowledgement } from '../../private/nag';
import { subnetGroupOr } from '../../private/subnets';
import { checkInteger, conflictingProps, invalidProp } from '../../private/validation';
import { EnvironmentProfile, Stage } from '../../profile';
import { DatabaseEngineFamily } from '../database-engine';
import { CredentialRotation, DatabaseMonitoring } from '../database-options';

/** The props every database has, with every default applied, as the shared rules see them. */
export interface ResolvedDatabaseProps {
  readonly engine: EngineTraits;
  /** The instance type of every instance, when provisioned (a serverless cluster has none). */
  readonly instanceType?: ec2.InstanceType;
  /** How messages name the engine on an instance type, e.g. `Aurora MySQL` or `MySQL`. */
  readonly engineLabel: string;
  readonly port: number;
  readonly backupRetention: Duration;
  readonly preferredBackupWindow?: string;
  readonly enhancedMonitoringInterval?: Duration;
  readonly performanceInsights: boolean;
  readonly monitoring?: DatabaseMonitoring;
  readonly rotation?: CredentialRotation;
  readonly databaseName?: string;
  readonly masterUsername?: string;
  readonly logRetention?: logs.RetentionDays;
}

const ENHANCED_MONITORING_SECONDS = [1, 5, 10, 15, 30, 60];

/** Refuses every invalid shared setting with a message naming the prop, the value and what is allowed. */
export function validateDatabaseProps(scope: Construct, props: ResolvedDatabaseProps): void {
  const { engine } = props;
  checkIdentifier(scope, 'databaseName', props.databaseName, engine.family === DatabaseEngineFamily.MYSQL ? 64 : 63);
  checkIdentifier(scope, 'masterUsername', props.masterUsername, engine.family === DatabaseEngineFamily.MYSQL ? 16 : 63);
  checkStackRegion(scope);
  checkRetentionDays(scope, 'logRetention', props.logRetention);
  checkDatabaseName(scope, props.databaseName, engine.family);
  checkMasterUsername(scope, props.masterUsername, engine.family);
  checkInteger(scope, 'port', props.port, 1150, 65535);
  checkDuration(scope, 'backupRetention', props.backupRetention, { unit: 'days', min: 1, max: 35 });
  const window = props.preferredBackupWindow;
  if (window !== undefined && !Token.isUnresolved(window) && !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(window)) {
    invalidProp(scope, 'preferredBackupWindow', window, 'must be hh:mm-hh:mm in UTC, e.g. \'17:00-17:30\'');
  }
  if (window !== undefined && !Token.isUnresolved(window) && windowMinutes(window) < 30) {
    invalidProp(scope, 'preferredBackupWindow', window, 'must be at least 30 minutes long');
  }
  checkDuration(scope, 'monitoring.enhancedMonitoringInterval', props.enhancedMonitoringInterval, { unit: 'seconds', oneOf: ENHANCED_MONITORING_SECONDS });
  if (!supportsPerformanceInsights(engine.family, props.instanceType)) {
    const instance = `${props.engineLabel} on db.${props.instanceType}`;
    if (props.monitoring?.databaseInsightsMode === rds.DatabaseInsightsMode.ADVANCED) {
      conflictingProps(scope, 'monitoring.databaseInsightsMode', props.engineLabel.startsWith('Aurora') ? 'capacity' : 'instanceType',
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
  const schedule = props.rotation?.schedule;
  if (schedule) {
    if (props.rotation?.enabled === false) {
      conflictingProps(scope, 'rotation.enabled false', 'rotation.schedule', 'cannot be combined: a schedule for a password that does not rotate would be ignored');
    }
    // Secrets Manager rotates every 4 hours to 1000 days, in whole hours.
    checkDuration(scope, 'rotation.schedule', schedule, { unit: 'hours', min: 4, max: 24000, why: '4 hours to 1000 days' });
  }
}

/**
 * Whether Performance Insights (and Database Insights) can run on this instance type: MySQL (Aurora and RDS)
 * does not offer it on db.t2, db.t3, db.t4g.micro and db.t4g.small; PostgreSQL and Serverless v2 have no restriction.
 * Source: AWS RDS and Aurora User Guides, "engine, Region, and instance class support for Database Insights" (read 2026-12-01).
 */
export function supportsPerformanceInsights(family: DatabaseEngineFamily, instanceType?: ec2.InstanceType): boolean {
  if (family !== DatabaseEngineFamily.MYSQL || !instanceType) return true;
  return !/^(t2|t3)\.|^t4g\.(micro|small)$/.test(instanceType.toString());
}

/** Refuses a database or user name RDS rejects only at deploy time: a letter, then letters, digits or underscores. */
function checkIdentifier(scope: Construct, prop: string, value: string | undefined, maxLength: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.length > maxLength || !/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) {
    invalidProp(scope, prop, value, `must start with a letter and hold only letters, digits and underscores, at most ${maxLength} characters`);
  }
}

/** The length of a validated `hh:mm-hh:mm` window in minutes (it may run past midnight). */
export function windowMinutes(window: string): number {
  const [start, end] = window.split('-').map((time) => {
    const [hours, minutes] = time.split(':').map(Number);
    return hours * 60 + minutes;
  });
  return (end - start + 1440) % 1440;
}

/**
 * The database's subnets: `given`, else the default ones. Refuses a VPC with no isolated or private subnets
 * and a selection within one AZ (an RDS DB subnet group needs subnets in at least two AZs).
 */
export function databaseSubnets(scope: Construct, vpc: ec2.IVpc, given: ec2.SubnetSelection | undefined): ec2.SubnetSelection {
  if (!given && vpc.isolatedSubnets.length === 0 && vpc.privateSubnets.length === 0) {
    invalidProp(scope, 'vpc', vpc.node.path, 'must have isolated or private subnets for the database (it is never placed in public subnets), or give vpcSubnets');
  }
  const selection = given ?? defaultSubnets(vpc);
  // Two subnets of one AZ share one AZ value (a literal, or the same token): fewer than two values is one AZ.
  const azs = subnetAzs(vpc, selection);
  if (azs.length < 2) {
    invalidProp(scope, given ? 'vpcSubnets' : 'vpc', azs, 'must give the database subnets in at least 2 AZs (an RDS DB subnet group needs two)');
  }
  return selection;
}

/** The `Data` subnet group when the VPC has one (SecureVpc), else the isolated subnets, else the private ones. */
function defaultSubnets(vpc: ec2.IVpc): ec2.SubnetSelection {
  // A VPC without isolated subnets (e.g. a default ec2.Vpc) keeps the database in its private subnets.
  return subnetGroupOr(vpc, 'Data', vpc.isolatedSubnets.length > 0
    ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }
    : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
}

/** The AZs of the selected subnets, in order, without repeats. */
export function subnetAzs(vpc: ec2.IVpc, subnets: ec2.SubnetSelection): string[] {
  return [...new Set(vpc.selectSubnets(subnets).availabilityZones)];
}

/** The settings that decide which shared cdk-nag rules apply to a database. */
export interface DatabaseNagSettings {
  readonly port: number;
  readonly deletionProtection: boolean;
  readonly profile?: EnvironmentProfile;
}

/** The shared cdk-nag rules (standard port, deletion protection) that do not apply with these settings, with their reasons. */
export function databaseAcknowledgements(engine: EngineTraits, settings: DatabaseNagSettings): NagAcknowledgement[] {
  const acks: NagAcknowledgement[] = [];
  if (settings.port === engine.defaultPort) {
    acks.push({ id: 'AwsSolutions-RDS11', reason: 'The engine\'s standard port is kept so clients work unchanged; the database\'s security group has no egress and admits only the peers explicitly allowed to connect, which is the control port obscurity would approximate.' });
  }
  if (engine.family === DatabaseEngineFamily.MYSQL) {
    acks.push({
      id: 'NIST.800.53.R5-RDSLoggingEnabled[LogExport::general]',
      reason: 'The MySQL general log, which records every statement, is not exported: the exported audit log records connections, DDL and DCL (CONNECT,QUERY_DDL,QUERY_DCL), and the slow query log the expensive statements; logging every query would multiply the log volume and cost and copy query data into the logs.',
    });
  }
  if (!settings.deletionProtection) {
    const why = settings.profile?.stage === Stage.DEV ? 'the dev profile\'s default, or deletionProtection: false' : 'deletionProtection: false';
    const reason = `Deletion protection is off by this configuration (${why}): the database can be deleted with its stack, which is what a disposable environment wants; the staging and prod profiles keep it on.`;
    acks.push({ id: 'AwsSolutions-RDS10', reason }, { id: 'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled', reason });
  }
  return acks;
}
