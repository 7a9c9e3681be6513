import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { build, IMAGE, ServiceOptions, TOKYO, zone } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { CloudFrontAccess, FargateApiService, SecureVpc } from '../src';

/** GIVEN a stack with a SecureVpc and a hosted zone, WHEN a service is built from props that may need the zone. */
function buildWithZone(props: (stack: Stack) => ServiceOptions) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const network = new SecureVpc(stack, 'Network');
  const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props(stack) });
  return { app, stack, api, template: Template.fromStack(stack) };
}

function certificate(stack: Stack): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:ap-northeast-1:111111111111:certificate/abc');
}

function ingressOf(template: Template): any[] {
  const sg = Object.entries(template.findResources('AWS::EC2::SecurityGroup')).find(([id]) => id.startsWith('ApiLoadBalancerSecurityGroup'))!;
  const inline = (sg[1] as any).Properties.SecurityGroupIngress ?? [];
  const standalone = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map((r: any) => r.Properties)
    .filter((p: any) => JSON.stringify(p.GroupId).includes('ApiLoadBalancerSecurityGroup'));
  return [...inline, ...standalone];
}

describe('FargateApiService load balancer defaults', () => {
  test('internet-facing in the Public subnets, dropping invalid header fields', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: [{ Ref: Match.stringLikeRegexp('NetworkVpcPublicSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcPublicSubnet2') }],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'false' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      ]),
    });
  });

  test('without a certificate: an HTTP listener forwarding to the tasks, and a warning', () => {
    const { stack, template } = build();
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('ApiTargetGroup') } }],
    });
    expect(ingressOf(template)).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 })]);
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('plain HTTP'));
  });

  test('access logs to an encrypted, SSL-only, non-public bucket with a lifecycle rule', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('ApiAccessLogBucket') } },
      ]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 90, Status: 'Enabled' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('in a region-agnostic stack, log delivery is granted to the region ELB account from a mapping', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 's3:PutObject',
          Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::FindInMap': ['Elbv2AccountMap', { Ref: 'AWS::Region' }, 'value'] }])] } },
        })]),
      },
    });
  });

  test('in a stack with a region, log delivery is granted to that region ELB account', () => {
    const { template } = build({}, TOKYO);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 's3:PutObject',
          Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::582318560864:root'])] } },
        })]),
      },
    });
  });

  test('deregistration delay 30 s and no stickiness', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetGroupAttributes: [
        { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
        { Key: 'stickiness.enabled', Value: 'false' },
      ],
    });
  });
});

describe('FargateApiService HTTPS', () => {
  test('a certificate gives an HTTPS listener with a modern TLS policy, and HTTP redirects with 301', () => {
    const { stack, template } = buildWithZone((s) => ({ certificate: certificate(s) }));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: 'arn:aws:acm:ap-northeast-1:111111111111:certificate/abc' }],
      DefaultActions: [Match.objectLike({ Type: 'forward' })],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
    expect(ingressOf(template).map((r) => r.FromPort).sort()).toEqual([443, 80]);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Api', Match.anyValue());
  });

  test('a domain name and hosted zone give a DNS-validated certificate and an alias record; cdk-nag clean', () => {
    const { api, template } = buildWithZone((s) => ({ domainName: 'api.example.com', hostedZone: zone(s) }));
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'api.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'api.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'api.example.com.',
      Type: 'A',
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      AliasTarget: Match.objectLike({ DNSName: Match.anyValue() }),
    });
    template.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Type: 'AAAA' }, 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
    expect(api.domainName).toBe('api.example.com');
    expect(api.certificate).toBeDefined();
    expectNagClean(api);
  });

  test('a domain name with your certificate creates the alias record but no certificate', () => {
    const { template } = buildWithZone((s) => ({ domainName: 'api.example.com', hostedZone: zone(s), certificate: certificate(s) }));
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'A' });
  });

  test('sslPolicy sets the TLS policy', () => {
    const { template } = buildWithZone((s) => ({ certificate: certificate(s), sslPolicy: elbv2.SslPolicy.TLS13_RES }));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });
  });

  test('a dual-stack load balancer gets an AAAA record and admits IPv6', () => {
    const { template } = buildWithZone((s) => ({ domainName: 'api.example.com', hostedZone: zone(s), ipAddressType: elbv2.IpAddressType.DUAL_STACK }));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack' });
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'AAAA' });
    expect(ingressOf(template)).toEqual(expect.arrayContaining([expect.objectContaining({ CidrIpv6: '::/0', FromPort: 443 })]));
  });
});

