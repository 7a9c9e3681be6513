// Hostile and careless inputs, by kind of input: each is refused at synth with the prop, the value and
// what is allowed named, across every construct that takes that kind of input. Checks skip tokens.
import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  AlarmKind, AlarmSet, AmplifyNextjsApp, ApiOrigin, AuroraCluster, AuroraClusterProps, BackupCopy, DatabaseConnection, DatabaseEngine,
  DefaultBehaviorTarget, FargateApiService, FargateApiServiceProps, FlowLogs, ImageRepository, RdsDatabase, RdsEngine, ScheduledScaling,
  SecureVpc, SecureVpcProps, StaticSiteWithApiOrigin, StaticSiteWithApiOriginProps, WebAppBlueprint, WebAppBlueprintProps,
} from '../src';

const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };
const TOKYO_AZS = ['ap-northeast-1a', 'ap-northeast-1c'];
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

/** A stack in Tokyo (or `env`). */
function stackIn(env: { account?: string; region?: string } = TOKYO): Stack {
  return new Stack(new App(), 'Stack', { env });
}

function zone(stack: Stack): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
}

function vpc(props: SecureVpcProps = {}, stack = stackIn()): SecureVpc {
  return new SecureVpc(stack, 'Network', { availabilityZones: TOKYO_AZS, ...props });
}

function api(props: Partial<FargateApiServiceProps> = {}, stack = stackIn()): FargateApiService {
  const network = props.vpc ? undefined : new SecureVpc(stack, 'Network', { availabilityZones: TOKYO_AZS });
  return new FargateApiService(stack, 'Api', { vpc: network?.vpc ?? props.vpc!, image: IMAGE, ...props });
}

function aurora(props: Partial<AuroraClusterProps> = {}, stack = stackIn()): AuroraCluster {
  const network = props.vpc ? undefined : new SecureVpc(stack, 'Network', { availabilityZones: TOKYO_AZS });
  return new AuroraCluster(stack, 'Database', { vpc: network?.vpc ?? props.vpc!, ...props });
}

function site(props: StaticSiteWithApiOriginProps = {}, stack = stackIn()): StaticSiteWithApiOrigin {
  return new StaticSiteWithApiOrigin(stack, 'Site', props);
}

function alarms(props: ConstructorParameters<typeof AlarmSet>[2] = {}, stack = stackIn()): AlarmSet {
  return new AlarmSet(stack, 'Alarms', props);
}

/**
 * A refusal's message in TypeScript spelling: the Python spelling the message helpers add after each
 * prop name (`azCount (az_count)`) removed; test/validation-messages.test.ts checks that part.
 */
function typescriptSpelling(message: string): string {
  return message.replace(/(?<=[A-Za-z0-9\]]) \([a-z0-9_.[\]/]+\)/g, '');
}

/**
 * THEN building throws a message that names the prop, the value received and what is allowed (the
 * exact wording is the message helpers' business).
 */
function expectRefusal(build: () => unknown, prop: string, value: string, allowed: string): void {
  let message = '';
  try {
    build();
  } catch (e) {
    message = typescriptSpelling((e as Error).message);
  }
  expect(message).toContain(prop);
  expect(message).toContain(value);
  expect(message).toContain(allowed);
}

