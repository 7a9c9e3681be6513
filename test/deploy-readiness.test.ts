// The deploy-readiness check catches each fault class: every test feeds it a broken assembly and
// expects the named finding (resource, rule, fix).
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { IConstruct } from 'constructs';
import { checkApp, ruleIds, tempApp } from './deploy-readiness-fixture';
import { DeployReadiness, EnvironmentProfile, FargateApiService, NatStrategy, SecureVpc, SecureVpcProps, WebAppBlueprint } from '../src';
import { runCli } from '../src/cli';

const TOKYO = { account: '111111111111', region: 'ap-northeast-1' };
const VIRGINIA = { account: '111111111111', region: 'us-east-1' };

/** A SecureVpc and a FargateApiService pulling its image from ECR, in a stack of a fresh app. */
function service(vpcProps: SecureVpcProps) {
  const app = tempApp();
  const stack = new Stack(app, 'Stack', { env: TOKYO });
  const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], ...vpcProps });
  const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'app');
  const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, image: ecs.ContainerImage.fromEcrRepository(repository, 'v1') });
  return { app, stack, network, api };
}

function remove(construct: IConstruct): void {
  construct.node.scope!.node.tryRemoveChild(construct.node.id);
}

describe('egress', () => {
  test('a NAT instance without a public address: the NAT and the service behind it are named', () => {
    const { app, network } = service({ profile: EnvironmentProfile.dev(), natStrategy: NatStrategy.instance() });
    for (const instance of network.natInstanceProvider!.gatewayInstances) {
      remove(instance.node.findChild('ElasticIp'));
      (instance.node.defaultChild as ec2.CfnInstance).addPropertyOverride('NetworkInterfaces.0.AssociatePublicIpAddress', false);
    }
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual([
      'egress-nat-no-public-address Stack/Network/Vpc/PublicSubnet1/NatInstance/Resource',
      'egress-unreachable Stack/Api/Service/Service',
    ]);
    expect(report.findings[0].fix).toMatch(/Elastic IP/);
    expect(report.findings[1].message).toMatch(/reach ECR, download image layers from S3|reach ECR/);
  });

  test('the dev NAT instance as SecureVpc builds it now is a way out', () => {
    const { app } = service({ profile: EnvironmentProfile.dev() });
    expect(checkApp(app).findings).toEqual([]);
  });

  test('no NAT and no container-image-pull endpoints: the service cannot reach ECR, Logs or Secrets Manager', () => {
    const { app } = service({ natStrategy: NatStrategy.none() });
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['egress-unreachable Stack/Api/Service/Service']);
    expect(report.findings[0].message).toMatch(/no ecr\.api endpoint, ecr\.dkr endpoint, logs endpoint/);
    expect(report.findings[0].fix).toMatch(/endpoints\.containerImagePull/);
  });

  test('no NAT with every endpoint the task needs is a way out; one endpoint missing is named', () => {
    const complete = service({ natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true } });
    expect(checkApp(complete.app).findings).toEqual([]);
    const partial = service({ natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true } });
    remove(partial.network.vpc.node.findChild('LogsEndpoint'));
    const report = checkApp(partial.app);
    expect(ruleIds(report)).toEqual(['egress-unreachable Stack/Api/Service/Service']);
    expect(report.findings[0].message).toMatch(/write logs to CloudWatch Logs: .* no logs endpoint that serves it/);
  });

  test('task security groups that let no HTTPS out', () => {
    const { app, api } = service({});
    (api.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupEgress', [
      { CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 },
    ]);
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['egress-blocked Stack/Api/Service/Service']);
    expect(report.findings[0].message).toMatch(/let no HTTPS \(tcp 443\) out/);
  });

  test('a NAT instance whose security group admits nothing from the VPC', () => {
    const { app, network } = service({ profile: EnvironmentProfile.dev() });
    (network.natInstanceProvider!.securityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyDeletionOverride('SecurityGroupIngress');
    expect(ruleIds(checkApp(app))).toEqual(['egress-blocked Stack/Network/Vpc/PublicSubnet1/NatInstance/Resource']);
  });

  test('interface endpoints whose security group does not admit HTTPS from the tasks do not serve them', () => {
    const { app, network } = service({ natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true } });
    (network.endpointSecurityGroup!.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.0.FromPort', 22);
    (network.endpointSecurityGroup!.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress.0.ToPort', 22);
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['egress-unreachable Stack/Api/Service/Service']);
    expect(report.findings[0].message).toMatch(/no ecr\.api endpoint, ecr\.dkr endpoint, logs endpoint that serves it/);
  });

  test('no S3 gateway endpoint on the route table: image layers are out of reach', () => {
    const { app } = service({ natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true, s3Gateway: false } });
    expect(checkApp(app).findings.map((f) => f.message)).toEqual([expect.stringMatching(/download image layers from S3: .* no s3 endpoint that serves it/)]);
  });
});