describe('FargateApiService load balancer options', () => {
  test('internetFacing false: internal, in the tasks subnets, open to the VPC only, no warning', () => {
    const { stack, api, template } = build({ internetFacing: false });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: [{ Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet2') }],
    });
    expect(ingressOf(template)).toEqual([expect.objectContaining({ CidrIp: { 'Fn::GetAtt': [expect.stringMatching(/^NetworkVpc/), 'CidrBlock'] }, FromPort: 80 })]);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Api', Match.anyValue());
    expectNagClean(api);
  });

  test('internetFacing false: EC23 acknowledged for the VPC CIDR intrinsic only, not for a literal CIDR cdk-nag can read', () => {
    const ec23 = (template: Template) => Object.values(template.findResources('AWS::EC2::SecurityGroup'))
      .flatMap((r: any) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []).filter((rule: any) => rule.id === 'AwsSolutions-EC23');
    expect(ec23(build({ internetFacing: false }).template)).toHaveLength(1);

    const stack = new Stack(new App(), 'Stack', { env: TOKYO });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: 'vpc-12345678',
      vpcCidrBlock: '10.1.0.0/16',
      availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
      privateSubnetIds: ['subnet-1', 'subnet-2'],
    });
    const api = new FargateApiService(stack, 'Api', { vpc, image: IMAGE, internetFacing: false });
    const template = Template.fromStack(stack);
    expect(ingressOf(template)).toEqual([expect.objectContaining({ CidrIp: '10.1.0.0/16' })]);
    expect(ec23(template)).toEqual([]);
    expectNagClean(api);
  });

  test('loadBalancerSubnets places the load balancer', () => {
    const { template } = build({ internetFacing: false, loadBalancerSubnets: { subnetGroupName: 'Data' } });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Subnets: [{ Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet1') }, { Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet2') }],
    });
  });

  test('healthCheck fields override the defaults', () => {
    const { template } = build({ healthCheck: { path: '/api/health', interval: Duration.seconds(15), healthyHttpCodes: '200' } });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/api/health',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      Matcher: { HttpCode: '200' },
    });
  });

  test('deregistrationDelay and stickinessDuration (lb_cookie, reference C)', () => {
    const { template } = build({ deregistrationDelay: Duration.seconds(10), stickinessDuration: Duration.days(1) });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetGroupAttributes: Match.arrayWith([
        { Key: 'deregistration_delay.timeout_seconds', Value: '10' },
        { Key: 'stickiness.enabled', Value: 'true' },
        { Key: 'stickiness.type', Value: 'lb_cookie' },
        { Key: 'stickiness.lb_cookie.duration_seconds', Value: '86400' },
      ]),
    });
  });

  test('deletionProtection turns on deletion protection', () => {
    const { template } = build({ deletionProtection: true });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
  });

  test('accessLogs.expiration and prefix', () => {
    const { template } = build({ accessLogs: { expiration: Duration.days(30), prefix: 'api' } });
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] } });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.prefix', Value: 'api' }]),
    });
  });

  test('accessLogs.bucket is used instead of a new bucket', () => {
    const { stack, api, template } = buildWithZone((s) => ({ accessLogs: { bucket: new s3.Bucket(s, 'Logs', { enforceSSL: true }) } }));
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^Logs') } }]),
    });
    expect(api.accessLogBucket).toBe(stack.node.findChild('Logs'));
  });
});