describe('durations: a whole number of the unit, above zero, within the maximum', () => {
  test.each<[string, () => unknown, string, string, string]>([
    ['flow logs to S3 expiring after 36 hours', () => vpc({ flowLogs: FlowLogs.toS3({ expiration: Duration.hours(36) }) }), 'flowLogs expiration', '1 day 12 hours', 'whole number of days'],
    ['flow logs to S3 expiring after 0 days', () => vpc({ flowLogs: FlowLogs.toS3({ expiration: Duration.days(0) }) }), 'flowLogs expiration', '0 days', 'at least 1'],
    ['a deregistration delay of 1.5 seconds', () => api({ deregistrationDelay: Duration.millis(1500) }), 'deregistrationDelay', '1 second 500 millis', 'whole number of seconds'],
    ['a stickiness of 8 days', () => api({ stickinessDuration: Duration.days(8) }), 'stickinessDuration', '8 days', 'between 1 and 604800'],
    ['a health check every 1.5 seconds', () => api({ healthCheck: { interval: Duration.millis(1500) } }), 'healthCheck.interval', '1 second 500 millis', 'whole number of seconds'],
    ['a health check timeout as long as its interval', () => api({ healthCheck: { interval: Duration.seconds(10), timeout: Duration.seconds(10) } }), 'healthCheck.timeout', '10 seconds', 'shorter than healthCheck.interval'],
    ['access logs expiring after 0 days', () => api({ accessLogs: { expiration: Duration.days(0) } }), 'accessLogs.expiration', '0 days', 'at least 1'],
    ['a scale-in cooldown of 1.5 seconds', () => api({ scaling: { scaleInCooldown: Duration.millis(1500) } }), 'scaling.scaleInCooldown', '1 second 500 millis', 'whole number of seconds'],
    ['a grace period of 0.5 seconds', () => api({ healthCheckGracePeriod: Duration.millis(500) }), 'healthCheckGracePeriod', '500 millis', 'whole number of seconds'],
    ['backups kept 36 hours', () => aurora({ backupPlan: { deleteAfter: Duration.hours(36) } }), 'backupPlan.deleteAfter', '1 day 12 hours', 'whole number of days'],
    ['backup copies kept 0 days', () => aurora({ backupPlan: { copy: BackupCopy.toVaultArn('arn:aws:backup:us-west-2:111111111111:backup-vault:dr', { deleteAfter: Duration.days(0) }) } }), 'backupPlan.copy deleteAfter', '0 days', 'at least 1'],
    ['a backup retention of 0 days', () => aurora({ backupRetention: Duration.days(0) }), 'backupRetention', '0 days', 'between 1 and 35'],
    ['a WAF rate window of 1.5 seconds', () => site({ waf: { rateLimitWindow: Duration.millis(1500) } }), 'waf.rateLimitWindow', '1 second 500 millis', '60, 120, 300, 600 seconds'],
    ['an alarm period of 1.5 seconds', () => alarms({ overrides: [{ alarm: AlarmKind.LOAD_BALANCER_5XX, period: Duration.millis(1500) }] }), 'overrides[0].period', '1 second 500 millis', 'whole number of minutes'],
    ['site access logs kept 0 days', () => site({ accessLogRetention: Duration.days(0) }), 'accessLogRetention', '0 days', 'at least 1'],
    ['untagged images kept 36 hours', () => new ImageRepository(stackIn(), 'Images', { untaggedImageExpiration: Duration.hours(36) }), 'untaggedImageExpiration', '1 day 12 hours', 'whole number of days'],
  ])('%s', (_, build, prop, value, allowed) => expectRefusal(build, prop, value, allowed));

  test('a duration token is not checked', () => {
    expect(() => api({ deregistrationDelay: Duration.seconds(Lazy.number({ produce: () => 7200 })) })).not.toThrow();
  });
});

describe('log retention: a logs.RetentionDays member', () => {
  const fortyTwo = 42 as logs.RetentionDays;
  test.each<[string, () => unknown, string]>([
    ['container logs', () => api({ logRetention: fortyTwo }), 'logRetention'],
    ['database logs', () => aurora({ logRetention: fortyTwo }), 'logRetention'],
    ['WAF logs', () => site({ waf: { logRetention: fortyTwo } }), 'waf.logRetention'],
    ['flow logs', () => vpc({ flowLogs: FlowLogs.toCloudWatchLogs({ retention: fortyTwo }) }), 'flowLogs retention'],
  ])('%s kept 42 days', (_, build, prop) => expectRefusal(build, prop, 'got 42', 'logs.RetentionDays'));

  test('a RetentionDays member passes', () => {
    expect(() => api({ logRetention: logs.RetentionDays.TWO_WEEKS })).not.toThrow();
  });
});