describe('references across stacks', () => {
  function split(natStrategy: NatStrategy) {
    const app = tempApp();
    const networkStack = new Stack(app, 'Network', { env: TOKYO });
    const network = new SecureVpc(networkStack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], natStrategy });
    const apiStack = new Stack(app, 'Api', { env: TOKYO });
    const repository = ecr.Repository.fromRepositoryName(apiStack, 'Repository', 'app');
    new FargateApiService(apiStack, 'Api', { vpc: network.vpc, image: ecs.ContainerImage.fromEcrRepository(repository, 'v1') });
    return app;
  }

  test('subnets, route tables and NAT of another stack are followed through its exports', () => {
    expect(checkApp(split(NatStrategy.singleGateway())).findings).toEqual([]);
  });

  test('a service whose subnets, in another stack, have no way out is named', () => {
    const report = checkApp(split(NatStrategy.none()));
    expect(ruleIds(report)).toEqual(['egress-unreachable Api/Api/Service/Service']);
    expect(report.findings[0].message).toMatch(/runs in subnet Network\/Network\/Vpc\/ApplicationSubnet1\/Subnet/);
  });
});

describe('security-group paths', () => {
  test('the task port closed to the load balancer', () => {
    const { app, stack } = service({});
    for (const rule of stack.node.findAll().filter((c) => c instanceof ec2.CfnSecurityGroupIngress)) remove(rule);
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['path-closed Stack/Api/Service/Service']);
    expect(report.findings[0].message).toMatch(/on port 8080, but no ingress rule/);
    expect(report.findings[0].fix).toMatch(/allowFrom\(loadBalancer, ec2\.Port\.tcp\(8080\)\)/);
  });

  test('the load balancer egress to the tasks closed', () => {
    const { app, api } = service({});
    const group = api.loadBalancer.connections.securityGroups[0];
    for (const rule of group.node.findAll().filter((c) => c instanceof ec2.CfnSecurityGroupEgress)) remove(rule);
    // Without any egress rule CloudFormation would allow all: keep aws-cdk-lib's "no egress" placeholder.
    (group.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupEgress', [
      { CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 },
    ]);
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['path-closed Stack/Api/LoadBalancer/Resource']);
    expect(report.findings[0].message).toMatch(/no egress rule of its security groups lets tcp 8080 out to the tasks/);
  });

  test('a task port open to the internet, and another port beside it, are wider than the path', () => {
    const { app, api } = service({});
    api.connections.allowFromAnyIpv4(ec2.Port.tcp(8080));
    api.connections.allowFrom(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(22));
    const report = checkApp(app);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['path-too-wide', 'path-too-wide']);
    expect(report.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/admits tcp 8080 from 0\.0\.0\.0\/0 .* whose only clients are inside the VPC/),
      expect.stringMatching(/admits tcp 22 from 10\.0\.0\.0\/16 .* which needs only tcp 8080/),
    ]);
  });

  test('the database port closed to the service that reads its secret', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Stack', { env: VIRGINIA });
    const blueprint = new WebAppBlueprint(stack, 'App', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'),
      network: { availabilityZones: ['us-east-1a', 'us-east-1b'] },
    });
    const group = blueprint.database!.connections.securityGroups[0];
    for (const rule of group.node.findAll().filter((c) => c instanceof ec2.CfnSecurityGroupIngress)) remove(rule);
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual([expect.stringMatching(/^path-closed Stack\/App\/Database\/Cluster\/Resource$/)]);
    expect(report.findings[0].message).toMatch(/is used by Stack\/App\/Api\/Service\/Service, but no ingress rule .* admits tcp 5432/);
  });

  test('a disabled distribution closes the viewer hop', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Site', { env: VIRGINIA });
    new cloudfront.CfnDistribution(stack, 'Distribution', {
      distributionConfig: { enabled: false, defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only', cachePolicyId: 'id' }, origins: [{ id: 'o', domainName: 'example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }] },
    });
    expect(ruleIds(checkApp(app))).toEqual(['path-closed Site/Distribution']);
  });
});

