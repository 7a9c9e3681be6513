import * as rds from 'aws-cdk-lib/aws-rds';

/** The database engine family of an AuroraCluster or RdsDatabase (the values name the Aurora engines). */
export enum DatabaseEngineFamily {
  /** Aurora PostgreSQL-Compatible Edition. */
  POSTGRESQL = 'aurora-postgresql',
  /** Aurora MySQL-Compatible Edition. */
  MYSQL = 'aurora-mysql',
}

/** Options of the Aurora PostgreSQL engine. */
export interface AuroraPostgresEngineOptions {
  /**
   * The engine version to pin.
   * @default - AuroraPostgresEngineVersion.VER_17_5 (supports Serverless v2 scale-to-zero)
   */
  readonly version?: rds.AuroraPostgresEngineVersion;
}

/** Options of the Aurora MySQL engine. */
export interface AuroraMysqlEngineOptions {
  /**
   * The engine version to pin (Aurora MySQL 3 or later).
   * @default - AuroraMysqlEngineVersion.VER_3_10_0 (the 3.10 long-term support release; supports scale-to-zero)
   */
  readonly version?: rds.AuroraMysqlEngineVersion;
}

/**
 * The engine of an AuroraCluster: Aurora PostgreSQL or Aurora MySQL, optionally at a pinned version.
 */
export class DatabaseEngine {
  /** Aurora PostgreSQL (default 17.5). */
  public static auroraPostgres(options: AuroraPostgresEngineOptions = {}): DatabaseEngine {
    const version = options.version ?? rds.AuroraPostgresEngineVersion.VER_17_5;
    return new DatabaseEngine(
      DatabaseEngineFamily.POSTGRESQL,
      rds.DatabaseClusterEngine.auroraPostgres({ version }),
      version.auroraPostgresFullVersion,
      5432,
    );
  }

  /** Aurora MySQL 3 (default 3.10.0, the long-term support release). */
  public static auroraMysql(options: AuroraMysqlEngineOptions = {}): DatabaseEngine {
    const version = options.version ?? rds.AuroraMysqlEngineVersion.VER_3_10_0;
    return new DatabaseEngine(
      DatabaseEngineFamily.MYSQL,
      rds.DatabaseClusterEngine.auroraMysql({ version }),
      version.auroraMysqlFullVersion,
      3306,
    );
  }

  /** The engine family. */
  public readonly family: DatabaseEngineFamily;
  /** The aws-cdk-lib cluster engine. */
  public readonly clusterEngine: rds.IClusterEngine;
  /** The full engine version, e.g. `17.5` or `8.0.mysql_aurora.3.10.0`. */
  public readonly fullVersion: string;
  /** The engine's standard port: 5432 for PostgreSQL, 3306 for MySQL. */
  public readonly defaultPort: number;
  /** The name the engine gives its default administrative user: `postgres` or `admin`. */
  public readonly defaultUsername: string;
  /**
   * Whether this version supports Aurora Serverless v2; undefined when the version string cannot
   * be read (a custom version: trusted as given).
   */
  public readonly supportsServerlessV2?: boolean;
  /**
   * Whether this version supports Serverless v2 scale-to-zero (minimum 0 ACU, auto-pause):
   * PostgreSQL 13.15, 14.12, 15.7, 16.3 or later; MySQL 3.08.0 or later. Undefined when unreadable.
   */
  public readonly supportsAutoPause?: boolean;

  private constructor(family: DatabaseEngineFamily, clusterEngine: rds.IClusterEngine, fullVersion: string, defaultPort: number) {
    this.family = family;
    this.clusterEngine = clusterEngine;
    this.fullVersion = fullVersion;
    this.defaultPort = defaultPort;
    this.defaultUsername = family === DatabaseEngineFamily.POSTGRESQL ? 'postgres' : 'admin';
    this.supportsServerlessV2 = this.atLeast({ 13: [13, 6], 14: [14, 3], 15: [15, 2] }, [16, 0], [3, 2, 0]);
    this.supportsAutoPause = this.atLeast({ 13: [13, 15], 14: [14, 12], 15: [15, 7], 16: [16, 3] }, [17, 0], [3, 8, 0]);
  }

  /** Compares this version against per-major PostgreSQL minimums (or a floor for later majors) or a MySQL minimum. */
  private atLeast(postgresByMajor: Record<number, number[]>, postgresFloor: number[], mysqlMinimum: number[]): boolean | undefined {
    if (this.family === DatabaseEngineFamily.POSTGRESQL) {
      const parsed = parseNumbers(/^(\d+)\.(\d+)/.exec(this.fullVersion));
      if (!parsed) return undefined;
      const minimum = postgresByMajor[parsed[0]] ?? (parsed[0] >= postgresFloor[0] ? postgresFloor : undefined);
      return minimum !== undefined && compare(parsed, minimum) >= 0;
    }
    // Aurora MySQL versions read `8.0.mysql_aurora.3.08.0`; later majors (8.4...) carry their own numbering.
    const aurora = parseNumbers(/mysql_aurora\.(\d+)\.(\d+)\.(\d+)/.exec(this.fullVersion));
    if (aurora) return compare(aurora, mysqlMinimum) >= 0;
    const major = parseNumbers(/^(\d+)\.(\d+)/.exec(this.fullVersion));
    if (!major) return undefined;
    return compare(major, [8, 1]) >= 0;
  }
}

function parseNumbers(match: RegExpExecArray | null): number[] | undefined {
  return match ? match.slice(1).map(Number) : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
