// Reference architecture A: CDN blog (seed 000). Route 53 -> CloudFront (ACM) -> S3 frontend;
// /api/* -> ALB -> Fargate backend on 8080 (health /health) -> Aurora PostgreSQL writer + reader
// on 5432; a media bucket the backend writes to (s3:PutObject) and CloudFront serves.
// VPC 10.0.0.0/16: public 10.0.1.0/24, 10.0.2.0/24; private 10.0.11.0/24, 10.0.12.0/24; NAT per AZ.
// The document is a production environment: the integ example uses the prod profile, the main job dev.
// Deliberate differences from the document (README, "Differences from the documents"):
// - OAC instead of the document's OAI (OAI is legacy and cannot sign requests to SSE-KMS objects).
// The document places the ALB in the public subnets: CloudFront reaches it over HTTPS at
// origin.blog.example.com, it admits only CloudFront's origin-facing prefix list and forwards only
// requests carrying CloudFront's secret header; one certificate (blog.example.com and
// origin.blog.example.com) serves CloudFront and the ALB, as in the document. The document does not place the database; it sits
// in SecureVpc's isolated data subnets (10.0.21-22.0/24).
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { CloudFrontAccess, EnvironmentProfile, ImageRepository, NatStrategy, WebAppBlueprint } from '../../src';

/** Adds reference architecture A in the given profile to `app`. */
export function buildReferenceA(app: App, profile: EnvironmentProfile = EnvironmentProfile.prod()): Stack {
  const stack = new Stack(app, `CdnBlog-${profile.name}`, { env: { region: 'us-east-1' } });
  const repository = new ImageRepository(stack, 'BackendRepository', { profile });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'blog.example.com',
  });
  new WebAppBlueprint(stack, 'Blog', {
    profile,
    image: repository.imageAt('v1.0.0'),
    containerPort: 8080,
    healthCheckPath: '/health',
    // The document's (production) ALB is internet-facing; the dev flavour keeps an internal ALB
    // behind a CloudFront VPC origin, which saves the ALB's public IPv4 addresses ($7.30 a month
    // for two AZs at $0.005 an hour each: https://aws.amazon.com/vpc/pricing/, 2026-12-01).
    cloudFrontAccess: profile.isProduction ? CloudFrontAccess.prefixListWithSecretHeader() : CloudFrontAccess.vpcOrigin(),
    network: {
      availabilityZones: ['us-east-1a', 'us-east-1c'],
      subnetPlan: {
        publicCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
        applicationCidrs: ['10.0.11.0/24', '10.0.12.0/24'],
        dataCidrs: ['10.0.21.0/24', '10.0.22.0/24'],
      },
      // The document: one NAT gateway per AZ (production). The dev profile's NAT instance stays.
      natStrategy: profile.isProduction ? NatStrategy.gatewayPerAz() : undefined,
    },
    databaseReaders: profile.isProduction ? 1 : undefined,
    databaseName: 'blog',
    media: true,
    domainNames: ['blog.example.com'],
    hostedZone,
    // The document: one ACM certificate for CloudFront and the ALB (both in us-east-1 here).
    shareCertificate: true,
    alarmEmails: ['oncall@example.com'],
  });
  return stack;
}
