import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { expectNagClean } from './nag';
import { REPLACING, REPLACING_OTHER_STATEFUL } from './replacing-properties';
import {
  AlarmKind, AlarmSet, DatabaseConnection, EnvironmentProfile, FargateApiService, FargateCapacity, ScheduledScaling, SecureVpc, WebAppBlueprint,
  WebAppBlueprintProps,
} from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable');
const NETWORK = { availabilityZones: ['us-east-1a', 'us-east-1b'] };
/** The stateful resources: databases, keys, secrets, log groups, buckets, alarm topics, the VPC. */
const STATEFUL = Object.fromEntries(Object.entries({ ...REPLACING, ...REPLACING_OTHER_STATEFUL }).filter(([type]) => [
  'AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup',
  'AWS::S3::Bucket', 'AWS::SNS::Topic', 'AWS::EC2::VPC',
].includes(type)));

function build(props: Partial<WebAppBlueprintProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, ...props });
  return { stack, blueprint, template: Template.fromStack(stack) };
}

/** The logical id and replacing properties of every stateful resource of the template. */
function statefulIdentity(template: Template): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [type, keys] of Object.entries(STATEFUL)) {
    for (const [logicalId, resource] of Object.entries(template.findResources(type))) {
      const props = (resource as any).Properties ?? {};
      result[logicalId] = { type, ...Object.fromEntries(keys.filter((k) => k in props).map((k) => [k, props[k]])) };
    }
  }
  return result;
}

function alarmNamed(template: Template, suffix: string): any {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .filter((r: any) => JSON.stringify(r.Properties.AlarmName).includes(suffix));
  expect(alarms).toHaveLength(1);
  return (alarms[0] as any).Properties;
}