describe('domain names: labels of letters, digits and hyphens, one leading wildcard at most', () => {
  test.each(['api example.com', '', '*.*.example.com', 'api..example.com', 'api.-example.com', 'localhost', `${'a'.repeat(64)}.example.com`])(
    'the API domain name %p', (domainName) => {
      const stack = stackIn();
      expectRefusal(() => api({ domainName, hostedZone: zone(stack) }, stack), 'domainName', `'${domainName}'`, 'must be a domain name');
    });

  test.each(['www example.com', '', '*.*.example.com', 'www.*.example.com'])('the site domain name %p', (name) => {
    const stack = stackIn();
    expectRefusal(() => site({ domainNames: ['example.com', name], hostedZone: zone(stack) }, stack), 'domainNames[1]', `'${name}'`, 'must be a domain name');
  });

  test.each(['api.example.org', 'example.com.evil.io', 'notexample.com'])('an API domain name %p outside the hosted zone', (domainName) => {
    const stack = stackIn();
    expectRefusal(() => api({ domainName, hostedZone: zone(stack) }, stack), 'domainName', `'${domainName}'`, "must be 'example.com' or names under it");
  });

  test('a wildcard name and a trailing dot pass', () => {
    const stack = stackIn();
    expect(() => site({ domainNames: ['*.example.com', 'example.com.'], hostedZone: zone(stack) }, stack)).not.toThrow();
  });
});

describe('email addresses', () => {
  test.each(['ops@example..com', 'ops@@example.com', '.ops@example.com', 'ops.@example.com', 'ops team@example.com', 'ops@example', 'ops@-example.com'])(
    'alarm and budget address %p', (address) => {
      expectRefusal(() => alarms({ emailAddresses: [address] }), 'emailAddresses[0]', `'${address}'`, 'must be an email address');
      expectRefusal(() => alarms({ budget: { monthlyLimitUsd: 10, emailAddresses: [address] } }), 'budget.emailAddresses[0]', `'${address}'`, 'must be an email address');
    });

  test('plus addressing and subdomains pass', () => {
    expect(() => alarms({ emailAddresses: ['ops+alerts@mail.example.co.jp'] })).not.toThrow();
  });
});

describe('HTTP paths: health checks, ALB path patterns, CloudFront behaviours', () => {
  test.each(['/health check', `/${'a'.repeat(1024)}`, 'health', '/health\t'])('a health check path %p', (path) => {
    expectRefusal(() => api({ healthCheck: { path } }), 'healthCheck.path', path.length > 1024 ? '1025 characters' : `'${path}'`, "must start with '/'");
  });

  test.each(['abc', '100', '200-199', '200,,300', '600'])('healthy HTTP codes %p', (healthyHttpCodes) => {
    expectRefusal(() => api({ healthCheck: { healthyHttpCodes } }), 'healthCheck.healthyHttpCodes', `'${healthyHttpCodes}'`, 'between 200 and 499');
  });

  test.each([`/api/${'a'.repeat(124)}`, '/api/<id>', '/api v2/*', 'api/*'])('an ALB path pattern %p', (pattern) => {
    const stack = stackIn();
    const web = api({}, stack);
    expectRefusal(() => new FargateApiService(stack, 'Second', { vpc: web.cluster.vpc, image: IMAGE, attachTo: web, priority: 10, pathPatterns: [pattern] }),
      'pathPatterns[0]', pattern.length > 128 ? '129 characters' : `'${pattern}'`, 'at most 128');
  });

  test('an ALB path pattern may start with a wildcard', () => {
    const stack = stackIn();
    const web = api({}, stack);
    expect(() => new FargateApiService(stack, 'Second', { vpc: web.cluster.vpc, image: IMAGE, attachTo: web, priority: 10, pathPatterns: ['*.png'] }))
      .not.toThrow();
  });

  test.each([`/${'a'.repeat(255)}`, '/a b/*', '/media/<id>'])('a CloudFront path pattern %p', (pattern) => {
    expectRefusal(() => site({ immutablePaths: [pattern] }), 'immutablePaths', pattern.length > 255 ? '256 characters' : `'${pattern}'`, 'at most 255');
  });

  test('26 cache behaviours, over the quota of 25', () => {
    const immutablePaths = Array.from({ length: 26 }, (_, i) => `/assets${i}/*`);
    expectRefusal(() => site({ immutablePaths }), 'immutablePaths', '26 path patterns', 'at most 25');
  });

  test.each<[string, number | undefined, number | undefined]>([
    ['healthyThresholdCount', 1, undefined],
    ['unhealthyThresholdCount', undefined, 11],
  ])('a health check %s outside 2-10', (prop, healthyThresholdCount, unhealthyThresholdCount) => {
    expectRefusal(() => api({ healthCheck: { healthyThresholdCount, unhealthyThresholdCount } }), `healthCheck.${prop}`, `got ${healthyThresholdCount ?? unhealthyThresholdCount}`, 'between 2 and 10');
  });

  test.each<[string[], string, string]>([
    [['Accept Language'], 'serverRenderedCacheKeyHeaders[0]', "'Accept Language'"],
    [['Accept', 'X-Tenant:'], 'serverRenderedCacheKeyHeaders[1]', "'X-Tenant:'"],
    [Array.from({ length: 11 }, (_, i) => `X-Key-${i}`), 'serverRenderedCacheKeyHeaders', '11 headers'],
  ])('server-rendered cache key headers %#', (serverRenderedCacheKeyHeaders, prop, value) => {
    const stack = stackIn();
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: vpc({}, stack).vpc });
    alb.addListener('Http', { port: 80, open: false, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    const apiOrigin = ApiOrigin.fromLoadBalancer(alb);
    expectRefusal(() => site({ apiOrigin, defaultBehavior: DefaultBehaviorTarget.API, serverRenderedCacheKeyHeaders }, stack), prop, value,
      serverRenderedCacheKeyHeaders.length > 10 ? 'at most 10' : 'letters, digits');
  });

  test('the blueprint names its own props', () => {
    const build = (props: Partial<WebAppBlueprintProps>) => () => {
      const stack = stackIn({ account: '111111111111', region: 'us-east-1' });
      return new WebAppBlueprint(stack, 'App', { image: IMAGE, network: { availabilityZones: ['us-east-1a', 'us-east-1b'] }, hostedZone: zone(stack), domainNames: ['www.example.com'], ...props });
    };
    expectRefusal(build({ apiOriginDomainName: 'alb example.com' }), 'apiOriginDomainName', "'alb example.com'", 'must be a domain name');
    expectRefusal(build({ healthCheckPath: '/health check' }), 'healthCheckPath', "'/health check'", "must start with '/'");
    expectRefusal(build({ alarmEmails: ['ops@example..com'] }), 'alarmEmails[0]', "'ops@example..com'", 'must be an email address');
  });

  test('a content security policy over 1783 characters', () => {
    const csp = `default-src 'self'; img-src ${'https://cdn.example.com '.repeat(80)}`;
    expectRefusal(() => site({ contentSecurityPolicy: csp }), 'contentSecurityPolicy', `(${csp.length} characters)`, 'at most 1783');
  });
});

