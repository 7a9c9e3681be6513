import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { DatabaseBackupPlanOptions } from './backup';
import { EnvironmentProfile } from '../profile';

/** Performance Insights, Database Insights and enhanced monitoring of an AuroraCluster or RdsDatabase. */
export interface DatabaseMonitoring {
  /**
   * Performance Insights on every instance (7 days of history are free), encrypted with the cluster's key.
   * Aurora MySQL cannot run it on db.t2, db.t3, db.t4g.micro or db.t4g.small: `true` is refused there.
   * @default - true; false with the dev profile and on those Aurora MySQL instance classes
   */
  readonly performanceInsights?: boolean;
  /**
   * The Database Insights mode; `ADVANCED` keeps 15 months of Performance Insights history (extra cost).
   * @default - standard (the Aurora default)
   */
  readonly databaseInsightsMode?: rds.DatabaseInsightsMode;
  /**
   * The enhanced monitoring (OS metrics) interval: 1, 5, 10, 15, 30 or 60 seconds.
   * @default - 60 seconds with the prod profile, otherwise no enhanced monitoring
   */
  readonly enhancedMonitoringInterval?: Duration;
}

/** Automatic rotation of the administrator password with a Secrets Manager hosted rotation Lambda. */
export interface CredentialRotation {
  /**
   * Whether the password rotates; `false` turns off the prod profile's default rotation.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How often the password rotates: between 4 hours and 1000 days, e.g. `Duration.days(30)`.
   * @default Duration.days(30)
   */
  readonly schedule?: Duration;
  /**
   * The subnets of the rotation Lambda; it needs a route to Secrets Manager (NAT or an interface endpoint).
   * @default - the VPC's private subnets with egress when it has any, else the cluster's subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

/**
 * The options every database construct of this library shares (AuroraClusterOptions and RdsDatabaseOptions
 * extend it): placement, credentials, encryption, backups, removal, logs, monitoring and rotation.
 */
export interface DatabaseCommonOptions {
  /**
   * The subnets of the database.
   * @default - the `Data` subnet group when the VPC has one (SecureVpc), else the isolated subnets, else the private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The port the database listens on (1150-65535).
   * @default - the engine's port: 5432 for PostgreSQL, 3306 for MySQL
   */
  readonly port?: number;
  /**
   * The name of a database to create.
   * @default - none: the engine's default database only
   */
  readonly databaseName?: string;
  /**
   * The administrator's user name (its password is generated in Secrets Manager).
   * @default - 'postgres' for PostgreSQL, 'admin' for MySQL
   */
  readonly masterUsername?: string;
  /**
   * The KMS key encrypting storage, snapshots, replicas, the secret and Performance Insights.
   * @default - a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * How long automated backups are kept (1-35 days).
   * @default - 7 days; 1 day with dev, 14 days with staging, 30 days with prod
   */
  readonly backupRetention?: Duration;
  /**
   * The daily backup window in UTC, `hh:mm-hh:mm`, at least 30 minutes.
   * @default - a 30-minute window chosen by RDS
   */
  readonly preferredBackupWindow?: string;
  /**
   * Whether the database refuses to be deleted (an RdsDatabase's read replicas never do: they hold no data of their own).
   * @default - true; false with the dev profile
   */
  readonly deletionProtection?: boolean;
  /**
   * What happens to the database when it leaves the stack. The KMS key and the log groups are retained unless
   * this is DESTROY; the credentials secret is retained with RETAIN (the database keeps running). An
   * RdsDatabase's read replicas are always destroyed.
   * @default - RemovalPolicy.SNAPSHOT; DESTROY with the dev profile
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long the exported database logs are kept in CloudWatch Logs.
   * @default - 3 months; 1 week with dev, 1 year with prod
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * A KMS key that encrypts the log groups of the exported database logs (a key-policy statement for
   * CloudWatch Logs is added when the key belongs to this app), e.g. the database's own key.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;
  /**
   * Performance Insights, Database Insights and enhanced monitoring, on every instance.
   * @default - Performance Insights on (off with dev, and with MySQL on db.t2, db.t3, db.t4g.micro or db.t4g.small, which cannot run it); enhanced monitoring every 60 s with prod
   */
  readonly monitoring?: DatabaseMonitoring;
  /**
   * Automatic rotation of the administrator password (hosted single-user rotation); `{ enabled: false }` turns it off.
   * @default - every 30 days with the prod profile when the VPC has private subnets with egress (the rotation
   * Lambda's route to Secrets Manager), otherwise no rotation
   */
  readonly rotation?: CredentialRotation;
  /**
   * An AWS Backup plan (daily, optionally weekly), optionally copying each backup to another region.
   * @default - none: the automated backups only
   */
  readonly backupPlan?: DatabaseBackupPlanOptions;
}

/**
 * The properties every database construct of this library shares (AuroraCluster and RdsDatabase
 * extend it): its options, plus the VPC and the profile.
 */
export interface DatabaseCommonProps extends DatabaseCommonOptions {
  /** The VPC to place the database in (any `ec2.IVpc`, e.g. `SecureVpc.vpc`). */
  readonly vpc: ec2.IVpc;
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
}
