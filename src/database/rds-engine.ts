import * as rds from 'aws-cdk-lib/aws-rds';
import { DatabaseEngineFamily } from './database-engine';

/** Options of the RDS for PostgreSQL engine. */
export interface RdsPostgresEngineOptions {
  /**
   * The engine version to pin (PostgreSQL 13 or later).
   * @default - PostgresEngineVersion.VER_18_3, the newest major version aws-cdk-lib 2.276 knows
   */
  readonly version?: rds.PostgresEngineVersion;
}

/** Options of the RDS for MySQL engine. */
export interface RdsMysqlEngineOptions {
  /**
   * The engine version to pin: MySQL 8.0 or 8.4.
   * @default - MysqlEngineVersion.VER_8_4_9 (8.4, the long-term support release; the newest 8.4 that both aws-cdk-lib 2.276 and cfn-lint 1.51 know)
   */
  readonly version?: rds.MysqlEngineVersion;
}

/**
 * The engine of an RdsDatabase: RDS for PostgreSQL or RDS for MySQL, always at a pinned version
 * (never "latest" at deploy time, so a deploy never upgrades the database by surprise).
 */
export class RdsEngine {
  /** RDS for PostgreSQL (default 18.3). */
  public static postgres(options: RdsPostgresEngineOptions = {}): RdsEngine {
    const version = options.version ?? rds.PostgresEngineVersion.VER_18_3;
    return new RdsEngine(DatabaseEngineFamily.POSTGRESQL, rds.DatabaseInstanceEngine.postgres({ version }),
      version.postgresFullVersion, version.postgresMajorVersion, 5432);
  }

  /** RDS for MySQL 8.0 or 8.4 (default 8.4.9). */
  public static mysql(options: RdsMysqlEngineOptions = {}): RdsEngine {
    const version = options.version ?? rds.MysqlEngineVersion.VER_8_4_9;
    return new RdsEngine(DatabaseEngineFamily.MYSQL, rds.DatabaseInstanceEngine.mysql({ version }),
      version.mysqlFullVersion, version.mysqlMajorVersion, 3306);
  }

  /** The engine family (PostgreSQL or MySQL). */
  public readonly family: DatabaseEngineFamily;
  /** The aws-cdk-lib instance engine. */
  public readonly instanceEngine: rds.IInstanceEngine;
  /** The full engine version, e.g. `18.3` or `8.4.10`. */
  public readonly fullVersion: string;
  /** The major engine version, e.g. `18` or `8.4`. */
  public readonly majorVersion: string;
  /** The engine's standard port: 5432 for PostgreSQL, 3306 for MySQL. */
  public readonly defaultPort: number;
  /** The name the engine gives its default administrative user: `postgres` or `admin`. */
  public readonly defaultUsername: string;

  private constructor(
    family: DatabaseEngineFamily, instanceEngine: rds.IInstanceEngine, fullVersion: string, majorVersion: string, defaultPort: number,
  ) {
    this.family = family;
    this.instanceEngine = instanceEngine;
    this.fullVersion = fullVersion;
    this.majorVersion = majorVersion;
    this.defaultPort = defaultPort;
    this.defaultUsername = family === DatabaseEngineFamily.POSTGRESQL ? 'postgres' : 'admin';
  }
}
