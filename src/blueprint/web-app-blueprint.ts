import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { ApiServiceBase } from '../api/api-service-base';
import { CloudFrontAccess } from '../api/cloudfront-access';
import { FargateApiService } from '../api/fargate-api-service';
import { FargateApiServiceOptions } from '../api/fargate-api-service-props';
import { AuroraCluster, AuroraClusterOptions } from '../database/aurora-cluster';
import { DatabaseCapacity } from '../database/database-capacity';
import { IDatabaseConnection } from '../database/database-connection';
import { DatabaseEngine } from '../database/database-engine';
import { RdsDatabase, RdsDatabaseOptions } from '../database/rds-database';
import { AlarmSet, AlarmSetOptions } from '../monitoring/alarm-set';
import { CostBudgetOptions } from '../monitoring/budget';
import { validateEmails } from '../monitoring/notification-resources';
import { AlarmTopics, SlackChannelOptions } from '../monitoring/notifications';
import { checkDomainName, checkHealthCheckPath } from '../private/input-rules';
import { conflictingProps, invalidProp } from '../private/validation';
import { EnvironmentProfile } from '../profile';
import { ApiOrigin } from '../site/api-origin';
import { StaticSiteOptions, StaticSiteWithApiOrigin } from '../site/static-site-with-api-origin';
import { SecureVpc, SecureVpcProps } from '../vpc/secure-vpc';
import { validateBlueprintOptions } from './private/validate-blueprint-options';

