import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DatabaseCapacity } from './database-capacity';
import { IDatabaseConnection } from './database-connection';
import { DatabaseEngine } from './database-engine';
import { DatabaseCommonOptions, DatabaseCommonProps } from './database-options';
import { createBackupPlan } from './private/backup-plan';
import { auditParameters, clusterAcknowledgements, logExports, readerPlacement, validateClusterProps } from './private/cluster-rules';
import {
  acknowledgeSecretAndMonitoring, addHostedRotation, commonDefaults, databaseKey, databaseSecurityGroup, decideRotation, exportLogGroup,
  exportLogSettings, retainSecretWithDatabase, tlsParameters,
} from './private/database-resources';
import { databaseSubnets, supportsPerformanceInsights } from './private/database-rules';
import { acknowledgeNag } from '../private/nag';
import { profileDefault } from '../private/profile-defaults';

/** The options of an AuroraCluster that do not place it in a VPC (WebAppBlueprint's `database`). */
export interface AuroraClusterOptions extends DatabaseCommonOptions {
  /**
   * The database engine and version.
   * @default - DatabaseEngine.auroraPostgres(): Aurora PostgreSQL 17.5
   */
  readonly engine?: DatabaseEngine;
  /**
   * The capacity of every instance.
   * @default - Serverless v2 0.5-4 ACU; dev profile 0-2 ACU with auto-pause; prod profile 1-8 ACU
   */
  readonly capacity?: DatabaseCapacity;
  /**
   * The number of reader instances (0-15), placed in other AZs than the writer; failover priority follows their order.
   * @default - 0, 1 with the prod profile (Multi-AZ)
   */
  readonly readers?: number;
  /**
   * The backtrack window (Aurora MySQL only, at most 72 hours; can only be enabled when the cluster is created).
   * @default - no backtrack
   */
  readonly backtrackWindow?: Duration;
}

/** Properties of an AuroraCluster. */
export interface AuroraClusterProps extends DatabaseCommonProps, AuroraClusterOptions {}

/**
 * An Aurora PostgreSQL or MySQL cluster that is encrypted, backed up, TLS-only, IAM-authenticated
 * and reachable only from what you allow, with profile-dependent capacity, readers and retention.
 *
 * @example
 * import { AuroraCluster, DatabaseCapacity, EnvironmentProfile } from 'cdk-webapp-patterns';
 *
 * const database = new AuroraCluster(this, 'Database', {
 *   vpc: network.vpc,
 *   profile: EnvironmentProfile.prod(),
 *   capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 4 }),
 * });
 * database.allowConnectionsFrom(api);
 */
export class AuroraCluster extends Construct implements IDatabaseConnection {
  /** The underlying cluster. */
  public readonly cluster: rds.DatabaseCluster;
  /** The secret with the administrator's credentials (JSON with `username`, `password`, `host`, `port`...). */
  public readonly secret: secretsmanager.ISecret;
  /** The cluster's security groups; use `allowConnectionsFrom` to admit a client. */
  public readonly connections: ec2.Connections;
  /** The cluster's security group (no egress rules). */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** The hostname of the writer endpoint. */
  public readonly endpointAddress: string;
  /** The hostname of the reader endpoint. */
  public readonly readerEndpointAddress: string;
  /** The port the database listens on. */
  public readonly port: number;
  /** The name of the database created in the cluster, when one was. */
  public readonly databaseName?: string;
  /** The KMS key encrypting the cluster. */
  public readonly encryptionKey: kms.IKey;
  /** The engine in effect. */
  public readonly engine: DatabaseEngine;
  /** The capacity in effect. */
  public readonly capacity: DatabaseCapacity;
  /** Whether the instances are Aurora Serverless v2 (the ACU utilization alarm applies). */
  public readonly isServerless: boolean;
  /** The number of reader instances. */
  public readonly readerCount: number;
  /** The log groups of the exported database logs. */
  public readonly logGroups: logs.ILogGroup[];
  /** The password rotation schedule, with `rotation`. */
  public readonly rotationSchedule?: secretsmanager.RotationSchedule;
  /** The AWS Backup plan, with `backupPlan`. */
  public readonly backupPlan?: backup.BackupPlan;
  /** The AWS Backup vault in this region, with `backupPlan`. */
  public readonly backupVault?: backup.IBackupVault;
  /** The companion stack holding the copy's destination vault, with `backupPlan.copy` `BackupCopy.toRegion`. */
  public readonly backupCopyStack?: Stack;