describe('country codes: ISO 3166-1 alpha-2', () => {
  test.each([['XX'], ['jp'], ['JPN'], ['KP', 'ZZ']])('blocked countries %p', (...codes) => {
    expectRefusal(() => site({ waf: { blockedCountries: codes } }), 'waf.blockedCountries', codes.join("', '"), 'ISO 3166-1 alpha-2');
    const stack = stackIn();
    expectRefusal(() => api({ internetFacing: true, waf: { blockedCountries: codes } }, stack), 'waf.blockedCountries', codes.join("', '"), 'ISO 3166-1 alpha-2');
  });

  test('a geo restriction to a code that is no country', () => {
    expectRefusal(() => site({ geoRestriction: cloudfront.GeoRestriction.allowlist('JP', 'XX') }), 'geoRestriction', "'XX'", 'ISO 3166-1 alpha-2');
  });
});

describe('AWS Backup vaults', () => {
  test.each(['a', 'dr vault!', 'v'.repeat(51), 'dr.vault'])('a copy vault name %p', (name) => {
    expectRefusal(() => aurora({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', name) } }), 'backupPlan.copy vaultName', `'${name}'`, '2 to 50 letters');
  });

  test.each(['arn:aws:backup:us-west-2:123:backup-vault:dr', 'arn:aws:s3:::bucket', 'dr-vault'])('a copy vault ARN %p', (arn) => {
    expectRefusal(() => aurora({ backupPlan: { copy: BackupCopy.toVaultArn(arn) } }), 'backupPlan.copy vaultArn', `'${arn}'`, 'backup vault ARN');
  });
});

describe('database names and master usernames the engine reserves', () => {
  test.each<[string, DatabaseEngine, string]>([
    ['PostgreSQL', DatabaseEngine.auroraPostgres(), 'select'],
    ['PostgreSQL', DatabaseEngine.auroraPostgres(), 'template1'],
    ['MySQL', DatabaseEngine.auroraMysql(), 'mysql'],
    ['MySQL', DatabaseEngine.auroraMysql(), 'order'],
  ])('Aurora %s database name %p', (_, engine, databaseName) => {
    expectRefusal(() => aurora({ engine, databaseName: databaseName }), 'databaseName', `'${databaseName}'`, 'reserves');
  });

  test.each<[DatabaseEngine, string]>([
    [DatabaseEngine.auroraPostgres(), 'rdsadmin'],
    [DatabaseEngine.auroraPostgres(), 'pg_admin'],
    [DatabaseEngine.auroraPostgres(), 'user'],
    [DatabaseEngine.auroraMysql(), 'rdsrepladmin'],
  ])('Aurora master username %#', (engine, masterUsername) => {
    expectRefusal(() => aurora({ engine, masterUsername }), 'masterUsername', `'${masterUsername}'`, 'reserves');
  });

  test('RdsDatabase shares the rule', () => {
    const stack = stackIn();
    const network = vpc({}, stack);
    expectRefusal(() => new RdsDatabase(stack, 'Db', { vpc: network.vpc, engine: RdsEngine.mysql(), databaseName: 'database' }), 'databaseName', "'database'", 'reserves');
  });
});

describe('regions and AZs', () => {
  test.each<[string, (stack: Stack) => unknown]>([
    ['SecureVpc', (stack) => new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-9a', 'ap-northeast-9c'] })],
    ['FargateApiService', (stack) => new FargateApiService(stack, 'Api', { vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['x'] }), image: IMAGE })],
    ['StaticSiteWithApiOrigin', (stack) => new StaticSiteWithApiOrigin(stack, 'Site')],
    ['AlarmSet', (stack) => new AlarmSet(stack, 'Alarms')],
    ['AuroraCluster', (stack) => new AuroraCluster(stack, 'Database', {
      vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['ap-northeast-9a', 'ap-northeast-9c'], isolatedSubnetIds: ['subnet-1', 'subnet-2'] }),
    })],
  ])('%s in a stack of a region that does not exist', (_, build) => {
    expectRefusal(() => build(stackIn({ account: '111111111111', region: 'ap-northeast-9' })), "stack's env.region", "'ap-northeast-9'", 'must be an AWS region');
  });

  test.each<[string[], string]>([
    [['us-east-1a', 'us-east-1b'], "'us-east-1a' is in us-east-1"],
    [['ap-northeast-1a', 'ap-northeast-1a'], "'ap-northeast-1a' appears twice"],
    [['ap-northeast-1a', 'tokyo-1'], "'tokyo-1' is not one"],
    [['ap-northeast-1a', 'ap-northeast-9b'], "'ap-northeast-9b' is not one"],
  ])('availabilityZones %p', (availabilityZones, why) => {
    expectRefusal(() => vpc({ availabilityZones }), 'availabilityZones', availabilityZones[1], why);
  });

  test('a Local Zone of the region passes', () => {
    expect(() => new SecureVpc(stackIn({ account: '111111111111', region: 'us-west-2' }), 'Network', { availabilityZones: ['us-west-2a', 'us-west-2-lax-1a'] }))
      .not.toThrow();
  });

  test.each(['mars-east-1', 'us-east-7'])('a backup copy to region %p', (region) => {
    expectRefusal(() => aurora({ backupPlan: { copy: BackupCopy.toRegion(region, 'dr') } }), 'backupPlan.copy region', `'${region}'`, 'must be an AWS region');
  });
});