/** Properties of a WebAppBlueprint. */
export interface WebAppBlueprintProps {
  /**
   * The environment profile passed to every part (explicit props of a part still win).
   * @default - no profile: each construct's own defaults
   */
  readonly profile?: EnvironmentProfile;
  /**
   * The API's container image (required unless `existingApi` is given).
   * @default - none: give `image` or `existingApi`
   */
  readonly image?: ecs.ContainerImage;
  /**
   * An existing API service (FargateApiService or Ec2ApiService) to put behind the site, instead of a
   * new FargateApiService built from `image`.
   * The blueprint then builds in that service's VPC; give it `cloudFrontAccess` so that its ALB
   * accepts traffic from CloudFront only.
   * @default - a new FargateApiService
   */
  readonly existingApi?: ApiServiceBase;
  /**
   * Options of the FargateApiService the blueprint creates: `cpu`, `memoryLimitMiB`, `desiredCount`, `minCapacity`,
   * `maxCapacity`, `scaling` (target tracking, CPU steps), `scheduledScaling`, `capacity`, `healthCheck`, logs...
   * (the blueprint wires the VPC, image, database and origin domain). `containerPort`, `environment`,
   * `cloudFrontAccess` and the health check's path go here or in the blueprint's props, not both.
   * @default - FargateApiService's defaults for the profile
   */
  readonly api?: FargateApiServiceOptions;
  /**
   * The port the API container listens on.
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * The ALB health check path of the API.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Plain environment variables of the API container.
   * @default - only the database connection variables
   */
  readonly environment?: { [key: string]: string };
  /**
   * An existing VPC to build in, instead of a new SecureVpc.
   * @default - a new SecureVpc built from `network`
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Options of the SecureVpc the blueprint creates (its `profile` defaults to the blueprint's).
   * @default - SecureVpc's defaults for the profile
   */
  readonly network?: SecureVpcProps;
  /**
   * How the ALB accepts traffic only from CloudFront.
   * @default CloudFrontAccess.vpcOrigin(): an internal ALB behind a CloudFront VPC origin
   */
  readonly cloudFrontAccess?: CloudFrontAccess;
  /**
   * Whether CloudFront reaches the new API's load balancer over HTTPS: a DNS-validated certificate for
   * `apiOriginDomainName` in `hostedZone` and an alias record to the (internal) load balancer. `false` keeps
   * that hop on plain HTTP (the service warns).
   * @default - true when `hostedZone` is given, else false
   */
  readonly apiOriginHttps?: boolean;
  /**
   * The name in `hostedZone` that CloudFront connects to over HTTPS and the certificate is for.
   * @default - 'origin.' + the hosted zone's name
   */
  readonly apiOriginDomainName?: string;
  /**
   * One certificate for CloudFront and the API's load balancer, as a design that says "one ACM
   * certificate for both" asks: the given `certificate` (which must then cover `apiOriginDomainName`
   * too), or a DNS-validated certificate for `domainNames` and `apiOriginDomainName`. Possible only
   * in a stack in us-east-1: ACM certificates are regional, CloudFront takes them only from
   * us-east-1 and a load balancer only from its own region.
   * @default false - CloudFront's certificate and the load balancer's are separate
   */
  readonly shareCertificate?: boolean;
  /**
   * Whether to create a database: an AuroraCluster, or an RdsDatabase with `rdsDatabase`.
   * @default true
   */
  readonly createDatabase?: boolean;
  /**
   * An existing database to wire the API to, instead of a new AuroraCluster.
   * @default - a new AuroraCluster when `createDatabase` is true
   */
  readonly existingDatabase?: IDatabaseConnection;
  /**
   * Create an RDS instance (RdsDatabase) instead of an Aurora cluster, with these options (`{}` for its defaults):
   * the cheapest production database, without scale-to-zero.
   * @default - an AuroraCluster
   */
  readonly rdsDatabase?: RdsDatabaseOptions;
  /**
   * Options of the AuroraCluster the blueprint creates: placement (`vpcSubnets`), engine, capacity, readers, backups,
   * rotation, monitoring, removal... The blueprint wires the VPC and the profile; `databaseEngine`,
   * `databaseCapacity`, `databaseReaders` and `databaseName` may be given here or at the top level, not both.
   * @default - AuroraCluster's defaults for the profile
   */
  readonly database?: AuroraClusterOptions;
  /**
   * The engine of the Aurora database the blueprint creates.
   * @default - AuroraCluster's default (Aurora PostgreSQL)
   */
  readonly databaseEngine?: DatabaseEngine;
  /**
   * The capacity of the database the blueprint creates.
   * @default - AuroraCluster's default for the profile
   */
  readonly databaseCapacity?: DatabaseCapacity;
  /**
   * How many readers the database the blueprint creates has.
   * @default - AuroraCluster's default for the profile
   */
  readonly databaseReaders?: number;
  /**
   * The name of the database to create.
   * @default 'app'
   */
  readonly databaseName?: string;
  /**
   * The paths CloudFront sends to the API.
   * @default ['/api/*']
   */
  readonly apiPaths?: string[];
  /**
   * Serve a media bucket under `/media/*` that the API may write to (reference A).
   * @default false
   */
  readonly media?: boolean;
  /**
   * Custom domain names of the site (needs `hostedZone` or `certificate`).
   * @default - the CloudFront domain name only
   */
  readonly domainNames?: string[];
  /**
   * Options of the StaticSiteWithApiOrigin the blueprint creates: `priceClass`, `waf` (rate limit, blocked
   * countries...), `contentSecurityPolicy`, `geoRestriction`, `media` (instead of the blueprint's `media`),
   * `defaultBehavior`, `deployment`, log retention, removal... The blueprint wires the API origin, `apiPaths`
   * and the domain (`domainNames`, `hostedZone`, `certificate`).
   * @default - StaticSiteWithApiOrigin's defaults for the profile
   */
  readonly site?: StaticSiteOptions;
  /**
   * The hosted zone for the site's certificate and alias records.
   * @default - no DNS records
   */
  readonly hostedZone?: route53.IHostedZone;
  /**
   * A us-east-1 certificate for the site's domain names.
   * @default - a DNS-validated certificate when `domainNames` and `hostedZone` are given
   */
  readonly certificate?: acm.ICertificate;
  /**
   * Email addresses that receive alarm notifications.
   * @default - none
   */
  readonly alarmEmails?: string[];
  /**
   * A Slack channel (AWS Chatbot) that receives alarm notifications.
   * @default - none
   */
  readonly slack?: SlackChannelOptions;
  /**
   * Existing SNS topics for the alarms, instead of new encrypted ones.
   * @default - new KMS-encrypted topics
   */
  readonly alarmTopics?: AlarmTopics;
  /**
   * An existing AlarmSet to add the blueprint's alarms to, instead of a new one.
   * @default - a new AlarmSet from `alarms`, `alarmEmails`, `slack`, `alarmTopics` and `budget`
   */
  readonly existingAlarms?: AlarmSet;
  /**
   * Options of the AlarmSet the blueprint creates: `overrides` (threshold, period, severity... per `AlarmKind`),
   * `okNotifications`, the dashboard, alarm names... `emailAddresses`, `slack`, `topics` and `budget` go here or
   * in the blueprint's `alarmEmails`, `slack`, `alarmTopics` and `budget`, not both.
   * @default - AlarmSet's defaults for the profile
   */
  readonly alarms?: AlarmSetOptions;
  /**
   * A monthly cost budget with actual and forecast alerts.
   * @default - no budget
   */
  readonly budget?: CostBudgetOptions;
}

