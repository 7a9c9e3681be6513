// The parts every database of this library builds the same way, whether an Aurora cluster or an RDS
// instance: the profile defaults, the KMS key, the security group, the TLS parameters, the log groups,
// password rotation and the acknowledgements on the secret and the monitoring role (internal).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { allowLogsToUseKey } from '../../private/log-encryption';
import { acknowledgeNag } from '../../private/nag';
import { profileDefault } from '../../private/profile-defaults';
import { EnvironmentProfile } from '../../profile';
import { DatabaseEngineFamily } from '../database-engine';
import { CredentialRotation, DatabaseMonitoring } from '../database-options';

/** What the shared builders need to know of an engine (DatabaseEngine and RdsEngine both have it). */
export interface EngineTraits {
  readonly family: DatabaseEngineFamily;
  readonly fullVersion: string;
  readonly defaultPort: number;
  readonly defaultUsername: string;
}

/** The props every database construct of this library has, as the defaults see them. */
export interface CommonDatabaseProps {
  readonly profile?: EnvironmentProfile;
  readonly backupRetention?: Duration;
  readonly deletionProtection?: boolean;
  readonly removalPolicy?: RemovalPolicy;
  readonly logRetention?: logs.RetentionDays;
  readonly monitoring?: DatabaseMonitoring;
}

/** The settings every database derives from its profile when the prop is not given. */
export interface CommonDatabaseDefaults {
  readonly backupRetention: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly logRetention: logs.RetentionDays;
  /** What happens to the key and the log groups: they go only when the database is destroyed. */
  readonly retainedRemovalPolicy: RemovalPolicy;
  readonly enhancedMonitoringInterval?: Duration;
}

/** The profile defaults shared by AuroraCluster and RdsDatabase (explicit props win). */
export function commonDefaults(props: CommonDatabaseProps): CommonDatabaseDefaults {
  const profile = props.profile;
  const removalPolicy = props.removalPolicy ?? profileDefault(profile, RemovalPolicy.SNAPSHOT, { dev: RemovalPolicy.DESTROY });
  return {
    backupRetention: props.backupRetention ?? Duration.days(profileDefault(profile, 7, { dev: 1, staging: 14, prod: 30 })),
    removalPolicy,
    deletionProtection: props.deletionProtection ?? profileDefault(profile, true, { dev: false }),
    logRetention: props.logRetention ?? profileDefault(profile, logs.RetentionDays.THREE_MONTHS, {
      dev: logs.RetentionDays.ONE_WEEK,
      prod: logs.RetentionDays.ONE_YEAR,
    }),
    retainedRemovalPolicy: removalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    enhancedMonitoringInterval: props.monitoring?.enhancedMonitoringInterval
      ?? profileDefault<Duration | undefined>(profile, undefined, { prod: Duration.seconds(60) }),
  };
}

/** The given key, or a new customer-managed key `Key` with yearly rotation under `scope`. */
export function databaseKey(scope: Construct, given: kms.IKey | undefined, description: string, removalPolicy: RemovalPolicy): kms.IKey {
  return given ?? new kms.Key(scope, 'Key', {
    description,
    enableKeyRotation: true,
    // Snapshots outlive the database and are unreadable without the key.
    removalPolicy,
  });
}

/** The database's security group `SecurityGroup`: inbound only from allowed peers, no egress. */
export function databaseSecurityGroup(scope: Construct, vpc: ec2.IVpc, description: string): ec2.SecurityGroup {
  return new ec2.SecurityGroup(scope, 'SecurityGroup', { vpc, description, allowAllOutbound: false });
}

/** The parameters that make the engine refuse connections without TLS (and, for MySQL, log slow queries). */
export function tlsParameters(family: DatabaseEngineFamily): { [name: string]: string } {
  return family === DatabaseEngineFamily.MYSQL
    ? { require_secure_transport: 'ON', slow_query_log: '1', long_query_time: '2', log_output: 'FILE' }
    : { 'rds.force_ssl': '1' };
}

/** How the log groups of a database's exported logs are kept. */
export interface ExportLogSettings {
  readonly retention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly encryptionKey?: kms.IKey;
}

/** The export log settings of a database; a KMS key of this app is opened to CloudWatch Logs. */
export function exportLogSettings(retention: logs.RetentionDays, removalPolicy: RemovalPolicy, encryptionKey?: kms.IKey): ExportLogSettings {
  if (encryptionKey) allowLogsToUseKey(encryptionKey);
  return { retention, removalPolicy, encryptionKey };
}

/**
 * A log group `<Type>LogGroup` for one exported log, created before the instances that publish to it,
 * so that RDS never creates it itself without retention.
 */
