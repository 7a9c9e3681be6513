import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IMAGE, ServiceOptions, zone } from './fargate-api-service-fixture';
import { CloudFrontAccess, EnvironmentProfile, FargateApiService, FargateCapacity, SecureVpc } from '../src';

/** The logical ids and replacement-relevant properties of the stateful resources (log group, log bucket). */
function statefulResources(props: (stack: Stack) => ServiceOptions): Record<string, unknown> {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const network = new SecureVpc(stack, 'Network');
  new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, ...props(stack) });
  const template = Template.fromStack(stack);
  const ids: Record<string, unknown> = {};
  for (const type of ['AWS::Logs::LogGroup', 'AWS::S3::Bucket']) {
    for (const [id, resource] of Object.entries(template.findResources(type))) {
      // The WAF's log group exists only where a web ACL is created; its own test is below.
      if (!id.startsWith('Api') || id.startsWith('ApiWaf')) continue;
      // Only the properties whose change replaces the resource (names) matter here.
      ids[id] = { LogGroupName: resource.Properties?.LogGroupName, BucketName: resource.Properties?.BucketName };
    }
  }
  return ids;
}

describe('FargateApiService stability', () => {
  const baseline = statefulResources(() => ({}));

  test('the log group and access-log bucket have stable ids and no physical names', () => {
    expect(baseline).toEqual({
      ApiLogGroup1717FE17: { LogGroupName: undefined, BucketName: undefined },
      ApiAccessLogBucket47540DA5: { LogGroupName: undefined, BucketName: undefined },
    });
  });

  test.each<[string, (stack: Stack) => ServiceOptions]>([
    ['a profile', () => ({ profile: EnvironmentProfile.prod() })],
    ['a dev profile (internal ALB)', () => ({ profile: EnvironmentProfile.dev() })],
    ['HTTPS with a domain', (stack) => ({ domainName: 'api.example.com', hostedZone: zone(stack) })],
    ['CloudFront prefix-list access', () => ({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader() })],
    ['a task size, port and Spot mix', () => ({ cpu: 512, memoryLimitMiB: 2048, containerPort: 3000, capacity: FargateCapacity.spotMix() })],
    ['a retention', () => ({ logRetention: logs.RetentionDays.ONE_YEAR })],
    ['a log encryption key', (stack) => ({ logEncryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) })],
    ['an access-log expiration and prefix', () => ({ accessLogs: { expiration: Duration.days(30), prefix: 'api' } })],
    ['an internal load balancer', () => ({ internetFacing: false })],
    ['ECS Exec', () => ({ enableExecuteCommand: true })],
  ])('%s replaces neither the log group nor the access-log bucket', (_name, props) => {
    expect(statefulResources(props)).toEqual(baseline);
  });

  test('the WAF log group keeps its id when the web ACL rules change', () => {
    const wafLogGroups = (waf: ServiceOptions['waf']) => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const network = new SecureVpc(stack, 'Network');
      new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, waf });
      return Object.keys(Template.fromStack(stack).findResources('AWS::Logs::LogGroup')).filter((id) => id.startsWith('ApiWaf'));
    };
    expect(wafLogGroups(undefined)).toEqual(['ApiWafLogGroupF75201D8']);
    expect(wafLogGroups({ rateLimit: 100, blockedCountries: ['KP'] })).toEqual(wafLogGroups(undefined));
  });
});
