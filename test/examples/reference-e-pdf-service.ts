// Reference architecture E: PDF service on MySQL (seed 004), production.
// CloudFront -> ALB -> Fargate (from ECR) -> MySQL with a read replica; PDFs in S3 (served by
// CloudFront under /pdf/*, written by the service); scale out at CPU 70 %, in at 30 %; daily automated backups
// kept 7 days, cross-region copies; alerts on thresholds, error rate and cost overrun (budget).
// Deliberate differences (README): Aurora MySQL 3 instead of RDS MySQL (the read replica becomes an
// Aurora reader with automatic failover); weekly manual snapshots are replaced by the AWS Backup plan.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AlarmSet, ApiOrigin, AuroraCluster, BackupCopy, CloudFrontAccess, DatabaseCapacity, DatabaseEngine, EnvironmentProfile,
  FargateApiService, ImageRepository, SecureVpc, StaticSiteWithApiOrigin,
} from '../../src';

/** Adds reference architecture E to `app`. */
export function buildReferenceE(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `PdfService-${profile.stage}`, { env: { region: 'us-east-1' } });
  const network = new SecureVpc(stack, 'Network', { profile, availabilityZones: ['us-east-1a', 'us-east-1b'] });
  const repository = new ImageRepository(stack, 'PdfRepository', { profile });
  const api = new FargateApiService(stack, 'PdfApi', {
    profile,
    vpc: network.vpc,
    image: repository.imageAt('v1.0.0'),
    scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30 } },
    cloudFrontAccess: CloudFrontAccess.vpcOrigin(),
  });
  const database = new AuroraCluster(stack, 'Database', {
    profile,
    vpc: network.vpc,
    engine: DatabaseEngine.auroraMysql(),
    capacity: DatabaseCapacity.provisioned({ instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) }),
    readers: 1,
    databaseName: 'pdf',
    backupRetention: Duration.days(7),
    backupPlan: { copy: BackupCopy.toRegion('us-west-2', 'pdf-service-dr') },
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
  alarms.monitorAuroraCluster(database);
  alarms.monitorStaticSite(site);
  return stack;
}
