import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { expectNagClean } from './nag';
import { behavior, build, originOf, zoneOf } from './static-site-fixtures';
import { ApiOrigin, CloudFrontAccess, FargateApiService, FargateApiServiceProps, SecureVpc } from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

function service(stack: Stack, props: Partial<FargateApiServiceProps> = {}): FargateApiService {
  const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
  return new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props });
}

describe('StaticSiteWithApiOrigin with a FargateApiService', () => {
  test('CloudFrontAccess.vpcOrigin() is reached through a CloudFront VPC origin', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, { cloudFrontAccess: CloudFrontAccess.vpcOrigin() })),
    }));
    template.resourceCountIs('AWS::CloudFront::VpcOrigin', 1);
    expect(originOf(template, behavior(template, '/api/*')).VpcOriginConfig).toBeDefined();
  });

  test('CloudFrontAccess.prefixListWithSecretHeader() sends the service\'s secret header to its public ALB', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, {
        cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerValue: 'from-the-service', prefixListId: 'pl-58a04531' }),
      })),
    }));
    template.resourceCountIs('AWS::CloudFront::VpcOrigin', 0);
    const origin = originOf(template, behavior(template, '/api/*'));
    expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: 'X-Origin-Verify', HeaderValue: 'from-the-service' }]);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'http-only' });
  });

  test('a service with a certificate and domain name is reached over HTTPS at that name', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, {
        domainName: 'api.example.com',
        hostedZone: zoneOf(stack),
        cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerValue: 'v', prefixListId: 'pl-58a04531' }),
      })),
    }));
    const origin = originOf(template, behavior(template, '/api/*'));
    expect(origin.DomainName).toBe('api.example.com');
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  test('options.domainName names the certificate of a service that has no domainName', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, {
        certificate: acm.Certificate.fromCertificateArn(stack, 'AlbCert', 'arn:aws:acm:ap-northeast-1:111111111111:certificate/alb'),
        cloudFrontAccess: CloudFrontAccess.vpcOrigin(),
      }), { domainName: 'origin.example.com' }),
    }));
    expect(originOf(template, behavior(template, '/api/*')).DomainName).toBe('origin.example.com');
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', { VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) });
  });

  test('refuses a service with a certificate but no name to connect to', () => {
    expect(() => build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, {
        certificate: acm.Certificate.fromCertificateArn(stack, 'AlbCert', 'arn:aws:acm:ap-northeast-1:111111111111:certificate/alb'),
        cloudFrontAccess: CloudFrontAccess.vpcOrigin(),
      })),
    }))).toThrow("StaticSiteWithApiOrigin 'Stack/Site': apiOrigin (api_origin) (ApiOrigin.fromFargateApiService) domainName must be the name on the ALB certificate "
      + 'when CloudFront connects over HTTPS (it cannot validate a certificate for the ALB DNS name); got undefined');
  });

  test('the media bucket is granted to the service\'s task role', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, { cloudFrontAccess: CloudFrontAccess.vpcOrigin() })),
      media: {},
    }));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['s3:PutObject', 's3:AbortMultipartUpload'] })]) },
    });
  });

  test('media.grantApiWrite false grants nothing', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, { cloudFrontAccess: CloudFrontAccess.vpcOrigin() })),
      media: { grantApiWrite: false },
    }));
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements.some((s: any) => [].concat(s.Action).includes('s3:PutObject' as never))).toBe(false);
  });

  test('an internet-facing service without cloudFrontAccess draws a warning', () => {
    const { stack } = build((s) => ({ apiOrigin: ApiOrigin.fromFargateApiService(service(s, { internetFacing: true })) }));
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('bypass CloudFront'));
  });

  test('site + FargateApiService is cdk-nag clean', () => {
    const { site } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, { cloudFrontAccess: CloudFrontAccess.vpcOrigin() })),
      media: {},
    }));
    expectNagClean(site);
  });
});
