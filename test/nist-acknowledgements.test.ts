// The NIST 800-53 R5 acknowledgements the constructs make: each is made only where it is true, and
// its reason follows the configuration.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { build as buildCluster } from './aurora-cluster-fixture';
import { acknowledgedReasons } from './nag';
import { buildRds } from './rds-database-fixture';
import { build as buildSite } from './static-site-fixtures';
import {
  ApiOrigin, CloudFrontAccess, DatabaseEngine, DeploymentStrategy, FargateApiService, FargateApiServiceProps, FlowLogs, RdsEngine, SecureVpc,
} from '../src';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');
const ALB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

function service(stack: Stack, props: Partial<FargateApiServiceProps>): FargateApiService {
  const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
  return new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props });
}

describe('NIST ALBWAFEnabled: only for a load balancer that only the site\'s distribution, with its web ACL, reaches', () => {
  const prefixList = () => CloudFrontAccess.prefixListWithSecretHeader({ headerValue: 'v', prefixListId: 'pl-58a04531' });

  test('prefix list and secret header behind a site with a web ACL', () => {
    const { template } = buildSite((stack) => ({ apiOrigin: ApiOrigin.fromApiService(service(stack, { cloudFrontAccess: prefixList() })) }));
    const [reason] = acknowledgedReasons(template, 'NIST.800.53.R5-ALBWAFEnabled', ALB);
    expect(reason).toMatch(/^The load balancer admits CloudFront's origin-facing prefix list, and it forwards only requests carrying the secret origin header/);
    expect(reason).toContain('the web ACL of the distribution of Stack/Site');
  });

  test('with a blue/green test listener: the reason names it while it admits the VPC alone, and there is none with testTrafficPeer', () => {
    const withTest = (extra: object) => buildSite((stack) => ({
      apiOrigin: ApiOrigin.fromApiService(service(stack, { cloudFrontAccess: prefixList(), deployment: DeploymentStrategy.blueGreen(), ...extra })),
    })).template;
    const [reason] = acknowledgedReasons(withTest({}), 'NIST.800.53.R5-ALBWAFEnabled', ALB);
    expect(reason).toContain('its blue/green test listener (port 8080) admits only the VPC\'s own CIDR block');
    expect(acknowledgedReasons(withTest({ testTrafficPeer: ec2.Peer.ipv4('203.0.113.10/32') }), 'NIST.800.53.R5-ALBWAFEnabled')).toEqual([]);
  });

  test('a VPC origin behind a site with a web ACL', () => {
    const { template } = buildSite((stack) => ({
      apiOrigin: ApiOrigin.fromApiService(service(stack, { cloudFrontAccess: CloudFrontAccess.vpcOrigin() })),
    }));
    const [reason] = acknowledgedReasons(template, 'NIST.800.53.R5-ALBWAFEnabled', ALB);
    expect(reason).toMatch(/^The load balancer admits only CloudFront VPC origins/);
  });

  test('not with the site\'s WAF turned off, nor for an internet-facing ALB open to all, nor without a site', () => {
    const noWaf = buildSite((stack) => ({
      apiOrigin: ApiOrigin.fromApiService(service(stack, { cloudFrontAccess: prefixList() })),
      waf: { enabled: false },
    }));
    expect(acknowledgedReasons(noWaf.template, 'NIST.800.53.R5-ALBWAFEnabled')).toEqual([]);
    const open = buildSite((stack) => ({ apiOrigin: ApiOrigin.fromApiService(service(stack, { internetFacing: true, waf: { enabled: false } })) }));
    expect(acknowledgedReasons(open.template, 'NIST.800.53.R5-ALBWAFEnabled')).toEqual([]);
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
    service(stack, { cloudFrontAccess: prefixList() });
    expect(acknowledgedReasons(Template.fromStack(stack), 'NIST.800.53.R5-ALBWAFEnabled')).toEqual([]);
  });
});

describe('NIST acknowledgements of SecureVpc', () => {
  test('the route to the internet gateway, on each public subnet\'s default route only', () => {
    const stack = new Stack(new App(), 'Stack');
    new SecureVpc(stack, 'Network');
    const template = Template.fromStack(stack);
    const reasons = acknowledgedReasons(template, 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW', 'AWS::EC2::Route');
    expect(reasons).toHaveLength(2);
    const acknowledgedRoutes = Object.values(template.findResources('AWS::EC2::Route'))
      .filter((r: any) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []).some((s: any) => s.id === 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW'));
    expect(acknowledgedRoutes.every((r: any) => r.Properties.GatewayId !== undefined)).toBe(true);
  });

  test('the flow log role\'s inline grant policy, only with CloudWatch Logs flow logs (an S3 destination has no role)', () => {
    const reasonsOf = (flowLogs?: FlowLogs) => {
      const stack = new Stack(new App(), 'Stack');
      new SecureVpc(stack, 'Network', { flowLogs });
      return acknowledgedReasons(Template.fromStack(stack), 'NIST.800.53.R5-IAMNoInlinePolicy');
    };
    expect(reasonsOf()[0]).toContain('the grants of the VPC flow log delivery');
    expect(reasonsOf(FlowLogs.toS3())).toEqual([]);
  });
});

describe('NIST acknowledgements of the databases', () => {
  test('the MySQL general log: acknowledged for MySQL only, whose audit log is exported instead', () => {
    const general = 'NIST.800.53.R5-RDSLoggingEnabled[LogExport::general]';
    const mysql = buildCluster({ engine: DatabaseEngine.auroraMysql() }).template;
    expect(acknowledgedReasons(mysql, 'NIST.800.53.R5-RDSLoggingEnabled', 'AWS::RDS::DBCluster')).toEqual([expect.stringMatching(/exported audit log records connections, DDL and DCL/)]);
    const cluster = Object.values(mysql.findResources('AWS::RDS::DBCluster'))[0] as any;
    expect(cluster.Metadata.cdk_nag.rules_to_suppress).toContainEqual(expect.objectContaining({ id: general.replace(/\[.*/, ''), appliesTo: ['LogExport::general'] }));
    expect(acknowledgedReasons(buildCluster().template, 'NIST.800.53.R5-RDSLoggingEnabled')).toEqual([]);
    expect(acknowledgedReasons(buildRds({ engine: RdsEngine.mysql() }).template, 'NIST.800.53.R5-RDSLoggingEnabled', 'AWS::RDS::DBInstance')).toHaveLength(1);
    expect(acknowledgedReasons(buildRds().template, 'NIST.800.53.R5-RDSLoggingEnabled')).toEqual([]);
  });

  test('Aurora MySQL exports its audit log: connections, DDL and DCL audited by the cluster parameters', () => {
    const { template } = buildCluster({ engine: DatabaseEngine.auroraMysql() });
    template.hasResourceProperties('AWS::RDS::DBCluster', { EnableCloudwatchLogsExports: ['error', 'slowquery', 'audit'] });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Parameters: { require_secure_transport: 'ON', server_audit_logging: '1', server_audit_events: 'CONNECT,QUERY_DDL,QUERY_DCL' },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: { 'Fn::Join': ['', ['/aws/rds/cluster/', { Ref: Match.anyValue() }, '/audit']] } });
  });

  test('deletion protection and Multi-AZ: the NIST twins carry the AwsSolutions reasons, computed from the configuration', () => {
    const { template } = buildRds({ deletionProtection: false, multiAz: false });
    expect(acknowledgedReasons(template, 'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled', 'AWS::RDS::DBInstance'))
      .toEqual(acknowledgedReasons(template, 'AwsSolutions-RDS10', 'AWS::RDS::DBInstance'));
    expect(acknowledgedReasons(template, 'NIST.800.53.R5-RDSMultiAZSupport', 'AWS::RDS::DBInstance'))
      .toEqual(acknowledgedReasons(template, 'AwsSolutions-RDS3', 'AWS::RDS::DBInstance'));
    expect(acknowledgedReasons(buildRds({ multiAz: true }).template, 'NIST.800.53.R5-RDSMultiAZSupport')).toEqual([]);
  });
});
