import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';

/** Performance Insights, Database Insights and enhanced monitoring of an AuroraCluster. */
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
  /** How often the password rotates: between 4 hours and 1000 days, e.g. `Duration.days(30)`. */
  readonly schedule: Duration;
  /**
   * The subnets of the rotation Lambda; it needs a route to Secrets Manager (NAT or an interface endpoint).
   * @default - the VPC's private subnets with egress when it has any, else the cluster's subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}
