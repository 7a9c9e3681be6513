// Reference architecture B: Amplify front end + Rust API (seed 001), Tokyo, production.
// api.<domain> -> HTTPS ALB -> Fargate Rust API on 8000 -> PostgreSQL (Multi-AZ) on 5432.
// VPC 10.0.0.0/16: public 10.0.0.0/24, private 10.0.10.0/24, database 10.0.20.0/24 (the document
// lists one AZ's subnets; the second AZ gets 10.0.1.0/24, 10.0.11.0/24, 10.0.21.0/24).
// Scaling: CPU 70 %, memory 80 %, min 1, max 10. Alarms: CPU > 80 %, memory > 80 %, running tasks = 0
// (critical) -> SNS -> email and Slack. Backups: 7-30 days, AWS Backup with a cross-region copy.
// Dev: stopped 00:00-08:00 Tokyo time (the document's 8-hour night scale-down).
// Deliberate differences (README, "Differences from the documents"):
// - the Next.js front end on AWS Amplify Hosting is outside this library (no CDK L2 for it);
// - Aurora PostgreSQL with a reader in another AZ instead of RDS PostgreSQL Multi-AZ (same RPO 0
//   within the region, faster failover);
// - the document's regional WAF on the ALB is not part of FargateApiService; CloudFront's WAF is
//   what StaticSiteWithApiOrigin offers.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AlarmSet, AuroraCluster, BackupCopy, DatabaseEngine, EnvironmentProfile, FargateApiService, NatStrategy, RepositoryImage, ScheduledScaling,
  SecureVpc, Stage,
} from '../../src';

/** Adds reference architecture B to `app`. */
export function buildReferenceB(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `RustApi-${profile.stage}`, { env: { region: 'ap-northeast-1' } });
  const network = new SecureVpc(stack, 'Network', {
    profile,
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    subnetPlan: {
      publicCidrs: ['10.0.0.0/24', '10.0.1.0/24'],
      applicationCidrs: ['10.0.10.0/24', '10.0.11.0/24'],
      dataCidrs: ['10.0.20.0/24', '10.0.21.0/24'],
    },
    natStrategy: profile.isProduction ? NatStrategy.gatewayPerAz() : undefined,
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
    minCapacity: 1,
    maxCapacity: 10,
    scaling: { targetCpuUtilization: 70, targetMemoryUtilization: 80 },
    // The document's dev saving: stopped 8 hours a night (about $15 a month).
    scheduledScaling: profile.stage === Stage.DEV
      ? ScheduledScaling.dailyStop({ stopAt: '00:00', startAt: '08:00', timeZone: 'Asia/Tokyo' })
      : undefined,
  });
  const database = new AuroraCluster(stack, 'Database', {
    profile,
    vpc: network.vpc,
    engine: DatabaseEngine.auroraPostgres(),
    readers: 1,
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
  alarms.monitorAuroraCluster(database);
  return stack;
}
