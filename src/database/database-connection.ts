import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * What a service needs to connect to a database: its security groups, endpoint, port and
 * credentials. AuroraCluster implements it; `DatabaseConnection.fromAttributes` wraps any other.
 */
export interface IDatabaseConnection extends ec2.IConnectable {
  /** The secret holding the credentials (JSON with `username` and `password`). */
  readonly secret: secretsmanager.ISecret;
  /** The hostname of the writer endpoint. */
  readonly endpointAddress: string;
  /** The port the database listens on. */
  readonly port: number;
  /**
   * The name of the database to connect to, when one was created.
   */
  readonly databaseName?: string;
}

/** Attributes of a database that was not created by this library. */
export interface DatabaseConnectionAttributes {
  /** The database's security groups (anything `IConnectable`, e.g. an `rds.IDatabaseCluster`). */
  readonly connectable: ec2.IConnectable;
  /** The secret holding the credentials (JSON with `username` and `password`). */
  readonly secret: secretsmanager.ISecret;
  /** The hostname of the writer endpoint. */
  readonly endpointAddress: string;
  /** The port the database listens on. */
  readonly port: number;
  /**
   * The name of the database to connect to.
   * @default - none: the application picks one
   */
  readonly databaseName?: string;
}

/** Builds an `IDatabaseConnection` from any `IConnectable` and `ISecret`. */
export class DatabaseConnection {
  /** Wraps a database this library did not create. */
  public static fromAttributes(attrs: DatabaseConnectionAttributes): IDatabaseConnection {
    return {
      connections: attrs.connectable.connections,
      secret: attrs.secret,
      endpointAddress: attrs.endpointAddress,
      port: attrs.port,
      databaseName: attrs.databaseName,
    };
  }

  private constructor() {}
}