describe('network facts', () => {
  test.each(['127.0.0.0/16', '224.0.0.0/16', '169.254.0.0/16', '0.0.0.0/16', '250.0.0.0/16'])('a VPC CIDR %p', (cidr) => {
    expectRefusal(() => vpc({ cidr }), 'cidr', `'${cidr}'`, 'must not overlap');
  });

  test('public subnets of /28, too small for a load balancer', () => {
    expectRefusal(() => vpc({ subnetPlan: { publicCidrs: ['10.0.0.0/27', '10.0.1.0/28'] } }), 'subnetPlan.publicCidrs', "'10.0.1.0/28'", '/27 or larger');
    expect(() => vpc({ subnetPlan: { publicCidrs: ['10.0.0.0/27', '10.0.1.0/27'] } })).not.toThrow();
  });

  test('a VPC whose isolated subnets are in one AZ', () => {
    const stack = stackIn();
    const oneAz = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['ap-northeast-1a'], subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    expectRefusal(() => aurora({ vpc: oneAz }, stack), 'vpc', "['ap-northeast-1a']", 'at least 2 AZs');
    expectRefusal(() => new RdsDatabase(stack, 'Db', { vpc: oneAz }), 'vpc', "['ap-northeast-1a']", 'at least 2 AZs');
  });

  test('a VPC with public subnets only', () => {
    const stack = stackIn();
    const publicOnly = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    expectRefusal(() => api({ vpc: publicOnly }, stack), 'vpc', "'Stack/Vpc'", 'must have private subnets');
    expectRefusal(() => aurora({ vpc: publicOnly }, stack), 'vpc', "'Stack/Vpc'", 'must have isolated or private subnets');
  });
});