describe('physical names', () => {
  test('a fixed bucket name collides with a second copy of the app, and two stacks claiming it collide now', () => {
    const app = tempApp();
    for (const id of ['One', 'Two']) new s3.Bucket(new Stack(app, id, { env: TOKYO }), 'Bucket', { bucketName: 'shared-assets' });
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual([
      'name-fixed One/Bucket/Resource',
      'name-duplicate Two/Bucket/Resource',
      'name-fixed Two/Bucket/Resource',
    ]);
    expect(report.findings[1].message).toMatch(/is named 'shared-assets', like One\/Bucket\/Resource/);
    expect(report.findings[0].fix).toMatch(/remove the explicit BucketName/);
  });

  test('a name derived from the stack name, or from a generated one, is safe', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Api', { env: TOKYO });
    new s3.Bucket(stack, 'Bucket', { bucketName: `${stack.stackName.toLowerCase()}-assets` });
    const generated = new s3.Bucket(stack, 'Generated');
    new s3.Bucket(stack, 'Derived', { bucketName: `${generated.bucketName}-copy` });
    expect(checkApp(app).findings).toEqual([]);
  });

  test('a name shortened to a limit counts as derived only when it keeps 12+ leading characters of the stack name and ends in a hash', () => {
    const app = tempApp();
    const stack = new Stack(app, 'AVeryLongStackNameOfTheApp', { env: TOKYO });
    new s3.Bucket(stack, 'Shortened', { bucketName: 'logs-averylongstacknameof-1234abcd' });
    new s3.Bucket(stack, 'TooShort', { bucketName: 'logs-averylong-1234abcd' });
    new s3.Bucket(stack, 'NoHash', { bucketName: 'logs-averylongstacknameof' });
    expect(ruleIds(checkApp(app))).toEqual([
      'name-fixed AVeryLongStackNameOfTheApp/TooShort/Resource',
      'name-fixed AVeryLongStackNameOfTheApp/NoHash/Resource',
    ]);
  });

  test('two stacks exporting one name in one region', () => {
    const app = tempApp();
    for (const id of ['One', 'Two']) {
      const stack = new Stack(app, id, { env: TOKYO });
      new CfnOutput(stack, 'Out', { value: new s3.CfnBucket(stack, 'Bucket').ref, exportName: 'shared-export' });
    }
    expect(ruleIds(checkApp(app))).toEqual([
      'name-fixed One/Outputs/Out',
      'export-duplicate Two/Outputs/Out',
      'name-fixed Two/Outputs/Out',
    ]);
  });

  test('the IMDSv2 launch template aws-cdk-lib names after the construct id', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Stack', { env: TOKYO });
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    new ec2.Instance(stack, 'Bastion', { vpc, instanceType: new ec2.InstanceType('t4g.nano'), machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }), requireImdsv2: true });
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['name-fixed Stack/Bastion/LaunchTemplate']);
    expect(report.findings[0].message).toMatch(/LaunchTemplateName 'BastionLaunchTemplate'/);
  });
});