/** The variables FargateApiService.connectToDatabase injects with its default prefix. */
const DATABASE_VARIABLES = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USERNAME', 'DB_PASSWORD'];

/**
 * A whole web application in one construct: VPC, Fargate API behind a CloudFront-only ALB, Aurora
 * database, CloudFront site with WAF, and alarms on everything, already wired together
 * (security groups chained ALB -> service -> database, credentials injected as secrets).
 *
 * @example
 * import * as ecs from 'aws-cdk-lib/aws-ecs';
 * import { EnvironmentProfile, WebAppBlueprint } from 'cdk-webapp-patterns';
 *
 * const blog = new WebAppBlueprint(this, 'Blog', {
 *   profile: EnvironmentProfile.dev(),
 *   image: ecs.ContainerImage.fromEcrRepository(repository, 'v1.0.0'),
 *   alarmEmails: ['oncall@example.com'],
 * });
 * // blog.vpc, blog.api, blog.database, blog.site, blog.alarms
 */
export class WebAppBlueprint extends Construct {
  /** The SecureVpc, unless an existing VPC was given. */
  public readonly network?: SecureVpc;
  /** The VPC everything runs in. */
  public readonly vpc: ec2.IVpc;
  /** The API service and its load balancer. */
  public readonly api: ApiServiceBase;
  /** The Aurora cluster the blueprint created, if any. */
  public readonly database?: AuroraCluster;
  /** The RDS instance the blueprint created (with `rdsDatabase`), if any. */
  public readonly rdsDatabase?: RdsDatabase;
  /** The database the API is wired to (created or existing), if any. */
  public readonly databaseConnection?: IDatabaseConnection;
  /** The CloudFront site in front of the API. */
  public readonly site: StaticSiteWithApiOrigin;
  /** The alarms, notifications, dashboard and budget. */
  public readonly alarms: AlarmSet;

