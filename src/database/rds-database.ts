import { Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { IDatabaseConnection } from './database-connection';
import { DatabaseEngineFamily } from './database-engine';
import { DatabaseCommonOptions, DatabaseCommonProps } from './database-options';
import { createBackupPlan } from './private/backup-plan';
import {
  acknowledgeSecretAndMonitoring, addHostedRotation, commonDefaults, databaseKey, databaseSecurityGroup, decideRotation, exportLogGroup,
  exportLogSettings, retainSecretWithDatabase, RotationDecision, tlsParameters,
} from './private/database-resources';
import { databaseAcknowledgements, databaseSubnets, subnetAzs, supportsPerformanceInsights } from './private/database-rules';
import { validateInstanceProps } from './private/instance-rules';
import { RdsEngine } from './rds-engine';
import { acknowledgeNag } from '../private/nag';
import { profileDefault } from '../private/profile-defaults';
import { propName, refuse } from '../private/validation';
import { EnvironmentProfile, Stage } from '../profile';

/** The options of an RdsDatabase that do not place it in a VPC (WebAppBlueprint's `rdsDatabase`). */
export interface RdsDatabaseOptions extends DatabaseCommonOptions {
  /**
   * The database engine and its pinned version.
   * @default - RdsEngine.postgres(): RDS for PostgreSQL 18.3
   */
  readonly engine?: RdsEngine;
  /**
   * The instance class of the primary, its standby and every read replica (e.g. `t4g.medium`, written as `db.t4g.medium`).
   * @default - db.t4g.small; db.t4g.micro with dev, db.t4g.medium with prod (Graviton burstable)
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * Whether a synchronous standby runs in another AZ and takes over automatically (Multi-AZ).
   * @default - false; true with the prod profile
   */
  readonly multiAz?: boolean;
  /**
   * The number of read replicas in this region (0-15), each in an AZ other than the primary's where the VPC has one.
   * @default 0
   */
  readonly readReplicas?: number;
  /**
   * The allocated gp3 storage in GiB (20-65536).
   * @default 20
   */
  readonly allocatedStorage?: number;
  /**
   * The ceiling storage autoscaling may grow the storage to, in GiB (at least 10% above `allocatedStorage`).
   * @default - 100, or 10% above `allocatedStorage` when that is larger
   */
  readonly maxAllocatedStorage?: number;
  /**
   * The weekly maintenance window in UTC, `ddd:hh:mm-ddd:hh:mm`, at least 30 minutes, not overlapping the backup window.
   * @default - a 30-minute window chosen by RDS
   */
  readonly preferredMaintenanceWindow?: string;
}

/** Properties of an RdsDatabase. */
export interface RdsDatabaseProps extends DatabaseCommonProps, RdsDatabaseOptions {}

/**
 * An RDS for PostgreSQL or MySQL instance that is as safe as an AuroraCluster: encrypted (storage,
 * replicas, secret, Performance Insights) with a rotating customer-managed key, TLS-only,
 * IAM-authenticated, backed up, reachable only from what you allow, with Multi-AZ in prod, read
 * replicas, gp3 storage that grows on its own, and logs in log groups with finite retention.
 */
export class RdsDatabase extends Construct implements IDatabaseConnection {
  /** The primary instance. */
  public readonly instance: rds.DatabaseInstance;
  /** The read replicas, in order. */
  public readonly readReplicas: rds.DatabaseInstanceReadReplica[];
  /** The secret with the administrator's credentials (JSON with `username`, `password`, `host`, `port`...). */
  public readonly secret: secretsmanager.ISecret;
  /** The instance's security groups; use `allowConnectionsFrom` to admit a client. */
  public readonly connections: ec2.Connections;
  /** The security group of the primary and its replicas (no egress rules). */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** The hostname of the primary's endpoint. */
  public readonly endpointAddress: string;
  /** The hostnames of the read replicas' endpoints, in order. */
  public readonly readReplicaEndpointAddresses: string[];
  /** The port the database listens on. */
  public readonly port: number;
  /** The name of the database created in the instance, when one was. */
  public readonly databaseName?: string;
  /** The KMS key encrypting the instance and its replicas. */
  public readonly encryptionKey: kms.IKey;
  /** The engine in effect. */
  public readonly engine: RdsEngine;
  /** The instance type in effect. */
  public readonly instanceType: ec2.InstanceType;
  /** Whether the primary has a synchronous standby in another AZ. */
  public readonly multiAz: boolean;
  /** The DB instance identifier of the primary (fixed, so that its log groups can exist before it). */
  public readonly instanceIdentifier: string;
  /** The log groups of the exported database logs, the primary's first. */
  public readonly logGroups: logs.ILogGroup[];
  /** The password rotation schedule, with `rotation`. */
  public readonly rotationSchedule?: secretsmanager.RotationSchedule;
  /** The AWS Backup plan, with `backupPlan`. */
  public readonly backupPlan?: backup.BackupPlan;
  /** The AWS Backup vault in this region, with `backupPlan`. */
  public readonly backupVault?: backup.IBackupVault;
  /** The companion stack holding the copy's destination vault, with `backupPlan.copy` `BackupCopy.toRegion`. */
  public readonly backupCopyStack?: Stack;

  constructor(scope: Construct, id: string, props: RdsDatabaseProps) {
    super(scope, id);
    const profile = props.profile;
    const engine = props.engine ?? RdsEngine.postgres();
    const instanceType = props.instanceType ?? profileDefault(profile, ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL), {
      dev: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      prod: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    });
    const multiAz = props.multiAz ?? profileDefault(profile, false, { prod: true });
    const readReplicas = props.readReplicas ?? 0;
    const allocatedStorage = props.allocatedStorage ?? 20;
    const maxAllocatedStorage = props.maxAllocatedStorage ?? Math.max(100, Math.ceil((allocatedStorage * 11) / 10));
    const port = props.port ?? engine.defaultPort;
    const {
      backupRetention, removalPolicy, deletionProtection, logRetention, retainedRemovalPolicy, enhancedMonitoringInterval,
    } = commonDefaults(props);
    const monitoring = props.monitoring ?? {};
    const advancedInsights = monitoring.databaseInsightsMode === rds.DatabaseInsightsMode.ADVANCED;
    // As with AuroraCluster: advanced Database Insights needs Performance Insights; MySQL's smallest classes cannot run it.
    const performanceInsights = monitoring.performanceInsights
      ?? (advancedInsights || (supportsPerformanceInsights(engine.family, instanceType) && profileDefault(profile, true, { dev: false })));
    validateInstanceProps(this, {
      ...props,
      engine,
      instanceType,
      readReplicas,
      allocatedStorage,
      maxAllocatedStorage,
      port,
      backupRetention,
      enhancedMonitoringInterval,
      performanceInsights,
    });

    this.engine = engine;
    this.instanceType = instanceType;
    this.multiAz = multiAz;
    const vpcSubnets = databaseSubnets(this, props.vpc, props.vpcSubnets);
    const azs = subnetAzs(props.vpc, vpcSubnets);

    this.encryptionKey = databaseKey(this, props.encryptionKey,
      `Encrypts the RDS instance ${this.node.path}, its replicas, its snapshots and its secret`, retainedRemovalPolicy);
    this.securityGroup = databaseSecurityGroup(this, props.vpc, 'RDS instance: inbound only from allowed peers, no egress');
    const parameterGroup = new rds.ParameterGroup(this, 'ParameterGroup', {
      engine: engine.instanceEngine,
      description: `TLS-only parameters of ${this.node.path}`,
      parameters: tlsParameters(engine.family),
    });
    const isMysql = engine.family === DatabaseEngineFamily.MYSQL;
    // MySQL writes its audit log through the MariaDB audit plugin of an option group.
    const optionGroup = isMysql ? new rds.OptionGroup(this, 'OptionGroup', {
      engine: engine.instanceEngine,
      description: `Audit log of ${this.node.path}`,
      configurations: [{ name: 'MARIADB_AUDIT_PLUGIN', settings: { SERVER_AUDIT_EVENTS: 'CONNECT,QUERY_DDL,QUERY_DCL' } }],
    }) : undefined;
    const exports = isMysql ? ['error', 'slowquery', 'audit'] : ['postgresql', 'upgrade'];

    // A fixed identifier, so that the log groups are named (and created) before the instance that writes to them.
    this.instanceIdentifier = instanceIdentifier(this);
    // Advanced Database Insights requires 15 months of Performance Insights history.
    const performanceInsightRetention = advancedInsights ? rds.PerformanceInsightRetention.MONTHS_15 : undefined;
    const shared = {
      instanceType,
      vpc: props.vpc,
      vpcSubnets,
      securityGroups: [this.securityGroup],
      port,
      parameterGroup,
      optionGroup,
      storageType: rds.StorageType.GP3,
      maxAllocatedStorage,
      storageEncrypted: true,
      storageEncryptionKey: this.encryptionKey,
      iamAuthentication: true,
      cloudwatchLogsExports: exports,
      enablePerformanceInsights: performanceInsights,
      performanceInsightEncryptionKey: performanceInsights ? this.encryptionKey : undefined,
      performanceInsightRetention: performanceInsights ? performanceInsightRetention : undefined,
      databaseInsightsMode: monitoring.databaseInsightsMode,
      monitoringInterval: enhancedMonitoringInterval,
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
      copyTagsToSnapshot: true,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
    };
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      ...shared,
      engine: engine.instanceEngine,
      instanceIdentifier: this.instanceIdentifier,
      databaseName: props.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret(props.masterUsername ?? engine.defaultUsername, { encryptionKey: this.encryptionKey }),
      multiAz,
      // A Multi-AZ primary may run in either AZ after a failover; a single-AZ one is pinned so replicas go elsewhere.
      availabilityZone: multiAz ? undefined : azs[0],
      allocatedStorage,
      backupRetention,
      preferredBackupWindow: props.preferredBackupWindow,
      deletionProtection,
      removalPolicy,
    });
    const replicaAzs = azs.length > 1 ? azs.slice(1) : azs;
    this.readReplicas = Array.from({ length: readReplicas }, (_, i) => new rds.DatabaseInstanceReadReplica(this, `ReadReplica${i + 1}`, {
      ...shared,
      sourceDatabaseInstance: this.instance,
      monitoringRole: this.monitoringRole(),
      instanceIdentifier: `${this.instanceIdentifier}-replica-${i + 1}`,
      availabilityZone: replicaAzs.length > 0 ? replicaAzs[i % replicaAzs.length] : undefined,
      // A replica holds no data of its own: removing one (readReplicas lowered) must just work.
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    }));
    // A same-region replica is encrypted because its source is, with the KmsKeyId given; CloudFormation rejects StorageEncrypted on it.
    for (const replica of this.readReplicas) (replica.node.defaultChild as rds.CfnDBInstance).addPropertyDeletionOverride('StorageEncrypted');

    const logSettings = exportLogSettings(logRetention, retainedRemovalPolicy, props.logEncryptionKey);
    this.logGroups = [
      ...exports.map((type) => exportLogGroup(this, type, `/aws/rds/instance/${this.instanceIdentifier}/${type}`,
        logSettings, [this.instance.node.defaultChild!])),
      ...this.readReplicas.flatMap((replica, i) => exports.map((type) => exportLogGroup(this, type,
        `/aws/rds/instance/${this.instanceIdentifier}-replica-${i + 1}/${type}`, logSettings,
        [replica.node.defaultChild!], `ReadReplica${i + 1}`))),
    ];

    this.secret = this.instance.secret!;
    retainSecretWithDatabase(this.instance.node.findChild('Secret'), removalPolicy);
    // A literal default port (the instance's own Connections carry the Endpoint.Port token) reads better in rules.
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(port) });
    this.endpointAddress = this.instance.dbInstanceEndpointAddress;
    this.readReplicaEndpointAddresses = this.readReplicas.map((replica) => replica.dbInstanceEndpointAddress);
    this.port = port;
    this.databaseName = props.databaseName;

    const rotation = decideRotation(profile, props.rotation, props.vpc);
    if (rotation.rotation) {
      this.rotationSchedule = addHostedRotation(engine.family, this.secret, this, props.vpc, vpcSubnets, rotation.rotation);
    }
    if (props.backupPlan) {
      const created = createBackupPlan(this, backup.BackupResource.fromRdsDatabaseInstance(this.instance), props.backupPlan, backupRetention);
      this.backupPlan = created.plan;
      this.backupVault = created.vault;
      this.backupCopyStack = created.copyStack;
    }
    this.acknowledge({ port, deletionProtection, multiAz, profile, rotation });
  }

  /** Admits `other` (a service, security group, peer) to the database port, on the primary and every replica. */
  public allowConnectionsFrom(other: ec2.IConnectable, description?: string): void {
    this.connections.allowDefaultPortFrom(other, description ?? `Database clients on port ${this.port}`);
  }

  /** Grants `grantee` permission to connect as `dbUser` with IAM database authentication (`rds-db:connect`), on the primary and every replica. */
  public grantConnect(grantee: iam.IGrantable, dbUser: string): iam.Grant {
    const grant = this.instance.grantConnect(grantee, dbUser);
    for (const replica of this.readReplicas) replica.grantConnect(grantee, dbUser);
    return grant;
  }

  /** CPU utilization of the primary, in percent. */
  public metricCpuUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.instance.metricCPUUtilization(props);
  }

  /** The number of client connections to the primary. */
  public metricDatabaseConnections(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.instance.metricDatabaseConnections(props);
  }

  /** Freeable memory of the primary, in bytes. */
  public metricFreeableMemory(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.instance.metricFreeableMemory(props);
  }

  /** Free storage space of the primary, in bytes. */
  public metricFreeStorageSpace(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.instance.metricFreeStorageSpace(props);
  }

  /** Average time a disk read of the primary takes, in seconds. */
  public metricReadLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.instance.metric('ReadLatency', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  /** Average time a disk write of the primary takes, in seconds. */
  public metricWriteLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.instance.metric('WriteLatency', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  /**
   * The largest lag of a read replica behind the primary, in milliseconds (RDS publishes `ReplicaLag` in
   * seconds per replica: this is their maximum times 1000, in the unit of Aurora's replica lag).
   * Refused when the database has no read replicas.
   */
  public metricReplicaLag(props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    if (this.readReplicas.length === 0) {
      refuse(`RdsDatabase '${this.node.path}': ${propName('metricReplicaLag')} needs read replicas; ${propName('readReplicas')} is 0`);
    }
    const usingMetrics: { [id: string]: cloudwatch.IMetric } = {};
    this.readReplicas.forEach((replica, i) => {
      usingMetrics[`lag${i + 1}`] = replica.metric('ReplicaLag', { statistic: cloudwatch.Stats.MAXIMUM, period: props?.period });
    });
    const ids = Object.keys(usingMetrics);
    return new cloudwatch.MathExpression({
      expression: ids.length === 1 ? `${ids[0]} * 1000` : `MAX([${ids.join(', ')}]) * 1000`,
      usingMetrics,
      label: 'Replica lag (ms)',
      ...props,
    });
  }

  /** The enhanced monitoring role aws-cdk-lib creates for the primary (shared by the replicas), with enhanced monitoring. */
  private monitoringRole(): iam.IRole | undefined {
    return this.instance.node.tryFindChild('MonitoringRole') as iam.IRole | undefined;
  }

  private acknowledge(settings: {
    port: number; deletionProtection: boolean; multiAz: boolean; profile?: EnvironmentProfile; rotation: RotationDecision;
  }): void {
    const cfnInstance = this.instance.node.defaultChild as rds.CfnDBInstance;
    const acks = databaseAcknowledgements(this.engine, settings);
    if (!settings.multiAz) {
      const stage = settings.profile?.stage;
      const why = stage === Stage.PROD ? 'multiAz: false' : 'multiAz: false, the default outside the prod profile, or given';
      const reason = `Multi-AZ is off by this configuration (${why}): a single-AZ instance recovers from its automated backups, with the downtime and data loss of a restore.`;
      acks.push({ id: 'AwsSolutions-RDS3', reason }, { id: 'NIST.800.53.R5-RDSMultiAZSupport', reason });
    }
    acknowledgeNag(cfnInstance, acks);
    const multiAz = 'A read replica is a copy of the primary: Multi-AZ protects the primary, and a lost replica is re-created from it.';
    const deletion = 'A read replica holds no data of its own; deletion protection would only block lowering readReplicas.';
    const backups = 'Read replicas of RDS for PostgreSQL and MySQL are backed up through their primary, whose automated backups are on.';
    for (const replica of this.readReplicas) {
      acknowledgeNag(replica.node.defaultChild as rds.CfnDBInstance, [
        ...databaseAcknowledgements(this.engine, { port: settings.port, deletionProtection: true }),
        { id: 'AwsSolutions-RDS3', reason: multiAz },
        { id: 'NIST.800.53.R5-RDSMultiAZSupport', reason: multiAz },
        { id: 'AwsSolutions-RDS10', reason: deletion },
        { id: 'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled', reason: deletion },
        { id: 'AwsSolutions-RDS13', reason: backups },
        { id: 'NIST.800.53.R5-RDSInBackupPlan', reason: backups },
      ]);
    }
    acknowledgeSecretAndMonitoring(this.instance.node.findChild('Secret'), settings.rotation, this.monitoringRole());
  }
}

/** A DB instance identifier unique in the account and region and stable with the construct's path: lowercase, at most 50 characters. */
function instanceIdentifier(scope: Construct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 50, separator: '-' }).toLowerCase().replace(/-+/g, '-');
  return /^[a-z]/.test(name) ? name : `db-${name}`.slice(0, 50);
}
