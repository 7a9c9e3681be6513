import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { expectNagClean } from './nag';
import { behavior, build, originOf, TOKYO, zoneOf } from './static-site-fixtures';
import { ApiOrigin, CloudFrontAccess, FargateApiService, FargateApiServiceProps, SecureVpc, StaticSiteWithApiOrigin } from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');

function service(stack: Stack, props: Partial<FargateApiServiceProps> = {}): FargateApiService {
  const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
  return new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, cloudFrontAccess: CloudFrontAccess.vpcOrigin(), ...props });
}

/** Every ingress rule of the load balancer's security group, inline or standalone. */
function albIngress(template: Template): any[] {
  const [, sg] = Object.entries(template.findResources('AWS::EC2::SecurityGroup')).find(([id]) => id.startsWith('ApiLoadBalancerSecurityGroup'))!;
  const standalone = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map((r: any) => r.Properties)
    .filter((p: any) => JSON.stringify(p.GroupId).includes('ApiLoadBalancerSecurityGroup'));
  return [...((sg as any).Properties.SecurityGroupIngress ?? []), ...standalone];
}

describe('CloudFront VPC origin: the load balancer admits only CloudFront', () => {
  test('bound to a site, the ALB admits only CloudFront\'s VPC-origin security group, read at deploy time after the VPC origin; cdk-nag clean', () => {
    const { site, template } = build((stack) => ({ apiOrigin: ApiOrigin.fromFargateApiService(service(stack)) }));
    const ingress = albIngress(template);
    expect(ingress).toEqual([expect.objectContaining({
      FromPort: 80,
      ToPort: 80,
      SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^SiteVpcOriginSecurityGroup/), 'SecurityGroups.0.GroupId'] },
    })]);
    expect(ingress.some((rule) => rule.CidrIp)).toBe(false);
    const [, lookup] = Object.entries(template.findResources('Custom::AWS')).find(([id]) => id.startsWith('SiteVpcOriginSecurityGroup'))!;
    const create = JSON.stringify((lookup as any).Properties.Create);
    expect(create).toContain('describeSecurityGroups');
    expect(create).toContain('CloudFront-VPCOrigins-Service-SG');
    expect(create).toContain('vpc-id');
    expect((lookup as any).DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/VpcOrigin/)]));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ec2:DescribeSecurityGroups', Resource: '*' })]) },
    });
    expectNagClean(site);
  });

  test('an unbound VPC-origin service admits its VPC CIDR on the listener port', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    service(stack);
    const ingress = albIngress(Template.fromStack(stack));
    expect(ingress).toEqual([expect.objectContaining({ FromPort: 80, CidrIp: { 'Fn::GetAtt': [expect.stringMatching(/^NetworkVpc/), 'CidrBlock'] } })]);
  });

  test('an explicit peer is used as given and binding adds nothing', () => {
    const { template } = build((stack) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(stack, { cloudFrontAccess: CloudFrontAccess.vpcOrigin({ peer: ec2.Peer.securityGroupId('sg-0123456789abcdef0') }) })),
    }));
    expect(albIngress(template)).toEqual([expect.objectContaining({ SourceSecurityGroupId: 'sg-0123456789abcdef0' })]);
    template.resourceCountIs('Custom::AWS', 0);
  });

  test('an attached service admits the VPC origin through the service it joined', () => {
    const { template } = build((stack) => {
      const web = service(stack);
      const api = new FargateApiService(stack, 'Back', { vpc: web.loadBalancer.vpc!, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 });
      return { apiOrigin: ApiOrigin.fromFargateApiService(api) };
    });
    expect(albIngress(template)).toEqual([expect.objectContaining({ SourceSecurityGroupId: expect.anything() })]);
  });
});

describe('CloudFront VPC origin: HTTPS to the internal load balancer', () => {
  test('a domain name under the zone: HTTPS on 443 only, reached at that name, no warning; cdk-nag clean', () => {
    const { stack, site, template } = build((s) => ({
      apiOrigin: ApiOrigin.fromFargateApiService(service(s, { domainName: 'origin.example.com', hostedZone: zoneOf(s) })),
    }));
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', HTTPSPort: 443 }),
    });
    expect(originOf(template, behavior(template, '/api/*')).DomainName).toBe('origin.example.com');
    expect(albIngress(template)).toEqual([expect.objectContaining({ FromPort: 443, SourceSecurityGroupId: expect.anything() })]);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Api', Match.stringLikeRegexp('plain HTTP'));
    expectNagClean(site);
  });

  test('without a certificate the hop is plain HTTP, and the service warns', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: TOKYO });
    new StaticSiteWithApiOrigin(stack, 'Site', { apiOrigin: ApiOrigin.fromFargateApiService(service(stack)) });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('over plain HTTP inside the VPC'));
  });
});