describe('FargateApiService CloudFront-only access', () => {
  test('vpcOrigin: an internal load balancer open to the VPC only; cdk-nag clean', () => {
    const { api, template } = build({ cloudFrontAccess: CloudFrontAccess.vpcOrigin() });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    expect(ingressOf(template)).toHaveLength(1);
    expect(ingressOf(template)[0].CidrIp).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^NetworkVpc/), 'CidrBlock'] });
    expect(api.internetFacing).toBe(false);
    expect(api.cloudFrontAccess?.kind).toBe('VPC_ORIGIN');
    expect(api.originHeaderName).toBeUndefined();
    expectNagClean(api);
  });

  test('vpcOrigin with a peer admits only that peer', () => {
    const { template } = build({ cloudFrontAccess: CloudFrontAccess.vpcOrigin({ peer: ec2.Peer.securityGroupId('sg-0123456789abcdef0') }) });
    expect(ingressOf(template)).toEqual([expect.objectContaining({ SourceSecurityGroupId: 'sg-0123456789abcdef0', FromPort: 80 })]);
  });

  test('prefix list + secret header: CloudFront prefix list only, 403 by default, forward with the header; cdk-nag clean', () => {
    const { api, template } = build({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader() });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' });
    template.hasResourceProperties('Custom::AWS', {
      Create: Match.serializedJson(Match.objectLike({
        service: 'EC2',
        action: 'describeManagedPrefixLists',
        parameters: { Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.global.cloudfront.origin-facing'] }] },
      })),
    });
    expect(ingressOf(template)).toEqual([expect.objectContaining({
      FromPort: 80,
      SourcePrefixListId: { 'Fn::GetAtt': [expect.stringMatching(/^ApiCloudFrontPrefixList/), 'PrefixLists.0.PrefixListId'] },
    })]);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain', MessageBody: 'Forbidden' } }],
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 32 },
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiOriginHeaderKey'), 'Arn'] },
    });
    template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true, PendingWindowInDays: 7 }), DeletionPolicy: 'Delete' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50000,
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('ApiTargetGroup') } }],
      Conditions: [{
        Field: 'http-header',
        HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [{ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('ApiOriginHeaderSecret') }, ':SecretString:::}}']] }] },
      }],
    });
    expect(api.originHeaderName).toBe('X-Origin-Verify');
    expect(Stack.of(api).resolve(api.originHeaderValue)).toEqual({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: expect.stringMatching(/^ApiOriginHeaderSecret/) }, ':SecretString:::}}']] });
    Annotations.fromStack(Stack.of(api)).hasWarning('/Stack/Api', Match.stringLikeRegexp('secret origin header crosses the internet in clear text'));
    expectNagClean(api);
  });

  test('prefix list + secret header with HTTPS listens on 443 only, without a warning', () => {
    const { stack, template } = buildWithZone((s) => ({
      certificate: certificate(s),
      cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(),
    }));
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
    expect(ingressOf(template).map((r) => r.FromPort)).toEqual([443]);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Api', Match.anyValue());
  });

  test.each<[string, (stack: Stack) => ServiceOptions]>([
    ['prefix list + secret header', () => ({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader() })],
    ['a VPC origin', () => ({ cloudFrontAccess: CloudFrontAccess.vpcOrigin() })],
    ['HTTPS with a domain', (stack) => ({ domainName: 'api.example.com', hostedZone: zone(stack) })],
  ])('%s synthesizes in a stack with an account and region without any AWS lookup', (_name, props) => {
    // The VPC's own availability-zone lookup is answered from context, as cdk.context.json would.
    const azs = `availability-zones:account=${TOKYO.account}:region=${TOKYO.region}`;
    const app = new App({ context: { [azs]: ['ap-northeast-1a', 'ap-northeast-1c'] } });
    const stack = new Stack(app, 'Stack', { env: TOKYO });
    const network = new SecureVpc(stack, 'Network');
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props(stack) });
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  test('a header name, value and prefix list id you give are used as given, with no lookup or secret', () => {
    const { api, template } = build({
      cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerName: 'X-From-CloudFront', headerValue: 'abc123', prefixListId: 'pl-58a04531' }),
    });
    template.resourceCountIs('Custom::AWS', 0);
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(ingressOf(template)).toEqual([expect.objectContaining({ SourcePrefixListId: 'pl-58a04531' })]);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-From-CloudFront', Values: ['abc123'] } }],
    });
    expect(api.originHeaderValue).toBe('abc123');
  });
});

describe('FargateApiService behind another service\'s listener', () => {
  function buildPair(first: ServiceOptions = {}) {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE, containerPort: 3000, ...first });
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, containerPort: 3001, attachTo: web, pathPatterns: ['/api/*'], priority: 10 });
    return { web, api, template: Template.fromStack(stack) };
  }

  test('joins the listener with a path rule, shares the load balancer and cluster (reference C)', () => {
    const { web, api, template } = buildPair();
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: Match.stringLikeRegexp('WebLoadBalancerHttpListener') },
      Priority: 10,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('ApiTargetGroup') } }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 3001,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebLoadBalancerSecurityGroup'), 'GroupId'] },
    });
    expect(api.loadBalancer).toBe(web.loadBalancer);
    expect(api.listener).toBe(web.listener);
    expect(api.cluster).toBe(web.cluster);
    expect(api.accessLogBucket).toBeUndefined();
    expectNagClean(api);
  });

  test('behind the secret-header rule, the path rule also requires the header', () => {
    const { api, template } = buildPair({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerValue: 'abc123', prefixListId: 'pl-58a04531' }) });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 10,
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: ['abc123'] } },
      ],
    });
    expect(api.originHeaderValue).toBe('abc123');
    expect(api.internetFacing).toBe(true);
  });
});