  constructor(scope: Construct, id: string, props: WebAppBlueprintProps) {
    super(scope, id);
    const profile = props.profile;
    if (!props.image && !props.existingApi) {
      conflictingProps(this, 'image', 'existingApi', 'are both missing: give the image of a new API service or an existing one');
    }
    if (props.image && props.existingApi) {
      conflictingProps(this, 'image', 'existingApi', 'cannot be combined: the image builds the API service the blueprint creates');
    }
    const apiOptionsGiven = props.containerPort !== undefined || props.healthCheckPath !== undefined || props.environment || props.cloudFrontAccess;
    if (props.existingApi && apiOptionsGiven) {
      conflictingProps(this, 'containerPort/healthCheckPath/environment/cloudFrontAccess', 'existingApi',
        'cannot be combined: those options configure the API service the blueprint creates');
    }
    const alarmOptionsGiven = props.alarmEmails || props.slack || props.alarmTopics || props.budget;
    if (props.existingAlarms && alarmOptionsGiven) {
      conflictingProps(this, 'alarmEmails/slack/alarmTopics/budget', 'existingAlarms',
        'cannot be combined: those options configure the AlarmSet the blueprint creates');
    }
    const apiVpc = props.existingApi?.cluster.vpc;
    if (props.existingApi && props.network) {
      conflictingProps(this, 'network', 'existingApi', 'cannot be combined: the blueprint builds in the existing service\'s VPC');
    }
    if (props.existingApi && props.vpc && props.vpc !== apiVpc) {
      conflictingProps(this, 'vpc', 'existingApi', 'name different VPCs: the database must be in the VPC the service runs in');
    }
    if (props.vpc && props.network) {
      conflictingProps(this, 'vpc', 'network', 'cannot be combined: network configures the VPC the blueprint creates');
    }
    if (props.existingDatabase && props.createDatabase === false) {
      conflictingProps(this, 'existingDatabase', 'createDatabase', 'contradict each other: give one or the other');
    }
    const databaseOptionsGiven = props.databaseEngine || props.databaseCapacity || props.databaseReaders !== undefined;
    if (databaseOptionsGiven && (props.existingDatabase || props.createDatabase === false)) {
      conflictingProps(this, 'databaseEngine/databaseCapacity/databaseReaders', props.existingDatabase ? 'existingDatabase' : 'createDatabase',
        'cannot be combined: the database options configure the database the blueprint creates');
    }
    if (props.rdsDatabase && (props.existingDatabase || props.createDatabase === false)) {
      conflictingProps(this, 'rdsDatabase', props.existingDatabase ? 'existingDatabase' : 'createDatabase',
        'cannot be combined: rdsDatabase configures the database the blueprint creates');
    }
    // Checked here too so the message names the blueprint's own prop, not the API service's.
    checkDomainName(this, 'apiOriginDomainName', props.apiOriginDomainName);
    checkHealthCheckPath(this, 'healthCheckPath', props.healthCheckPath);
    validateEmails(this, 'alarmEmails', props.alarmEmails);
    if (props.databaseName !== undefined && (props.existingDatabase || props.createDatabase === false)) {
      conflictingProps(this, 'databaseName', props.existingDatabase ? 'existingDatabase' : 'createDatabase false',
        'cannot be combined: databaseName names the database the blueprint creates');
    }
    if (props.rdsDatabase && databaseOptionsGiven) {
      conflictingProps(this, 'rdsDatabase', 'databaseEngine/databaseCapacity/databaseReaders',
        'cannot be combined: those options configure an Aurora cluster; give the RDS instance\'s options in rdsDatabase');
    }

    validateBlueprintOptions(this, props);

    const originHttps = props.apiOriginHttps ?? (props.hostedZone !== undefined && !props.existingApi);
    if (originHttps && !props.hostedZone) {
      invalidProp(this, 'apiOriginHttps', true, 'needs hostedZone: the load balancer\'s certificate is validated and its name written there');
    }
    if (props.existingApi && (props.apiOriginHttps !== undefined || props.apiOriginDomainName)) {
      conflictingProps(this, props.apiOriginHttps !== undefined ? 'apiOriginHttps' : 'apiOriginDomainName', 'existingApi',
        'cannot be combined: they configure the load balancer of the API service the blueprint creates');
    }
    if (props.apiOriginDomainName && !originHttps) {
      conflictingProps(this, 'apiOriginDomainName', 'apiOriginHttps false', 'cannot be combined: the name exists for the HTTPS certificate');
    }

    const sharedCertificate = props.shareCertificate ? this.sharedCertificate(props, originHttps) : undefined;

    const givenVpc = props.vpc ?? apiVpc;
    if (givenVpc) {
      this.vpc = givenVpc;
    } else {
      this.network = new SecureVpc(this, 'Network', { profile, ...props.network });
      this.vpc = this.network.vpc;
    }

    const api = props.api ?? {};
    this.api = props.existingApi ?? new FargateApiService(this, 'Api', {
      ...api,
      profile,
      vpc: this.vpc,
      image: props.image!,
      containerPort: props.containerPort ?? api.containerPort ?? 8080,
      healthCheck: { ...api.healthCheck, path: props.healthCheckPath ?? api.healthCheck?.path ?? '/health' },
      environment: props.environment ?? api.environment,
      cloudFrontAccess: props.cloudFrontAccess ?? api.cloudFrontAccess ?? CloudFrontAccess.vpcOrigin(),
      ...(originHttps ? { domainName: this.originDomainName(props), hostedZone: props.hostedZone, certificate: sharedCertificate } : {}),
    });

    if (props.existingDatabase) {
      this.databaseConnection = props.existingDatabase;
    } else if (props.rdsDatabase) {
      this.rdsDatabase = new RdsDatabase(this, 'Database', {
        ...props.rdsDatabase,
        profile,
        vpc: this.vpc,
        databaseName: props.databaseName ?? props.rdsDatabase.databaseName ?? 'app',
      });
      this.databaseConnection = this.rdsDatabase;
    } else if (props.createDatabase ?? true) {
      const database = props.database ?? {};
      this.database = new AuroraCluster(this, 'Database', {
        ...database,
        profile,
        vpc: this.vpc,
        engine: props.databaseEngine ?? database.engine,
        capacity: props.databaseCapacity ?? database.capacity,
        readers: props.databaseReaders ?? database.readers,
        databaseName: props.databaseName ?? database.databaseName ?? 'app',
      });
      this.databaseConnection = this.database;
    }
    if (this.databaseConnection) {
      // Said here, in the blueprint's terms: FargateApiService's own error names a prop users never set.
      const variables: Array<[string, { [key: string]: unknown } | undefined]> = [
        [props.environment ? 'environment' : 'api.environment', props.environment ?? api.environment], ['api.secrets', api.secrets],
      ];
      for (const [prop, given] of variables) {
        const clash = Object.keys(given ?? {}).find((name) => DATABASE_VARIABLES.includes(name));
        if (clash) {
          invalidProp(this, prop, clash, `must not name the database variables the blueprint injects (${DATABASE_VARIABLES.join(', ')})`);
        }
      }
      this.api.connectToDatabase(this.databaseConnection);
    }

    this.site = new StaticSiteWithApiOrigin(this, 'Site', {
      ...props.site,
      profile,
      apiOrigin: ApiOrigin.fromApiService(this.api),
      apiPaths: props.apiPaths,
      media: props.media ? { grantApiWrite: true } : props.site?.media,
      domainNames: props.domainNames,
      hostedZone: props.hostedZone,
      certificate: sharedCertificate ?? props.certificate,
    });

    const alarms = props.alarms ?? {};
    this.alarms = props.existingAlarms ?? new AlarmSet(this, 'Alarms', {
      ...alarms,
      profile,
      topics: props.alarmTopics ?? alarms.topics,
      emailAddresses: props.alarmEmails ?? alarms.emailAddresses,
      slack: props.slack ?? alarms.slack,
      budget: props.budget ?? alarms.budget,
    });
    this.alarms.monitorApiService(this.api);
    this.monitorDatabase();
    // CloudFront publishes its metrics in us-east-1 only: outside it, the AlarmSet alarms from a us-east-1 alarm stack.
    this.alarms.monitorStaticSite(this.site);
  }

