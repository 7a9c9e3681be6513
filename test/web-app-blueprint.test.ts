import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { expectNagClean } from './nag';
import {
  AlarmSet, AuroraCluster, CloudFrontAccess, DatabaseCapacity, DatabaseConnection, DatabaseEngine, EnvironmentProfile, FargateApiService, NatStrategy,
  RdsDatabase, RdsEngine, SecureVpc, WebAppBlueprint, WebAppBlueprintProps,
} from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable');
const US_EAST_1 = { account: '111111111111', region: 'us-east-1' };
const NETWORK = { availabilityZones: ['us-east-1a', 'us-east-1b'] };

function build(props: Partial<WebAppBlueprintProps> = {}, env: { account: string; region: string } = US_EAST_1) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env, crossRegionReferences: env.region !== 'us-east-1' });
  const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, ...props });
  return { app, stack, blueprint, template: Template.fromStack(stack) };
}

/** The security group ids (Fn::GetAtt logical ids) allowed into `groupLogicalId` on `port`. */
function ingressSources(template: Template, port: number): Array<[string, string]> {
  return Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { FromPort: port, ToPort: port } }))
    .map((r: any) => [r.Properties.SourceSecurityGroupId?.['Fn::GetAtt']?.[0], r.Properties.GroupId?.['Fn::GetAtt']?.[0]]);
}