describe('load balancer subnets', () => {
  test('an internet-facing load balancer in a VPC without public subnets', () => {
    const stack = stackIn();
    const privateOnly = new ec2.Vpc(stack, 'Vpc', {
      availabilityZones: TOKYO_AZS,
      subnetConfiguration: [{ name: 'App', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    expectRefusal(() => api({ vpc: privateOnly, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, internetFacing: true }, stack),
      'vpc', "'Stack/Vpc'", 'must have public subnets');
  });

  test('load balancer subnets in one AZ', () => {
    const stack = stackIn();
    const oneAz = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['ap-northeast-1a'], natGateways: 1 });
    expectRefusal(() => api({ vpc: oneAz, internetFacing: true }, stack), 'vpc', "['ap-northeast-1a']", 'at least 2 AZs');
    const network = vpc({}, stack);
    expectRefusal(() => new FargateApiService(stack, 'Api2', {
      vpc: network.vpc, image: IMAGE, internetFacing: true, loadBalancerSubnets: { subnetGroupName: 'Public', availabilityZones: ['ap-northeast-1a'] },
    }), 'loadBalancerSubnets', "['ap-northeast-1a']", 'at least 2 AZs');
  });
});

describe('conflicts that were silently resolved', () => {
  test('the same variable in environment and secrets', () => {
    const stack = stackIn();
    const secret = ecs.Secret.fromSsmParameter(ssm.StringParameter.fromStringParameterName(stack, 'Key', '/app/api-key'));
    expectRefusal(() => api({ environment: { API_KEY: 'plain' }, secrets: { API_KEY: secret } }, stack), 'environment.API_KEY', 'secrets.API_KEY', 'same variable');
  });

  test('two attached services with identical path patterns', () => {
    const stack = stackIn();
    const web = api({}, stack);
    new FargateApiService(stack, 'First', { vpc: web.cluster.vpc, image: IMAGE, attachTo: web, priority: 10, pathPatterns: ['/api/*', '/v1/*'] });
    expectRefusal(() => new FargateApiService(stack, 'Second', { vpc: web.cluster.vpc, image: IMAGE, attachTo: web, priority: 20, pathPatterns: ['/v1/*', '/api/*'] }),
      'pathPatterns', "'/v1/*'", 'must differ from those of Stack/First');
  });

  test.each<[string, (stack: Stack) => Partial<WebAppBlueprintProps>, string]>([
    ['createDatabase: false', () => ({ createDatabase: false }), 'createDatabase false'],
    ['existingDatabase', (stack) => ({
      existingDatabase: DatabaseConnection.fromAttributes({
        connectable: new ec2.Connections(), secret: new secretsmanager.Secret(stack, 'DbSecret'), endpointAddress: 'db.internal', port: 5432,
      }),
    }), 'existingDatabase'],
  ])('a blueprint with databaseName and %s', (_, props, other) => {
    const stack = stackIn({ account: '111111111111', region: 'us-east-1' });
    const network = { availabilityZones: ['us-east-1a', 'us-east-1b'] };
    expectRefusal(() => new WebAppBlueprint(stack, 'App', { image: IMAGE, network, databaseName: 'shop', ...props(stack) }),
      'databaseName', other, 'names the database the blueprint creates');
  });

  test.each(['us-east-1', 'eu-west-1'])('a certificate of %p on a Tokyo load balancer', (region) => {
    const stack = stackIn();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', `arn:aws:acm:${region}:111111111111:certificate/abc`);
    expectRefusal(() => api({ certificate }, stack), 'certificate region', `'${region}'`, "must be the stack's region (ap-northeast-1)");
  });

  test.each([-1, 2.5, 6000])('desiredCount %p is reported as desiredCount', (desiredCount) => {
    expectRefusal(() => api({ desiredCount }), 'desiredCount', `got ${desiredCount}`, 'whole number between 0 and 5000');
  });
});

describe('tokens: checks skip them, construct ids never contain them', () => {
  test('a token among the site domain names builds its alias records', () => {
    const stack = stackIn();
    const later = Lazy.string({ produce: () => 'shop.example.com' });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
    site({ domainNames: ['example.com', later], hostedZone: zone(stack), certificate }, stack);
    const records = Object.entries(Template.fromStack(stack).findResources('AWS::Route53::RecordSet'))
      .filter(([, record]) => String(record.Properties.Name).startsWith('shop.example.com'));
    expect(records.map(([id]) => id)).toEqual([expect.stringMatching(/^SiteAliasAName2/), expect.stringMatching(/^SiteAliasAAAAName2/)]);
  });

  test.each<[string, (n: number) => unknown, string]>([
    ['Aurora readers', (readers) => aurora({ readers }), 'readers'],
    ['RDS read replicas', (readReplicas) => {
      const stack = stackIn();
      return new RdsDatabase(stack, 'Db', { vpc: vpc({}, stack).vpc, readReplicas });
    }, 'readReplicas'],
    ['SecureVpc azCount', (azCount) => vpc({ azCount, availabilityZones: undefined }), 'azCount'],
  ])('a token for %s is refused by name, without a garbage number', (_, build, prop) => {
    let message = '';
    try {
      build(Lazy.number({ produce: () => 2 }));
    } catch (e) {
      message = typescriptSpelling((e as Error).message);
    }
    expect(message).toContain(`${prop} must be known at synth time`);
    expect(message).not.toMatch(/e\+\d+/);
  });

  test.each<[string, (name: string) => unknown, string]>([
    ['an Amplify branch name', (branchName) => new AmplifyNextjsApp(stackIn(), 'Web', { branches: [{ branchName }] }), 'branches[0].branchName'],
    ['an alarm label', (label) => {
      const stack = stackIn();
      const cluster = rds.DatabaseCluster.fromDatabaseClusterAttributes(stack, 'Db', { clusterIdentifier: 'db' });
      return alarms({}, stack).monitorDatabaseCluster(cluster, { label });
    }, 'options.label'],
    ['a scheduled change name', (name) => api({ scheduledScaling: ScheduledScaling.custom('UTC', [{ name, schedule: appscaling.Schedule.cron({ hour: '1', minute: '0' }), minCapacity: 1 }]) }),
      'scheduledScaling.changes[0].name'],
  ])('a token for %s, which names constructs, is refused by name', (_, build, prop) => {
    expectRefusal(() => build(Lazy.string({ produce: () => 'main' })), prop, 'an unresolved token', 'part of construct ids');
  });

  test('tokens in names, paths, addresses and codes pass every check', () => {
    const stack = stackIn();
    const token = (value: string) => Lazy.string({ produce: () => value });
    expect(() => alarms({ emailAddresses: [token('x')] }, stack)).not.toThrow();
    expect(() => api({
      domainName: token('api example.com'),
      hostedZone: zone(stack),
      healthCheck: { path: token('no slash'), healthyHttpCodes: token('abc') },
    }, stack)).not.toThrow();
    expect(() => site({ immutablePaths: [token('no slash')], waf: { blockedCountries: [token('XX')] } }, stack)).not.toThrow();
  });

  test('the listener path check keys on resolved patterns only', () => {
    const stack = stackIn();
    const web = api({}, stack);
    const patterns = [Lazy.string({ produce: () => '/api/*' })];
    new FargateApiService(stack, 'First', { vpc: web.cluster.vpc, image: IMAGE, attachTo: web, priority: 10, pathPatterns: patterns });
    expect(() => new FargateApiService(stack, 'Second', { vpc: web.cluster.vpc, image: IMAGE, attachTo: web, priority: 20, pathPatterns: patterns }))
      .not.toThrow();
  });
});