  /**
   * The database alarms of the database the API is wired to, created or existing (an AuroraCluster or
   * RdsDatabase passed as `existingDatabase` gets them too); a database only known by its attributes
   * cannot be monitored, which a warning says.
   */
  private originDomainName(props: WebAppBlueprintProps): string {
    return props.apiOriginDomainName ?? `origin.${props.hostedZone!.zoneName}`;
  }

  /** The one certificate of `shareCertificate`: the given one, or one for the site's names and the origin's. */
  private sharedCertificate(props: WebAppBlueprintProps, originHttps: boolean): acm.ICertificate {
    const region = Stack.of(this).region;
    if (Token.isUnresolved(region) || region !== 'us-east-1') {
      invalidProp(this, 'shareCertificate', true, `needs a stack in us-east-1 (this one: ${Token.isUnresolved(region) ? 'region unknown' : region}): `
        + 'ACM certificates are regional, CloudFront takes them only from us-east-1 and a load balancer only from its own region');
    }
    if (!originHttps) {
      invalidProp(this, 'shareCertificate', true, 'needs the HTTPS origin (hostedZone, apiOriginHttps not false, and a new API service): the load balancer has no certificate otherwise');
    }
    if (props.certificate) return props.certificate;
    const names = props.domainNames ?? [];
    if (names.length === 0) {
      invalidProp(this, 'shareCertificate', true, 'needs domainNames or certificate: the site\'s names go on the shared certificate');
    }
    const origin = this.originDomainName(props);
    const sans = [...names.slice(1), ...(names.includes(origin) ? [] : [origin])];
    return new acm.Certificate(this, 'Certificate', {
      domainName: names[0],
      subjectAlternativeNames: sans,
      validation: acm.CertificateValidation.fromDns(props.hostedZone),
    });
  }

  private monitorDatabase(): void {
    const database = this.databaseConnection;
    if (!database || (database instanceof Construct && this.alarms.isMonitoring(database))) return;
    if (database instanceof AuroraCluster) {
      this.alarms.monitorAuroraCluster(database);
    } else if (database instanceof RdsDatabase) {
      this.alarms.monitorRdsDatabase(database);
    } else {
      Annotations.of(this).addWarningV2('cdk-webapp-patterns:blueprintDatabaseAlarms',
        'existingDatabase is neither an AuroraCluster nor an RdsDatabase: the blueprint creates no database alarms for it. '
        + 'Monitor it yourself, e.g. alarms.monitorDatabaseCluster(cluster) for an rds.DatabaseCluster.');
    }
  }
}
