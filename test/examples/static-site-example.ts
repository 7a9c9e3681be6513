// StaticSiteWithApiOrigin example: references A and C in Tokyo. One CloudFront front door serves the
// static site (with Next.js-style immutable assets), the media bucket the API writes to, and /api/* to
// a FargateApiService on an internal ALB behind a CloudFront VPC origin. The certificate and the
// CLOUDFRONT-scope web ACL land in the us-east-1 companion stack the construct creates.
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ApiOrigin, CloudFrontAccess, EnvironmentProfile, FargateApiService, SecureVpc, StaticSiteWithApiOrigin } from '../../src';

/** Adds the StaticSiteWithApiOrigin example stack (ap-northeast-1) and its us-east-1 companion to `app`. */
export function buildStaticSiteExample(app: App): Stack {
  const stack = new Stack(app, 'StaticSiteExample', { env: { region: 'ap-northeast-1' } });
  const profile = EnvironmentProfile.prod();
  const network = new SecureVpc(stack, 'Network', {
    profile,
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    subnetPlan: {
      publicCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      applicationCidrs: ['10.0.11.0/24', '10.0.12.0/24'],
      dataCidrs: ['10.0.21.0/24', '10.0.22.0/24'],
    },
  });
  const api = new FargateApiService(stack, 'Api', {
    profile,
    vpc: network.vpc,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    containerPort: 8080,
    cloudFrontAccess: CloudFrontAccess.vpcOrigin(),
  });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    zoneName: 'example.com',
  });
  new StaticSiteWithApiOrigin(stack, 'Site', {
    profile,
    apiOrigin: ApiOrigin.fromFargateApiService(api),
    immutablePaths: ['/_next/static/*'],
    media: {},
    domainNames: ['example.com', 'www.example.com'],
    hostedZone,
    waf: { blockedCountries: ['KP'] },
  });
  // A strong cross-region reference (SSM-backed ExportWriter/ExportReader) is what this app wants for the
  // web ACL: the companion cannot remove it while the distribution still uses it. (The construct reads the
  // certificate weakly, so that a change of domain names can replace it.)
  Validations.of(stack).acknowledge({
    id: 'Annotation::@aws-cdk/core:crossStackReferencesDefaultStrong',
    reason: 'A strong reference keeps the us-east-1 web ACL from being deleted while the site uses it.',
  });
  return stack;
}
