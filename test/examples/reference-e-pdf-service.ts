// Reference architecture E: PDF service on MySQL (seed 004), production.
// CloudFront -> ALB -> Fargate (from ECR) -> MySQL with a read replica; PDFs in S3 (served by
// CloudFront under /pdf/*, written by the service); scale out at CPU 70 %, in at 30 %; daily automated backups
// kept 7 days, weekly snapshots, cross-region copies; alerts on thresholds, error rate and cost overrun
// (budget). Database: RDS MySQL db.t3.small, Multi-AZ (automatic failover to the standby), one read
// replica in the other AZ; the weekly snapshots are a weekly rule of the AWS Backup plan (kept 4 weeks:
// the document gives no period), copied with the daily backups into an Oregon vault the app creates.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AlarmSet, ApiOrigin, BackupCopy, CloudFrontAccess, EnvironmentProfile, FargateApiService, ImageRepository, RdsDatabase, RdsEngine,
  SecureVpc, StaticSiteWithApiOrigin,
} from '../../src';

/** Adds reference architecture E to `app`. */
export function buildReferenceE(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `PdfService-${profile.name}`, { env: { region: 'us-east-1' } });
  const network = new SecureVpc(stack, 'Network', { profile, availabilityZones: ['us-east-1a', 'us-east-1b'] });
  const repository = new ImageRepository(stack, 'PdfRepository', { profile });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  // The document's Route 53 and ACM, and its ALB in the public subnets: CloudFront reaches the
  // internet-facing ALB over HTTPS at a name of the zone; the ALB admits only CloudFront's
  // origin-facing prefix list and forwards only requests carrying CloudFront's secret header.
  const api = new FargateApiService(stack, 'PdfApi', {
    profile,
    vpc: network.vpc,
    image: repository.imageAt('v1.0.0'),
    scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30 } },
    cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(),
    domainName: 'pdf-origin.example.com',
    hostedZone,
  });
  const database = new RdsDatabase(stack, 'Database', {
    profile,
    vpc: network.vpc,
    // The document: "private subnets for ECS and RDS".
    vpcSubnets: network.applicationSubnets,
    engine: RdsEngine.mysql(),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
    multiAz: true,
    readReplicas: 1,
    databaseName: 'pdf',
    backupRetention: Duration.days(7),
    backupPlan: { weekly: { keepWeeks: 4 }, copy: BackupCopy.toRegion('us-west-2', 'pdf-service-dr') },
  });
  api.connectToDatabase(database);
  const site = new StaticSiteWithApiOrigin(stack, 'Site', {
    profile,
    apiOrigin: ApiOrigin.fromFargateApiService(api),
    media: { pathPattern: '/pdf/*', grantApiWrite: true },
  });
  const alarms = new AlarmSet(stack, 'Alarms', {
    profile,
    emailAddresses: ['oncall@example.com'],
    budget: { monthlyLimitUsd: 50, emailAddresses: ['finance@example.com'] },
  });
  alarms.monitorFargateApiService(api);
  alarms.monitorRdsDatabase(database);
  alarms.monitorStaticSite(site);
  return stack;
}