describe('WebAppBlueprint part options', () => {
  const baseline = build().template;
  const baseIdentity = statefulIdentity(baseline);

  test('the baseline holds the VPC, database, keys, secret, log groups, buckets and topics', () => {
    const types = Object.values(baseIdentity).map((r) => r.type);
    for (const type of Object.keys(STATEFUL)) {
      if (type === 'AWS::RDS::DBInstance' || type === 'AWS::RDS::DBCluster') continue;
      expect(types).toContain(type);
    }
    expect(types).toContain('AWS::RDS::DBCluster');
  });

  test.each<[string, Partial<WebAppBlueprintProps>, (template: Template) => void]>([
    ['alarm overrides: a threshold and a period', {
      alarms: {
        overrides: [
          { alarm: AlarmKind.SERVICE_CPU, threshold: 60 },
          { alarm: AlarmKind.TARGET_5XX, period: Duration.minutes(1), evaluationPeriods: 3 },
        ],
      },
    }, (template) => {
      expect(alarmNamed(template, 'ServiceCpu')).toMatchObject({ Threshold: 60 });
      const target5xx = alarmNamed(template, 'Target5xx');
      expect(target5xx.EvaluationPeriods).toBe(3);
      expect(target5xx.Metrics.map((m: any) => m.MetricStat?.Period)).toEqual([60]);
    }],
    ['alarm options: no OK notifications, no dashboard', { alarms: { okNotifications: false, createDashboard: false } }, (template) => {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
      expect(alarmNamed(template, 'ServiceCpu').OKActions).toBeUndefined();
    }],
    ['API task size', { api: { cpu: 1024, memoryLimitMiB: 4096 } }, (template) => {
      template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '1024', Memory: '4096' });
    }],
    ['API counts', { api: { desiredCount: 3, minCapacity: 2, maxCapacity: 6 } }, (template) => {
      template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6 });
    }],
    ['API target-tracking scaling', { api: { scaling: { targetCpuUtilization: 50, requestsPerTarget: 200 } } }, (template) => {
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        }),
      });
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 200 }),
      });
    }],
    ['API step scaling', { api: { scaling: { cpuSteps: { scaleOutAbove: 85, scaleInBelow: 20 } } } }, (template) => {
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { PolicyType: 'StepScaling' });
    }],
    ['API scheduled scaling', {
      api: { scheduledScaling: ScheduledScaling.dailyStop({ stopAt: '22:00', startAt: '08:00', timeZone: 'Asia/Tokyo' }) },
    }, (template) => {
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
        ScheduledActions: Match.arrayWith([Match.objectLike({ Timezone: 'Asia/Tokyo', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 } })]),
      });
    }],
    ['API Fargate Spot, health check, log retention', {
      api: { capacity: FargateCapacity.spotMix(), healthCheck: { interval: Duration.seconds(10) }, logRetention: logs.RetentionDays.ONE_YEAR },
    }, (template) => {
      template.hasResourceProperties('AWS::ECS::Service', {
        CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT' })]),
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckIntervalSeconds: 10, HealthCheckPath: '/health' });
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    }],
    ['site price class and geo restriction', {
      site: { priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL, geoRestriction: cloudfront.GeoRestriction.allowlist('JP') },
    }, (template) => {
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          PriceClass: 'PriceClass_All', Restrictions: { GeoRestriction: { Locations: ['JP'], RestrictionType: 'whitelist' } },
        }),
      });
    }],
    ['site WAF options', { site: { waf: { rateLimit: 500, blockedCountries: ['KP'] } } }, (template) => {
      const rules = JSON.stringify(Object.values(template.findResources('AWS::WAFv2::WebACL')).map((r: any) => r.Properties.Rules));
      expect(rules).toContain('"Limit":500');
      expect(rules).toContain('"CountryCodes":["KP"]');
    }],
    ['site media options (adds the media bucket)', { site: { media: { pathPattern: '/uploads/*' } } }, (template) => {
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({ CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/uploads/*' })]) }),
      });
    }],
    ['database placement', { database: { vpcSubnets: { subnetGroupName: 'Application' } } }, (template) => {
      const subnetIds = (t: Template) => Object.values(t.findResources('AWS::RDS::DBSubnetGroup')).map((r: any) => r.Properties.SubnetIds);
      expect(subnetIds(template)).not.toEqual(subnetIds(baseline));
      expect(JSON.stringify(subnetIds(template))).toContain('NetworkVpcApplicationSubnet');
    }],
    ['database backups and readers', { database: { backupRetention: Duration.days(30), readers: 1 } }, (template) => {
      template.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 30, DatabaseName: 'app' });
      template.resourceCountIs('AWS::RDS::DBInstance', 2);
    }],
  ])('%s: changes the template and replaces nothing stateful', (_name, props, expectChange) => {
    const { template } = build(props);
    expectChange(template);
    expect(template.toJSON()).not.toEqual(baseline.toJSON());
    // Everything that was there keeps its id and replacing properties; only a reader or the media bucket asked for is added.
    expect(statefulIdentity(template)).toEqual(expect.objectContaining(baseIdentity));
    expect(Object.keys(statefulIdentity(template)).filter((id) => !(id in baseIdentity) && !/Reader1|SiteMediaBucket/.test(id))).toEqual([]);
  });

  test('rdsDatabase takes every RdsDatabase option and keeps the instance, key, secret and log groups', () => {
    const base = build({ rdsDatabase: {} }).template;
    const { template } = build({ rdsDatabase: { maxAllocatedStorage: 200, backupRetention: Duration.days(14), vpcSubnets: { subnetGroupName: 'Data' } } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MaxAllocatedStorage: 200, BackupRetentionPeriod: 14, DBName: 'app' });
    expect(statefulIdentity(template)).toEqual(statefulIdentity(base));
  });

  test('the database name given in the database options', () => {
    build({ database: { databaseName: 'shop' } }).template.hasResourceProperties('AWS::RDS::DBCluster', { DatabaseName: 'shop' });
    build({ rdsDatabase: { databaseName: 'shop' } }).template.hasResourceProperties('AWS::RDS::DBInstance', { DBName: 'shop' });
  });

  test('the API options and the blueprint\'s own API props combine', () => {
    const { template } = build({ api: { containerPort: 3000, environment: { LOG_LEVEL: 'debug' }, healthCheck: { path: '/ping' } } });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 3000, HealthCheckPath: '/ping' });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: Match.arrayWith([{ Name: 'LOG_LEVEL', Value: 'debug' }]) })],
    });
  });

  test('alarm options and the blueprint\'s alarm props combine', () => {
    const { template } = build({ alarmEmails: ['ops@example.com'], alarms: { alarmNamePrefix: 'shop' } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    expect(alarmNamed(template, 'ServiceCpu').AlarmName).toMatch(/^shop-/);
  });
});

describe('WebAppBlueprint part options: the README example', () => {
  test('prod with every kind of option synthesizes cdk-nag clean, each option in the template', () => {
    const { blueprint, template } = build({
      profile: EnvironmentProfile.prod(),
      network: { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      api: {
        cpu: 1024,
        memoryLimitMiB: 2048,
        desiredCount: 3,
        minCapacity: 3,
        maxCapacity: 12,
        scaling: { targetCpuUtilization: 50, requestsPerTarget: 500 },
        healthCheck: { path: '/ping', interval: Duration.seconds(10) },
      },
      database: { vpcSubnets: { subnetGroupName: 'Data' }, backupRetention: Duration.days(35) },
      site: { priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL, waf: { rateLimit: 500, blockedCountries: ['KP'] } },
      alarms: {
        overrides: [
          { alarm: AlarmKind.SERVICE_CPU, threshold: 70 },
          { alarm: AlarmKind.TARGET_RESPONSE_TIME, threshold: 0.5, period: Duration.minutes(1), evaluationPeriods: 3 },
        ],
      },
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '1024', Memory: '2048' });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 12 });
    template.hasResourceProperties('AWS::RDS::DBCluster', { BackupRetentionPeriod: 35 });
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ PriceClass: 'PriceClass_All' }) });
    expect(alarmNamed(template, 'TargetResponseTime')).toMatchObject({ Threshold: 0.5, EvaluationPeriods: 3 });
    expectNagClean(blueprint);
  });
});

describe('WebAppBlueprint part options refused', () => {
  function existing() {
    const app = new App();
    const stack = new Stack(app, 'Other', { env: { account: '111111111111', region: 'us-east-1' } });
    const network = new SecureVpc(stack, 'Network', NETWORK);
    return {
      existingApi: new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE }),
      existingAlarms: new AlarmSet(stack, 'Alarms'),
      existingDatabase: DatabaseConnection.fromAttributes({
        connectable: new ec2.Connections(), secret: secretsmanager.Secret.fromSecretNameV2(stack, 'Secret', 'db'), endpointAddress: 'h', port: 5432,
      }),
    };
  }
  const prefix = "WebAppBlueprint 'Stack/App': ";

  test.each<[string, (e: ReturnType<typeof existing>) => Partial<WebAppBlueprintProps>, string]>([
    ['api with existingApi', (e) => ({ image: undefined, network: undefined, existingApi: e.existingApi, api: { cpu: 512 } }),
      'api and existingApi (existing_api) cannot be combined: api configures the API service the blueprint creates'],
    ['database with existingDatabase', (e) => ({ existingDatabase: e.existingDatabase, database: { readers: 1 } }),
      'database and existingDatabase (existing_database) cannot be combined'],
    ['database with createDatabase false', () => ({ createDatabase: false, database: { readers: 1 } }), 'database and createDatabase (create_database) cannot be combined'],
    ['database with rdsDatabase', () => ({ rdsDatabase: {}, database: { readers: 1 } }), 'database and rdsDatabase (rds_database) cannot be combined'],
    ['alarms with existingAlarms', (e) => ({ existingAlarms: e.existingAlarms, alarms: { createDashboard: false } }),
      'alarms and existingAlarms (existing_alarms) cannot be combined'],
    ['containerPort twice', () => ({ containerPort: 8080, api: { containerPort: 3000 } }),
      'containerPort (container_port) and api.containerPort (api.container_port) set the same option: give one of them'],
    ['the health check path twice', () => ({ healthCheckPath: '/health', api: { healthCheck: { path: '/ping' } } }),
      'healthCheckPath (health_check_path) and api.healthCheck.path (api.health_check.path) set the same option'],
    ['databaseReaders twice', () => ({ databaseReaders: 1, database: { readers: 2 } }), 'databaseReaders (database_readers) and database.readers set the same option'],
    ['databaseName twice with rdsDatabase', () => ({ databaseName: 'shop', rdsDatabase: { databaseName: 'app' } }),
      'databaseName (database_name) and rdsDatabase.databaseName (rds_database.database_name) set the same option'],
    ['media twice', () => ({ media: true, site: { media: { pathPattern: '/uploads/*' } } }), 'media and site.media set the same option'],
    ['alarm emails twice', () => ({ alarmEmails: ['a@example.com'], alarms: { emailAddresses: ['b@example.com'] } }),
      'alarmEmails (alarm_emails) and alarms.emailAddresses (alarms.email_addresses) set the same option'],
    ['a wired API field from a JavaScript caller', () => ({ api: { domainName: 'api.example.com' } as any }),
      "api.domainName (api.domain_name) is wired by the blueprint and cannot be given in api (use the blueprint's apiOriginDomainName); got 'api.example.com'"],
    ['a wired site field from a JavaScript caller', () => ({ site: { domainNames: ['www.example.com'] } as any }),
      "site.domainNames (site.domain_names) is wired by the blueprint and cannot be given in site (use the blueprint's domainNames)"],
    ['a wired database field from a JavaScript caller', () => ({ database: { vpc: {} } as any }), 'database.vpc is wired by the blueprint'],
    ['a wired alarm field from a JavaScript caller', () => ({ alarms: { apiServices: [] } as any }),
      'alarms.apiServices (alarms.api_services) is wired by the blueprint and cannot be given in alarms; got []'],
    ['API secrets named like the injected database variables', () => ({
      api: { secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(new Stack(), 'Secret', 'x')) } },
    }), "api.secrets must not name the database variables the blueprint injects (DB_HOST, DB_PORT, DB_NAME, DB_USERNAME, DB_PASSWORD); got 'DB_PASSWORD'"],
    ['API environment named like the injected database variables', () => ({ api: { environment: { DB_HOST: 'x' } } }),
      'api.environment must not name the database variables the blueprint injects'],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props(existing()))).toThrow(prefix + message);
  });
});