describe('WebAppBlueprint wiring', () => {
  test('creates every part and exposes it', () => {
    const { blueprint, template } = build();
    expect(blueprint.network).toBeDefined();
    expect(blueprint.vpc).toBe(blueprint.network!.vpc);
    expect(blueprint.database).toBeDefined();
    expect(blueprint.databaseConnection).toBe(blueprint.database);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::ECS::Service', 1);
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    expect(blueprint.alarms.alarms.length).toBeGreaterThan(0);
  });

  test('security groups are chained ALB -> service -> database, each on the next hop port only', () => {
    const { blueprint, template, stack } = build();
    const albSg = stack.resolve((blueprint.api.loadBalancer.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup).logicalId);
    const serviceSg = stack.resolve((blueprint.api.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup).logicalId);
    const dbSg = stack.resolve((blueprint.database!.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup).logicalId);
    expect(ingressSources(template, 8080)).toContainEqual([albSg, serviceSg]);
    expect(ingressSources(template, 5432)).toEqual([[serviceSg, dbSg]]);
  });

  test('the API gets the database host as a variable and the credentials as secrets', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Environment: Match.arrayWith([Match.objectLike({ Name: 'DB_HOST' }), { Name: 'DB_PORT', Value: '5432' }, { Name: 'DB_NAME', Value: 'app' }]),
        Secrets: Match.arrayWith([Match.objectLike({ Name: 'DB_USERNAME' }), Match.objectLike({ Name: 'DB_PASSWORD' })]),
      })],
    });
  });

  test('the ALB is internal and reached by CloudFront through a VPC origin', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    template.resourceCountIs('AWS::CloudFront::VpcOrigin', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/api/*' })]) },
    });
  });

  test('alarms cover the service, the load balancer, the database and the distribution', () => {
    const { template } = build();
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => JSON.stringify(r.Properties.AlarmName));
    for (const kind of ['ServiceCpu', 'ServiceRunningTasks', 'LoadBalancer5xx', 'TargetResponseTime', 'DatabaseCpu', 'Distribution5xxErrorRate']) {
      expect(names.some((n) => n.includes(kind))).toBe(true);
    }
  });

  test('container port, health check, API paths, media and alarm emails reach their constructs', () => {
    const { template } = build({ containerPort: 3000, healthCheckPath: '/ping', apiPaths: ['/v1/*'], media: true, alarmEmails: ['ops@example.com'] });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 3000, HealthCheckPath: '/ping' });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/v1/*' }), Match.objectLike({ PathPattern: '/media/*' })]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  test('database options shape the database it creates', () => {
    const { template } = build({
      databaseEngine: DatabaseEngine.auroraMysql(),
      databaseCapacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 2 }),
      databaseReaders: 1,
      databaseName: 'shop',
    });
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-mysql',
      DatabaseName: 'shop',
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 2);
  });

  test('a monthly budget', () => {
    const { template } = build({ budget: { monthlyLimitUsd: 30 } });
    template.hasResourceProperties('AWS::Budgets::Budget', { Budget: Match.objectLike({ BudgetLimit: { Amount: 30, Unit: 'USD' } }) });
  });

  test('is cdk-nag clean', () => {
    const { blueprint } = build();
    expectNagClean(blueprint);
  });
});

describe('WebAppBlueprint bring your own', () => {
  test('an existing VPC: no SecureVpc', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const vpc = new ec2.Vpc(stack, 'Mine', { maxAzs: 2, natGateways: 1 });
    const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, vpc });
    expect(blueprint.network).toBeUndefined();
    expect(blueprint.vpc).toBe(vpc);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPC', 1);
  });

  test('an existing database: no cluster, the API is wired to it', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const sg = new ec2.SecurityGroup(stack, 'DbSg', { vpc: new ec2.Vpc(stack, 'Other', { maxAzs: 2, natGateways: 0 }) });
    const secret = new secretsmanager.Secret(stack, 'DbSecret');
    const existingDatabase = DatabaseConnection.fromAttributes({
      connectable: new ec2.Connections({ securityGroups: [sg] }), secret, endpointAddress: 'db.internal', port: 3306,
    });
    const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, existingDatabase });
    const template = Template.fromStack(stack);
    expect(blueprint.database).toBeUndefined();
    template.resourceCountIs('AWS::RDS::DBCluster', 0);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: Match.arrayWith([{ Name: 'DB_HOST', Value: 'db.internal' }]) })],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 3306, ToPort: 3306 });
  });

  test('no database at all', () => {
    const { template, blueprint } = build({ createDatabase: false });
    expect(blueprint.databaseConnection).toBeUndefined();
    template.resourceCountIs('AWS::RDS::DBCluster', 0);
    const containers = JSON.stringify(template.findResources('AWS::ECS::TaskDefinition'));
    expect(containers).not.toContain('DB_HOST');
  });

  test('an existing API service: the blueprint builds around it, in its VPC', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Net', NETWORK);
    const api = new FargateApiService(stack, 'MyApi', { vpc: network.vpc, image: IMAGE, cloudFrontAccess: CloudFrontAccess.vpcOrigin() });
    const blueprint = new WebAppBlueprint(stack, 'App', { existingApi: api });
    const template = Template.fromStack(stack);
    expect(blueprint.api).toBe(api);
    expect(blueprint.vpc).toBe(network.vpc);
    expect(blueprint.network).toBeUndefined();
    template.resourceCountIs('AWS::ECS::Service', 1);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: Match.arrayWith([Match.objectLike({ Name: 'DB_HOST' })]) })],
    });
    template.resourceCountIs('AWS::CloudFront::VpcOrigin', 1);
  });

  test('an existing AlarmSet receives the alarms', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const alarms = new AlarmSet(stack, 'TeamAlarms', { emailAddresses: ['team@example.com'] });
    const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, existingAlarms: alarms });
    expect(blueprint.alarms).toBe(alarms);
    expect(alarms.alarms.length).toBeGreaterThan(10);
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 2);
  });

  test('refuses neither image nor existingApi', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    expect(() => new WebAppBlueprint(stack, 'App', { network: NETWORK }))
      .toThrow("WebAppBlueprint 'Stack/App': image and existingApi (existing_api) are both missing: give the image of a new API service or an existing one");
  });

  test('refuses image together with existingApi', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Net', NETWORK);
    const api = new FargateApiService(stack, 'MyApi', { vpc: network.vpc, image: IMAGE });
    expect(() => new WebAppBlueprint(stack, 'App', { image: IMAGE, existingApi: api }))
      .toThrow("WebAppBlueprint 'Stack/App': image and existingApi (existing_api) cannot be combined: the image builds the API service the blueprint creates");
  });

  test('refuses API options with existingApi', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Net', NETWORK);
    const api = new FargateApiService(stack, 'MyApi', { vpc: network.vpc, image: IMAGE });
    expect(() => new WebAppBlueprint(stack, 'App', { existingApi: api, containerPort: 3000 }))
      .toThrow("WebAppBlueprint 'Stack/App': containerPort/healthCheckPath/environment/cloudFrontAccess (container_port/health_check_path/environment/cloud_front_access) and existingApi (existing_api) cannot be combined: those options configure the API service the blueprint creates");
  });

  test('refuses network, or another VPC, with existingApi', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Net', NETWORK);
    const api = new FargateApiService(stack, 'MyApi', { vpc: network.vpc, image: IMAGE });
    expect(() => new WebAppBlueprint(stack, 'App', { existingApi: api, network: NETWORK }))
      .toThrow("WebAppBlueprint 'Stack/App': network and existingApi (existing_api) cannot be combined: the blueprint builds in the existing service's VPC");
    const other = new ec2.Vpc(stack, 'Other', { maxAzs: 2 });
    expect(() => new WebAppBlueprint(stack, 'App2', { existingApi: api, vpc: other }))
      .toThrow("WebAppBlueprint 'Stack/App2': vpc and existingApi (existing_api) name different VPCs: the database must be in the VPC the service runs in");
  });

  test('refuses alarm options with existingAlarms', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const alarms = new AlarmSet(stack, 'TeamAlarms');
    expect(() => new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, existingAlarms: alarms, alarmEmails: ['a@example.com'] }))
      .toThrow("WebAppBlueprint 'Stack/App': alarmEmails/slack/alarmTopics/budget (alarm_emails/slack/alarm_topics/budget) and existingAlarms (existing_alarms) cannot be combined: those options configure the AlarmSet the blueprint creates");
  });

  test('refuses environment variables that the database wiring injects', () => {
    expect(() => build({ environment: { LOG_LEVEL: 'info', DB_HOST: 'elsewhere' } }))
      .toThrow("WebAppBlueprint 'Stack/App': environment must not name the database variables the blueprint injects (DB_HOST, DB_PORT, DB_NAME, DB_USERNAME, DB_PASSWORD); got 'DB_HOST'");
  });

  test('the same variable names are the user\'s own without a database', () => {
    const { template } = build({ createDatabase: false, environment: { DB_HOST: 'legacy.example.com' } });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: Match.arrayWith([{ Name: 'DB_HOST', Value: 'legacy.example.com' }]) })],
    });
  });

  test('refuses vpc together with network', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const vpc = new ec2.Vpc(stack, 'Mine');
    expect(() => new WebAppBlueprint(stack, 'App', { image: IMAGE, vpc, network: NETWORK }))
      .toThrow("WebAppBlueprint 'Stack/App': vpc and network cannot be combined: network configures the VPC the blueprint creates");
  });

  test('refuses existingDatabase together with createDatabase false', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const secret = new secretsmanager.Secret(stack, 'S');
    const existingDatabase = DatabaseConnection.fromAttributes({ connectable: new ec2.Connections(), secret, endpointAddress: 'h', port: 5432 });
    expect(() => new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, existingDatabase, createDatabase: false }))
      .toThrow("WebAppBlueprint 'Stack/App': existingDatabase (existing_database) and createDatabase (create_database) contradict each other: give one or the other");
  });

  test('refuses database options without a database to create', () => {
    expect(() => build({ createDatabase: false, databaseReaders: 2 }))
      .toThrow("WebAppBlueprint 'Stack/App': databaseEngine/databaseCapacity/databaseReaders (database_engine/database_capacity/database_readers) and createDatabase (create_database) cannot be combined: the database options configure the database the blueprint creates");
  });
});

describe('WebAppBlueprint profiles and regions', () => {
  test('dev: NAT instance, Spot ARM tasks, a database that scales to zero; cdk-nag clean', () => {
    const { template, blueprint } = build({ profile: EnvironmentProfile.dev() });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Instance', 1);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { RuntimePlatform: { CpuArchitecture: 'ARM64' } });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT' })]),
    });
    template.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: Match.objectLike({ MinCapacity: 0 }) });
    expectNagClean(blueprint);
  });

  test('prod: NAT per AZ and a database that is never deleted; cdk-nag clean', () => {
    const { template, blueprint } = build({ profile: EnvironmentProfile.prod(), network: { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] } });
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    template.hasResourceProperties('AWS::RDS::DBCluster', { DeletionProtection: true, BackupRetentionPeriod: 30 });
    template.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: Match.stringLikeRegexp('Snapshot|Retain') });
    expectNagClean(blueprint);
  });

  // The README's Python example, in TypeScript: a stack with env (account and region) gets the prod
  // profile's 3 AZs and the us-east-1 certificate; without env synth names what is missing.
  function readmeExample(env?: { account: string; region: string }, profile = EnvironmentProfile.prod()) {
    const app = new App();
    const stack = new Stack(app, `Blog-${profile.name}`, { env });
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'blog');
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
    new WebAppBlueprint(stack, 'Blog', {
      profile,
      image: ecs.ContainerImage.fromEcrRepository(repository, 'v1.0.0'),
      containerPort: 8080,
      media: true,
      domainNames: ['blog.example.com'],
      hostedZone,
      alarmEmails: ['oncall@example.com'],
    });
    return { app, stack };
  }

  test('README example: prod in a stack with env synthesizes over 3 AZs, its certificate in the us-east-1 companion', () => {
    const { app, stack } = readmeExample({ account: '111111111111', region: 'ap-northeast-1' });
    const assembly = app.synth();
    expect(stack.stackName).toBe('Blog-prod');
    Template.fromStack(stack).resourceCountIs('AWS::EC2::NatGateway', 3);
    expect(assembly.stacks.map((s) => [s.stackName, s.environment.region]).sort()).toEqual([
      ['Blog-prod', 'ap-northeast-1'],
      ['Blog-prod-ap-northeast-1-UsEast1', 'us-east-1'],
      ['Blog-prod-ap-northeast-1-UsEast1Alarms', 'us-east-1'],
    ]);
  });

  test('README example without env: prod is refused for its 3 AZs, dev for its certificate', () => {
    expect(() => readmeExample()).toThrow("SecureVpc 'Blog-prod/Blog/Network': azCount (az_count) of 3 needs a stack with env.account and env.region or explicit availabilityZones");
    expect(() => readmeExample(undefined, EnvironmentProfile.dev())).toThrow("the stack's env.region must be set");
  });

  test('explicit network options win over the profile', () => {
    const { template } = build({ profile: EnvironmentProfile.dev(), network: { ...NETWORK, natStrategy: NatStrategy.singleGateway() } });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('outside us-east-1 the CloudFront alarm is created in the us-east-1 alarm stack, without a warning', () => {
    const { stack, template, blueprint } = build({ network: { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] } }, { account: '111111111111', region: 'ap-northeast-1' });
    expect(JSON.stringify(template.findResources('AWS::CloudWatch::Alarm'))).not.toContain('Distribution5xxErrorRate');
    const edge = Template.fromStack(blueprint.alarms.usEast1Stack!);
    edge.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Stack-ap-northeast-1-UsEast1Alarms-App-Site-Distribution5xxErrorRate', Threshold: 5 });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('us-east-1'))).toEqual([]);
  });
});

describe('WebAppBlueprint HTTPS on the VPC-origin hop', () => {
  const zone = (stack: Stack) => route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });

  test('with a hosted zone: an HTTPS-only internal ALB at origin.<zone>, admitting only CloudFront; cdk-nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), domainNames: ['www.example.com'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'origin.example.com' });
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'origin.example.com.', Type: 'A' });
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', { VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) });
    expect(ingressSources(template, 443)).toEqual(expect.arrayContaining([[expect.stringMatching(/^AppSiteVpcOriginSecurityGroup/), expect.stringMatching(/^AppApiLoadBalancerSecurityGroup/)]]));
    expect(blueprint.api.domainName).toBe('origin.example.com');
    expectNagClean(blueprint);
  });

  test('apiOriginDomainName names the origin', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), domainNames: ['www.example.com'], apiOriginDomainName: 'alb.example.com' });
    Template.fromStack(stack).hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'alb.example.com' });
  });

  test('apiOriginHttps false keeps plain HTTP, and the service warns', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), domainNames: ['www.example.com'], apiOriginHttps: false });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
    Annotations.fromStack(stack).hasWarning('/Stack/App/Api', Match.stringLikeRegexp('plain HTTP inside the VPC'));
  });

  test('refuses apiOriginHttps without a hosted zone', () => {
    expect(() => build({ apiOriginHttps: true })).toThrow(/apiOriginHttps \(api_origin_https\) needs hostedZone.*got true/);
  });

  test('refuses apiOriginDomainName with apiOriginHttps false', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    expect(() => new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), domainNames: ['www.example.com'], apiOriginHttps: false, apiOriginDomainName: 'alb.example.com' }))
      .toThrow(/apiOriginDomainName \(api_origin_domain_name\) and apiOriginHttps \(api_origin_https\) false cannot be combined/);
  });

  test('refuses apiOriginHttps with existingApi', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Network', NETWORK);
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, cloudFrontAccess: CloudFrontAccess.vpcOrigin() });
    expect(() => new WebAppBlueprint(stack, 'App', { existingApi: api, apiOriginHttps: false })).toThrow(/apiOriginHttps \(api_origin_https\) and existingApi \(existing_api\) cannot be combined/);
  });
});

describe('WebAppBlueprint shareCertificate: one certificate for CloudFront and the load balancer', () => {
  const zone = (stack: Stack) => route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
  const certificates = (template: Template) => Object.values(template.findResources('AWS::CertificateManager::Certificate'));

  test('one certificate for the site\'s names and the origin\'s, used by the distribution and the HTTPS listener; cdk-nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const blueprint = new WebAppBlueprint(stack, 'App', {
      image: IMAGE,
      network: NETWORK,
      hostedZone: zone(stack),
      domainNames: ['www.example.com', 'example.com'],
      cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(),
      shareCertificate: true,
    });
    const template = Template.fromStack(stack);
    expect(certificates(template)).toHaveLength(1);
    const [id] = Object.keys(template.findResources('AWS::CertificateManager::Certificate'));
    template.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'www.example.com', SubjectAlternativeNames: ['example.com', 'origin.example.com'] });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', Certificates: [{ CertificateArn: { Ref: id } }] });
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ ViewerCertificate: Match.objectLike({ AcmCertificateArn: { Ref: id } }) }) });
    expectNagClean(blueprint);
  });

  test('without it, CloudFront and the load balancer have a certificate each', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), domainNames: ['www.example.com'] });
    expect(certificates(Template.fromStack(stack))).toHaveLength(2);
  });

  test('a given certificate serves both; the origin name is not added to it', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
    new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), domainNames: ['www.example.com'], certificate, shareCertificate: true });
    const template = Template.fromStack(stack);
    expect(certificates(template)).toHaveLength(0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Certificates: [{ CertificateArn: certificate.certificateArn }] });
  });

  test('refused outside us-east-1, without the HTTPS origin, and without names', () => {
    const tokyo = () => {
      const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' }, crossRegionReferences: true });
      return new WebAppBlueprint(stack, 'App', { image: IMAGE, network: { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] }, hostedZone: zone(stack), domainNames: ['www.example.com'], shareCertificate: true });
    };
    expect(tokyo).toThrow(/shareCertificate \(share_certificate\) needs a stack in us-east-1 \(this one: ap-northeast-1\).*got true/);
    expect(() => new WebAppBlueprint(new Stack(new App(), 'Stack'), 'App', { image: IMAGE, shareCertificate: true }))
      .toThrow(/shareCertificate \(share_certificate\) needs a stack in us-east-1 \(this one: region unknown\)/);
    expect(() => build({ shareCertificate: true })).toThrow(/shareCertificate \(share_certificate\) needs the HTTPS origin/);
    const noNames = () => {
      const stack = new Stack(new App(), 'Stack', { env: US_EAST_1 });
      return new WebAppBlueprint(stack, 'App', { image: IMAGE, network: NETWORK, hostedZone: zone(stack), shareCertificate: true });
    };
    expect(noNames).toThrow(/shareCertificate \(share_certificate\) needs domainNames or certificate/);
  });
});

describe('WebAppBlueprint database choice and alarms', () => {
  const databaseAlarms = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map((r: any) => r.Properties.AlarmName as string).filter((n) => /-Database/.test(n)).sort();

  test('rdsDatabase: an RDS instance instead of Aurora, wired to the API, with its alarms', () => {
    const rdsDatabase = { engine: RdsEngine.mysql(), multiAz: true, readReplicas: 1 };
    const { blueprint, template } = build({ rdsDatabase, profile: EnvironmentProfile.prod() });
    expect(blueprint.database).toBeUndefined();
    expect(blueprint.rdsDatabase).toBeInstanceOf(RdsDatabase);
    expect(blueprint.databaseConnection).toBe(blueprint.rdsDatabase);
    template.resourceCountIs('AWS::RDS::DBCluster', 0);
    template.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: true, DBName: 'app', DBInstanceClass: 'db.t4g.medium' });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 3306, ToPort: 3306 });
    expect(databaseAlarms(template)).toHaveLength(7);
    expect(databaseAlarms(template)).toContain('Stack-App-Database-DatabaseReplicaLag');
    expectNagClean(blueprint);
  });

  test('rdsDatabase with Aurora options or with an existing database is refused', () => {
    expect(() => build({ rdsDatabase: {}, databaseReaders: 1 }))
      .toThrow("WebAppBlueprint 'Stack/App': rdsDatabase (rds_database) and databaseEngine/databaseCapacity/databaseReaders (database_engine/database_capacity/database_readers) cannot be combined");
    expect(() => build({ rdsDatabase: {}, createDatabase: false }))
      .toThrow("WebAppBlueprint 'Stack/App': rdsDatabase (rds_database) and createDatabase (create_database) cannot be combined");
  });

  test.each([
    ['AuroraCluster', 4], // no readers: no replica-lag alarm
    ['RdsDatabase', 6],
  ])('an existing %s gets its database alarms', (kind, count) => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Network', NETWORK);
    const existingDatabase = kind === 'AuroraCluster'
      ? new AuroraCluster(stack, 'Db', { vpc: network.vpc, capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 2 }) })
      : new RdsDatabase(stack, 'Db', { vpc: network.vpc });
    const blueprint = new WebAppBlueprint(stack, 'App', { image: IMAGE, vpc: network.vpc, existingDatabase });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.AlarmName as string);
    expect(names.filter((n) => n.startsWith('Stack-Db-'))).toHaveLength(count);
    expect(blueprint.alarms.isMonitoring(existingDatabase)).toBe(true);
  });

  test('an existing database already monitored by existingAlarms is not monitored twice', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Network', NETWORK);
    const existingDatabase = new RdsDatabase(stack, 'Db', { vpc: network.vpc });
    const existingAlarms = new AlarmSet(stack, 'Alarms', { rdsDatabases: [existingDatabase] });
    new WebAppBlueprint(stack, 'App', { image: IMAGE, vpc: network.vpc, existingDatabase, existingAlarms });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.AlarmName as string);
    expect(names.filter((n) => n.startsWith('Stack-Db-'))).toHaveLength(6);
  });

  test('a database known only by its attributes gets a warning instead of alarms', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: US_EAST_1 });
    const network = new SecureVpc(stack, 'Network', NETWORK);
    const secret = new secretsmanager.Secret(stack, 'DbSecret');
    const existingDatabase = DatabaseConnection.fromAttributes({ connectable: new ec2.Connections(), secret, endpointAddress: 'db.internal', port: 5432 });
    new WebAppBlueprint(stack, 'App', { image: IMAGE, vpc: network.vpc, existingDatabase });
    Annotations.fromStack(stack).hasWarning('/Stack/App', Match.stringLikeRegexp('existingDatabase is neither an AuroraCluster nor an RdsDatabase'));
  });
});