describe('region-bound resources', () => {
  function distribution(stack: Stack, certificateArn: string, webAclId?: string): void {
    new cloudfront.CfnDistribution(stack, 'Distribution', {
      distributionConfig: {
        enabled: true,
        aliases: ['www.example.com'],
        viewerCertificate: { acmCertificateArn: certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
        webAclId,
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only', cachePolicyId: 'id' },
        origins: [{ id: 'o', domainName: 'example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
      },
    });
  }

  test('a CloudFront certificate outside us-east-1 (a literal ARN)', () => {
    const app = tempApp();
    distribution(new Stack(app, 'Site', { env: TOKYO }), 'arn:aws:acm:ap-northeast-1:111111111111:certificate/abc');
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['region-cloudfront-certificate Site/Distribution']);
    expect(report.findings[0].message).toMatch(/certificate in ap-northeast-1; CloudFront accepts only certificates in us-east-1/);
  });

  test('a CloudFront certificate in us-east-1 is accepted', () => {
    const app = tempApp();
    distribution(new Stack(app, 'Site', { env: TOKYO }), 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
    expect(checkApp(app).findings).toEqual([]);
  });

  test('a CLOUDFRONT-scope web ACL outside us-east-1, and the distribution that uses it', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Site', { env: TOKYO });
    const acl = new wafv2.CfnWebACL(stack, 'WebAcl', {
      scope: 'CLOUDFRONT', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
    });
    distribution(stack, 'arn:aws:acm:us-east-1:111111111111:certificate/abc', acl.attrArn);
    expect(ruleIds(checkApp(app))).toEqual(['region-web-acl Site/Distribution', 'region-web-acl Site/WebAcl']);
  });

  test('a load balancer\'s web ACL must be REGIONAL', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Api', { env: VIRGINIA });
    const loadBalancer = new elbv2.CfnLoadBalancer(stack, 'LoadBalancer', { subnets: ['subnet-1', 'subnet-2'] });
    const visibilityConfig = { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true };
    for (const scope of ['CLOUDFRONT', 'REGIONAL']) {
      const acl = new wafv2.CfnWebACL(stack, `${scope}Acl`, { scope, defaultAction: { allow: {} }, visibilityConfig });
      new wafv2.CfnWebACLAssociation(stack, `${scope}Association`, { resourceArn: loadBalancer.ref, webAclArn: acl.attrArn });
    }
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['region-web-acl Api/CLOUDFRONTAssociation']);
    expect(report.findings[0].message).toMatch(/a load balancer takes only a REGIONAL web ACL of its own region/);
  });

  test('an import of an export made in another region', () => {
    const app = tempApp();
    const producer = new Stack(app, 'Producer', { env: VIRGINIA });
    new CfnOutput(producer, 'Out', { value: new s3.CfnBucket(producer, 'Bucket').ref, exportName: 'Producer-bucket' });
    const consumer = new Stack(app, 'Consumer', { env: TOKYO });
    new s3.CfnBucket(consumer, 'Bucket', { tags: [{ key: 'from', value: 'x' }] }).addPropertyOverride('Tags.0.Value', { 'Fn::ImportValue': 'Producer-bucket' });
    const report = checkApp(app);
    expect(ruleIds(report)).toEqual(['region-reference-unresolved Consumer/Bucket']);
    expect(report.findings[0].message).toMatch(/Fn::ImportValue does not cross regions/);
  });
});

describe('acknowledgements, assertReady and the command line', () => {
  function brokenAssembly(): string {
    const app = tempApp();
    new s3.Bucket(new Stack(app, 'One', { env: TOKYO }), 'Bucket', { bucketName: 'shared-assets' });
    return app.synth().directory;
  }

  test('an acknowledgement with a reason hides the finding of its rule below its path', () => {
    const directory = brokenAssembly();
    const report = DeployReadiness.check(directory, { acknowledgements: [{ ruleId: 'name-fixed', resource: 'One/Bucket', reason: 'one copy per account, by design' }] });
    expect(report.findings).toEqual([]);
    expect(report.acknowledged).toBe(1);
    expect(DeployReadiness.check(directory, { acknowledgements: [{ ruleId: 'name-fixed', resource: 'Other', reason: 'elsewhere' }] }).findings).toHaveLength(1);
    expect(() => DeployReadiness.check(directory, { acknowledgements: [{ ruleId: 'name-fixed', reason: ' ' }] })).toThrow(/acknowledgement of 'name-fixed' needs a reason/);
  });

  test('assertReady throws with the resource, the rule and the fix', () => {
    expect(() => DeployReadiness.assertReady(brokenAssembly())).toThrow(/\[name-fixed\] One\/Bucket\/Resource \(stack One, Bucket83908E77\)\n.*\n {2}fix: remove the explicit BucketName/);
  });

  test('a directory without manifest.json is refused', () => {
    expect(() => DeployReadiness.check(__dirname)).toThrow(/is not a cloud assembly: it has no manifest.json/);
  });

  test('cdk-webapp-patterns check prints the findings and exits 1; a clean assembly exits 0; an unknown command 2', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(runCli(['check', brokenAssembly()])).toBe(1);
      expect(log.mock.calls[0][0]).toMatch(/\[name-fixed\] One\/Bucket\/Resource/);
      const clean = tempApp();
      new s3.Bucket(new Stack(clean, 'Clean', { env: TOKYO }), 'Bucket');
      expect(runCli(['check', clean.synth().directory, '--json'])).toBe(0);
      expect(JSON.parse(log.mock.calls[1][0]).findings).toEqual([]);
      expect(runCli(['deploy'])).toBe(2);
      expect(error.mock.calls[0][0]).toMatch(/unknown command 'deploy'/);
      expect(runCli(['check', '/nonexistent'])).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