  constructor(scope: Construct, id: string, props: AuroraClusterProps) {
    super(scope, id);
    const profile = props.profile;
    const engine = props.engine ?? DatabaseEngine.auroraPostgres();
    const capacity = props.capacity ?? profileDefault(profile, DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 4 }), {
      // Scale to zero where the engine allows it; a pinned older version keeps the 0.5 ACU floor.
      dev: DatabaseCapacity.serverless({ minAcu: engine.supportsAutoPause === false ? 0.5 : 0, maxAcu: 2 }),
      prod: DatabaseCapacity.serverless({ minAcu: 1, maxAcu: 8 }),
    });
    const readers = props.readers ?? profileDefault(profile, 0, { prod: 1 });
    const port = props.port ?? engine.defaultPort;
    const {
      backupRetention, removalPolicy, deletionProtection, logRetention, retainedRemovalPolicy, enhancedMonitoringInterval,
    } = commonDefaults(props);
    const monitoring = props.monitoring ?? {};
    const advancedInsights = monitoring.databaseInsightsMode === rds.DatabaseInsightsMode.ADVANCED;
    // Advanced Database Insights is built on Performance Insights, so asking for it turns Performance Insights on.
    // Aurora MySQL on the smallest burstable classes cannot run Performance Insights: off by default there.
    const performanceInsights = monitoring.performanceInsights
      ?? (advancedInsights || (supportsPerformanceInsights(engine.family, capacity.instanceType) && profileDefault(profile, true, { dev: false })));
    validateClusterProps(this, { ...props, engine, capacity, readers, port, backupRetention, enhancedMonitoringInterval, performanceInsights });

    this.engine = engine;
    this.capacity = capacity;
    this.isServerless = capacity.isServerless;
    this.readerCount = readers;
    const vpcSubnets = databaseSubnets(this, props.vpc, props.vpcSubnets);

    this.encryptionKey = databaseKey(this, props.encryptionKey,
      `Encrypts the Aurora cluster ${this.node.path}, its snapshots and its secret`, retainedRemovalPolicy);
    this.securityGroup = databaseSecurityGroup(this, props.vpc, 'Aurora cluster: inbound only from allowed peers, no egress');

    // Advanced Database Insights requires 15 months of Performance Insights history, on every instance too.
    const performanceInsightRetention = advancedInsights ? rds.PerformanceInsightRetention.MONTHS_15 : undefined;
    const instanceOptions = {
      enablePerformanceInsights: performanceInsights,
      performanceInsightRetention: performanceInsights ? performanceInsightRetention : undefined,
      performanceInsightEncryptionKey: performanceInsights ? this.encryptionKey : undefined,
    };
    const placement = readerPlacement(props.vpc, vpcSubnets, readers);
    const writer = capacity.isServerless
      ? rds.ClusterInstance.serverlessV2('Writer', { ...instanceOptions, availabilityZone: placement.writer })
      : rds.ClusterInstance.provisioned('Writer', { ...instanceOptions, instanceType: capacity.instanceType, availabilityZone: placement.writer });
    const readerInstances = placement.readers.map((availabilityZone, i) => {
      const promotionTier = Math.min(i + 1, 15);
      const readerId = `Reader${i + 1}`;
      return capacity.isServerless
        // The first reader (tier 1) scales with the writer so that a failover lands on enough capacity.
        ? rds.ClusterInstance.serverlessV2(readerId, { ...instanceOptions, availabilityZone, scaleWithWriter: i === 0 })
        : rds.ClusterInstance.provisioned(readerId, { ...instanceOptions, availabilityZone, promotionTier, instanceType: capacity.instanceType });
    });

    const exports = logExports(engine);
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: engine.clusterEngine,
      vpc: props.vpc,
      vpcSubnets,
      securityGroups: [this.securityGroup],
      port,
      defaultDatabaseName: props.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret(props.masterUsername ?? engine.defaultUsername, { encryptionKey: this.encryptionKey }),
      writer,
      readers: readerInstances,
      serverlessV2MinCapacity: capacity.minAcu,
      serverlessV2MaxCapacity: capacity.maxAcu,
      storageEncrypted: true,
      storageEncryptionKey: this.encryptionKey,
      iamAuthentication: true,
      parameters: { ...tlsParameters(engine.family), ...auditParameters(engine) },
      backup: { retention: backupRetention, preferredWindow: props.preferredBackupWindow },
      copyTagsToSnapshot: true,
      deletionProtection,
      removalPolicy,
      cloudwatchLogsExports: exports,
      performanceInsightEncryptionKey: performanceInsights ? this.encryptionKey : undefined,
      performanceInsightRetention,
      databaseInsightsMode: monitoring.databaseInsightsMode,
      monitoringInterval: enhancedMonitoringInterval,
      backtrackWindow: props.backtrackWindow,
    });
    const cfnCluster = this.cluster.node.defaultChild as rds.CfnDBCluster;
    if (capacity.isServerless && capacity.minAcu === 0) {
      // Set on the L1: aws-cdk-lib only knows auto-pause support for its built-in versions; ours is checked above.
      cfnCluster.addPropertyOverride('ServerlessV2ScalingConfiguration.SecondsUntilAutoPause', (capacity.autoPauseAfter ?? Duration.minutes(5)).toSeconds());
    }

    if (capacity.isServerless) {
      // aws-cdk-lib puts every serverless reader after the first in tier 2; keep the failover order documented on `readers`.
      placement.readers.forEach((_, i) => {
        const instance = this.cluster.node.findChild(`Reader${i + 1}`).node.defaultChild as rds.CfnDBInstance;
        if (i >= 2) instance.promotionTier = Math.min(i + 1, 15);
      });
    }

    // The logs go with the cluster only when it is destroyed; with SNAPSHOT or RETAIN they stay for investigation.
    const instances = this.cluster.node.findAll().filter((child) => child instanceof rds.CfnDBInstance);
    const logSettings = exportLogSettings(logRetention, retainedRemovalPolicy, props.logEncryptionKey);
    this.logGroups = exports.map((type) => exportLogGroup(this, type,
      `/aws/rds/cluster/${this.cluster.clusterIdentifier}/${type}`, logSettings, instances));

    this.secret = this.cluster.secret!;
    retainSecretWithDatabase(this.cluster.node.findChild('Secret'), removalPolicy);
    // A literal default port (the cluster's own Connections carry the Endpoint.Port token) reads better in rules.
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(port) });
    this.endpointAddress = this.cluster.clusterEndpoint.hostname;
    this.readerEndpointAddress = this.cluster.clusterReadEndpoint.hostname;
    this.port = port;
    this.databaseName = props.databaseName;

    const rotation = decideRotation(profile, props.rotation, props.vpc);
    if (rotation.rotation) {
      this.rotationSchedule = addHostedRotation(engine.family, this.secret, this, props.vpc, vpcSubnets, rotation.rotation);
    }
    if (props.backupPlan) {
      const created = createBackupPlan(this, backup.BackupResource.fromRdsDatabaseCluster(this.cluster), props.backupPlan, backupRetention);
      this.backupPlan = created.plan;
      this.backupVault = created.vault;
      this.backupCopyStack = created.copyStack;
    }
    const backtrack = props.backtrackWindow !== undefined;
    acknowledgeNag(cfnCluster, clusterAcknowledgements(engine, { port, deletionProtection, backtrack, profile }));
    acknowledgeSecretAndMonitoring(this.cluster.node.findChild('Secret'), rotation, this.cluster.monitoringRole);
  }

  /** Admits `other` (a service, security group, peer) to the database port. */
  public allowConnectionsFrom(other: ec2.IConnectable, description?: string): void {
    this.connections.allowDefaultPortFrom(other, description ?? `Database clients on port ${this.port}`);
  }

  /** Grants `grantee` permission to connect as `dbUser` with IAM database authentication (`rds-db:connect`). */
  public grantConnect(grantee: iam.IGrantable, dbUser: string): iam.Grant {
    return this.cluster.grantConnect(grantee, dbUser);
  }

  /** Average CPU utilization of the cluster's instances, in percent. */
  public metricCpuUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cluster.metricCPUUtilization(props);
  }

  /** The number of client connections to the cluster's instances. */
  public metricDatabaseConnections(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cluster.metricDatabaseConnections(props);
  }

  /** Freeable memory of the cluster's instances, in bytes. */
  public metricFreeableMemory(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cluster.metricFreeableMemory(props);
  }

  /** Serverless v2 capacity used as a percentage of the maximum ACU (meaningful only when `isServerless`). */
  public metricAcuUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cluster.metricACUUtilization(props);
  }

  /** The largest lag of a reader behind the writer: the cluster-level `AuroraReplicaLagMaximum` (milliseconds). */
  public metricReplicaLag(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.cluster.metric('AuroraReplicaLagMaximum', { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }
}
