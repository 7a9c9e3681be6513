// Reference architecture D: Express API with Aurora Serverless (seed 003), Tokyo, production.
// Route 53 -> HTTPS ALB (public 10.0.1.0/24, 10.0.2.0/24 in ap-northeast-1a/1c) -> Fargate
// Node.js/Express on 3000 (private 10.0.11.0/24, 10.0.12.0/24), 1 vCPU / 2 GB, min 2 (one per AZ),
// max 10, CPU 70 %, memory 80 % -> Aurora PostgreSQL Serverless v2 0.5-2 ACU on 5432, Multi-AZ.
// SGs: ALB 443 from anywhere (no port-80 listener) -> ECS 3000 from the ALB -> database 5432 from
// ECS, no outbound. The internet-facing ALB gets the library's regional WAF by default. The database
// sits in the private subnets with the tasks, as the document says (SecureVpc's isolated data
// subnets 10.0.21-22.0/24 stay empty).
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AlarmSet, AuroraCluster, DatabaseCapacity, DatabaseEngine, EnvironmentProfile, FargateApiService, NatStrategy, RepositoryImage,
  SecureVpc,
} from '../../src';

/** Adds reference architecture D to `app`. */
export function buildReferenceD(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `ExpressApi-${profile.name}`, { env: { region: 'ap-northeast-1' } });
  const network = new SecureVpc(stack, 'Network', {
    profile,
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    subnetPlan: {
      publicCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      applicationCidrs: ['10.0.11.0/24', '10.0.12.0/24'],
      dataCidrs: ['10.0.21.0/24', '10.0.22.0/24'],
    },
    natStrategy: profile.isProduction ? NatStrategy.gatewayPerAz() : undefined,
  });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  const api = new FargateApiService(stack, 'ExpressApi', {
    profile,
    vpc: network.vpc,
    repositoryImage: RepositoryImage.inNewRepository('v1.0.0'),
    containerPort: 3000,
    healthCheck: { path: '/health' },
    cpu: 1024,
    memoryLimitMiB: 2048,
    desiredCount: 2,
    minCapacity: 2,
    maxCapacity: 10,
    scaling: { targetCpuUtilization: 70, targetMemoryUtilization: 80 },
    domainName: 'api.example.com',
    hostedZone,
    redirectHttp: false,
  });
  const database = new AuroraCluster(stack, 'Database', {
    profile,
    vpc: network.vpc,
    vpcSubnets: network.applicationSubnets,
    engine: DatabaseEngine.auroraPostgres(),
    capacity: DatabaseCapacity.serverless({ minAcu: 0.5, maxAcu: 2 }),
    readers: 1,
    databaseName: 'app',
  });
  api.connectToDatabase(database);
  const alarms = new AlarmSet(stack, 'Alarms', { profile, emailAddresses: ['oncall@example.com'] });
  alarms.monitorFargateApiService(api);
  alarms.monitorAuroraCluster(database);
  return stack;
}
