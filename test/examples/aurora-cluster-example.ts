// AuroraCluster example: reference D's Aurora PostgreSQL Serverless v2 (0.5-2 ACU) with reference A's
// writer + reader in two AZs, and reference E's MySQL with a read replica and a cross-region backup
// copy, in the data subnets of a SecureVpc in Tokyo, each reachable only from the application tier.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AuroraCluster, BackupCopy, DatabaseCapacity, DatabaseEngine, NatStrategy, SecureVpc } from '../../src';

/** Adds the AuroraCluster example stack to `app`. */
export function buildAuroraClusterExample(app: App): Stack {
  const stack = new Stack(app, 'AuroraClusterExample', { env: { region: 'ap-northeast-1' } });
  const network = new SecureVpc(stack, 'Network', {
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    natStrategy: NatStrategy.singleGateway(),
  });
  const application = new ec2.SecurityGroup(stack, 'ApplicationSecurityGroup', {
    vpc: network.vpc,
    description: 'Application tasks that use the databases',
  });

  const api = new AuroraCluster(stack, 'ApiDatabase', {
    vpc: network.vpc,
    capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 2 }),
    readers: 1,
    databaseName: 'app',
    rotation: { schedule: Duration.days(30) },
  });
  api.allowConnectionsFrom(application);

  const pdf = new AuroraCluster(stack, 'PdfDatabase', {
    vpc: network.vpc,
    engine: DatabaseEngine.auroraMysql(),
    capacity: DatabaseCapacity.provisioned({ instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
    readers: 1,
    backupRetention: Duration.days(7),
    backupPlan: {
      deleteAfter: Duration.days(35),
      copy: BackupCopy.toRegion('ap-northeast-3', 'pdf-service-dr'),
    },
  });
  pdf.allowConnectionsFrom(application);
  return stack;
}