export function exportLogGroup(
  scope: Construct, type: string, logGroupName: string, settings: ExportLogSettings, publishers: IConstruct[],
  idPrefix: string = '',
): logs.LogGroup {
  const logGroup = new logs.LogGroup(scope, `${idPrefix}${type.charAt(0).toUpperCase()}${type.slice(1)}LogGroup`, {
    logGroupName,
    retention: settings.retention,
    removalPolicy: settings.removalPolicy,
    encryptionKey: settings.encryptionKey,
  });
  for (const publisher of publishers) publisher.node.addDependency(logGroup);
  return logGroup;
}

/** A database that admits clients to its port. */
export interface AdmitsClients {
  allowConnectionsFrom(other: ec2.IConnectable, description?: string): void;
}

/** Whether the administrator password rotates, and if not, why (the reason cdk-nag's acknowledgements give). */
export interface RotationDecision {
  readonly rotation?: CredentialRotation;
  readonly offBecause?: string;
}

/**
 * The rotation in effect: the given one; with the prod profile, every 30 days when the VPC has private
 * subnets with egress (the hosted rotation Lambda's route to Secrets Manager); otherwise none.
 */
export function decideRotation(profile: EnvironmentProfile | undefined, given: CredentialRotation | undefined, vpc: ec2.IVpc): RotationDecision {
  if (given?.enabled === false) return { offBecause: 'rotation: { enabled: false }' };
  if (given) return { rotation: given };
  if (!profile?.isProduction) {
    return { offBecause: `no rotation prop${profile ? ` with the ${profile.name} profile` : ''}; rotation is on by default with the prod profile only` };
  }
  if (vpc.privateSubnets.length === 0) {
    return { offBecause: 'the prod profile rotates only in a VPC with private subnets with egress, and this VPC has none; give rotation with vpcSubnets that reach Secrets Manager (an interface endpoint) to rotate' };
  }
  return { rotation: { schedule: Duration.days(30) } };
}

/** Hosted single-user rotation of the administrator password, admitted to the database port. */
export function addHostedRotation(
  family: DatabaseEngineFamily, secret: secretsmanager.ISecret, database: AdmitsClients,
  vpc: ec2.IVpc, databaseSubnets: ec2.SubnetSelection, rotation: CredentialRotation,
): secretsmanager.RotationSchedule {
  const options: secretsmanager.SingleUserHostedRotationOptions = {
    vpc,
    vpcSubnets: rotation.vpcSubnets ?? (vpc.privateSubnets.length > 0 ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : databaseSubnets),
  };
  const hostedRotation = family === DatabaseEngineFamily.MYSQL
    ? secretsmanager.HostedRotation.mysqlSingleUser(options)
    : secretsmanager.HostedRotation.postgreSqlSingleUser(options);
  const schedule = secret.addRotationSchedule('RotationSchedule', { hostedRotation, automaticallyAfter: rotation.schedule ?? Duration.days(30) });
  database.allowConnectionsFrom(hostedRotation, 'Password rotation Lambda');
  return schedule;
}

/**
 * A retained database keeps running: its credentials (and their rotation) must stay with it. A snapshot
 * keeps them too: a cluster or instance restored from it has the snapshot's master password
 * (RestoreDBClusterFromSnapshot and RestoreDBInstanceFromDBSnapshot take no password; aws-cdk-lib's
 * SnapshotCredentials default is "the existing password from the snapshot"), so the secret is retained.
 */
export function retainSecretWithDatabase(secret: IConstruct, removalPolicy: RemovalPolicy): void {
  if (removalPolicy === RemovalPolicy.RETAIN || removalPolicy === RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE) {
    (secret as secretsmanager.Secret).applyRemovalPolicy(removalPolicy);
  } else if (removalPolicy === RemovalPolicy.SNAPSHOT) {
    (secret as secretsmanager.Secret).applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}

/** The cdk-nag acknowledgements of the secret (when it does not rotate, with why) and the enhanced monitoring role. */
export function acknowledgeSecretAndMonitoring(secret: IConstruct, rotation: RotationDecision, monitoringRole?: iam.IRole): void {
  if (rotation.offBecause) {
    const reason = `The administrator password does not rotate (${rotation.offBecause}); applications can use IAM database authentication (always on) instead of the password, and the secret is encrypted with the database's key.`;
    acknowledgeNag(secret, [
      { id: 'AwsSolutions-SMG4', reason },
      { id: 'NIST.800.53.R5-SecretsManagerRotationEnabled', reason },
    ]);
  }
  if (monitoringRole) {
    acknowledgeNag(monitoringRole, [{
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      reason: 'AmazonRDSEnhancedMonitoringRole is the policy AWS documents for the enhanced monitoring role; it only allows writing the RDSOSMetrics log group.',
    }]);
  }
}
