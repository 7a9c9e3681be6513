// Reference architecture B: Amplify front end + Rust API (seed 001), Tokyo, production.
// api.<domain> -> HTTPS ALB -> Fargate Rust API on 8000 -> PostgreSQL (Multi-AZ) on 5432.
// VPC 10.0.0.0/16: public 10.0.0.0/24, private 10.0.10.0/24, database 10.0.20.0/24 (the document
// lists one AZ's subnets; the second AZ gets 10.0.1.0/24, 10.0.11.0/24, 10.0.21.0/24).
// Scaling: CPU 70 %, memory 80 %, min 1, max 10. Alarms: CPU > 80 %, memory > 80 %, running tasks = 0
// (critical) -> SNS -> email and Slack. Database: RDS PostgreSQL Multi-AZ (primary + synchronous standby),
// on the growth path's db.t3.micro -> db.t3.medium -> db.r5.xlarge at the stage that matches 1-10 tasks
// (db.t3.medium). Backups: 30 days (the document's 7-30), AWS Backup with a copy into an Osaka vault the
// app creates.
// Security: a regional WAF on the ALB (SQL injection, XSS through the common rule set, a rate limit)
// and 443 only from anywhere (no port-80 redirect listener).
// Front end: Next.js SSR on AWS Amplify Hosting at www.example.com (main) and dev.example.com (develop,
// behind basic auth), calling the API at its URL; the repository token comes from Secrets Manager.
// Dev: stopped 00:00-08:00 Tokyo time (the document's 8-hour night scale-down).
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  AlarmSet, AmplifyBranchStage, AmplifyNextjsApp, BackupCopy, EnvironmentProfile, FargateApiService, NatStrategy, RdsDatabase, RdsEngine,
  RepositoryImage, ScheduledScaling, SecureVpc, Stage,
} from '../../src';

/** Adds reference architecture B to `app`. */
export function buildReferenceB(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `RustApi-${profile.name}`, { env: { region: 'ap-northeast-1' } });
  const network = new SecureVpc(stack, 'Network', {
    profile,
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    subnetPlan: {
      publicCidrs: ['10.0.0.0/24', '10.0.1.0/24'],
      applicationCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      dataCidrs: ['10.0.20.0/24', '10.0.21.0/24'],
    },
    // The document's dev saving: no NAT gateway, VPC endpoints instead (ECR, logs, Secrets Manager, S3).
    natStrategy: profile.isProduction ? NatStrategy.gatewayPerAz() : NatStrategy.none(),
    endpoints: profile.isProduction ? undefined : { containerImagePull: true },
  });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  const api = new FargateApiService(stack, 'RustApi', {
    profile,
    vpc: network.vpc,
    repositoryImage: RepositoryImage.inNewRepository('v1.0.0'),
    containerPort: 8000,
    healthCheck: { path: '/health' },
    domainName: 'api.example.com',
    hostedZone,
    redirectHttp: false,
    minCapacity: 1,
    maxCapacity: 10,
    scaling: { targetCpuUtilization: 70, targetMemoryUtilization: 80 },
    // The document's dev saving: stopped 8 hours a night (about $15 a month).
    scheduledScaling: profile.stage === Stage.DEV
      ? ScheduledScaling.dailyStop({ stopAt: '00:00', startAt: '08:00', timeZone: 'Asia/Tokyo' })
      : undefined,
  });
  const database = new RdsDatabase(stack, 'Database', {
    profile,
    vpc: network.vpc,
    engine: RdsEngine.postgres(),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
    // Multi-AZ in production; the document's dev saving is a single-AZ instance.
    multiAz: profile.isProduction,
    databaseName: 'app',
    backupRetention: Duration.days(30),
    backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'rust-api-dr') },
  });
  api.connectToDatabase(database);
  const alarms = new AlarmSet(stack, 'Alarms', {
    profile,
    emailAddresses: ['oncall@example.com'],
    slack: { workspaceId: 'T0123456789', channelId: 'C0123456789' },
  });
  alarms.monitorFargateApiService(api);
  alarms.monitorRdsDatabase(database);

  const web = new AmplifyNextjsApp(stack, 'Web', {
    repository: 'https://github.com/example/rust-api-web',
    accessTokenSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'RepositoryToken', 'amplify/github-token'),
    hostedZone,
    environment: { NEXT_PUBLIC_API_URL: `https://${api.domainName}` },
    branches: [
      { branchName: 'main', subdomain: 'www', stage: AmplifyBranchStage.PRODUCTION },
      {
        branchName: 'develop',
        subdomain: 'dev',
        stage: AmplifyBranchStage.DEVELOPMENT,
        basicAuthSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'DevBasicAuth', 'amplify/dev-basic-auth'),
      },
    ],
  });
  alarms.monitorAmplifyApp(web);
  return stack;
}
