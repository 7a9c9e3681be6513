import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { expectNagClean } from './nag';
import { EnvironmentProfile, SecurityBaseline, SecurityBaselineProps } from '../src';

function build(props: SecurityBaselineProps = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
  const baseline = new SecurityBaseline(stack, 'Baseline', props);
  return { stack, baseline, template: Template.fromStack(stack) };
}

describe('SecurityBaseline', () => {
  test('GuardDuty with ECS Fargate runtime monitoring', () => {
    build().template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      Features: [{ Name: 'RUNTIME_MONITORING', Status: 'ENABLED', AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }] }],
    });
  });

  test('a multi-region trail with log-file validation to an encrypted, versioned, access-logged, SSL-only bucket', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      EnableLogFileValidation: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      S3BucketName: { Ref: Match.stringLikeRegexp('^BaselineLogBucket') },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^BaselineAccessLogBucket') }, LogFilePrefix: 'log-bucket/' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const policy: any = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .find((p: any) => JSON.stringify(p.Properties.Bucket).includes('BaselineLogBucket'));
    const statements = JSON.stringify(policy.Properties.PolicyDocument.Statement);
    expect(statements).toContain('aws:SecureTransport');
    expect(statements).toContain('cloudtrail.amazonaws.com');
    expect(statements).toContain('config.amazonaws.com');
  });

  test('an AWS Config recorder of every resource, its delivery channel and the managed rules of the library defaults', () => {
    const { template, baseline } = build();
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true } });
    template.hasResourceProperties('AWS::Config::DeliveryChannel', { S3KeyPrefix: 'config' });
    const identifiers = Object.values(template.findResources('AWS::Config::ConfigRule')).map((r: any) => r.Properties.Source.SourceIdentifier).sort();
    expect(identifiers).toEqual([
      'ALB_HTTP_DROP_INVALID_HEADER_ENABLED', 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'ECS_CONTAINERS_READONLY_ACCESS',
      'RDS_STORAGE_ENCRYPTED', 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'S3_BUCKET_SSL_REQUESTS_ONLY', 'VPC_FLOW_LOGS_ENABLED',
    ]);
    const rules = Object.values(template.findResources('AWS::Config::ConfigRule')) as any[];
    expect(rules.every((r) => (r.DependsOn ?? []).some((d: string) => d.startsWith('BaselineRecorder')))).toBe(true);
    expect(baseline.configRules).toHaveLength(7);
  });

  test.each([
    ['dev', EnvironmentProfile.dev(), 90, 'Delete'],
    ['staging', EnvironmentProfile.staging(), 365, 'Retain'],
    ['prod', EnvironmentProfile.prod(), 2555, 'Retain'],
  ])('%s profile: files kept %d days, bucket %s on removal', (_name, profile, days, policy) => {
    const { template } = build({ profile });
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' }, LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: days })] } }),
      DeletionPolicy: policy,
    });
  });

  test('each part can be left out', () => {
    const none = build({ guardDuty: false, cloudTrail: false, awsConfig: false });
    expect(Object.keys(none.template.toJSON().Resources ?? {})).toEqual([]);
    const trailOnly = build({ guardDuty: false, awsConfig: false }).template;
    trailOnly.resourceCountIs('AWS::CloudTrail::Trail', 1);
    trailOnly.resourceCountIs('AWS::GuardDuty::Detector', 0);
    trailOnly.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    const configOnly = build({ guardDuty: false, cloudTrail: false }).template;
    configOnly.resourceCountIs('AWS::CloudTrail::Trail', 0);
    configOnly.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
  });

  test('logRetentionDays is written and refused below 1', () => {
    build({ logRetentionDays: 30 }).template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' }, LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30 })] },
    });
    expect(() => build({ logRetentionDays: 0 })).toThrow("SecurityBaseline 'Stack/Baseline': logRetentionDays (log_retention_days) must be a whole number between 1 and 36500; got 0");
  });

  test('cdk-nag clean', () => {
    expectNagClean(build().baseline);
  });
});
