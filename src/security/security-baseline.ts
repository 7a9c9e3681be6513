import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createLogBucket } from '../private/log-bucket';
import { acknowledgeNag } from '../private/nag';
import { profileDefault } from '../private/profile-defaults';
import { checkInteger } from '../private/validation';
import { EnvironmentProfile } from '../profile';

/** Properties of a SecurityBaseline. */
export interface SecurityBaselineProps {
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
  /**
   * Whether to enable GuardDuty (with ECS runtime monitoring) in this account and region; false when
   * your organization enables it centrally (one detector per account and region).
   * @default true
   */
  readonly guardDuty?: boolean;
  /**
   * Whether to create a multi-region CloudTrail trail; false when an organization trail already records this account.
   * @default true
   */
  readonly cloudTrail?: boolean;
  /**
   * Whether to create an AWS Config recorder, its delivery channel and the managed rules; false when
   * Config is enabled centrally (one recorder per account and region).
   * @default true
   */
  readonly awsConfig?: boolean;
  /**
   * How many days trail and Config files are kept in the log bucket.
   * @default - 90 (dev), 365 (staging), 2555 = 7 years (prod); 365 without a profile
   */
  readonly logRetentionDays?: number;
}

/**
 * The account's security services for one region, as reference C turns them on in staging and prod:
 * GuardDuty with ECS runtime monitoring, a CloudTrail trail with log-file validation to an encrypted,
 * access-logged, SSL-only bucket, and an AWS Config recorder with managed rules that check what this
 * library's constructs set by default. Each part can be left out when the organization runs it centrally.
 */
export class SecurityBaseline extends Construct {
  /** The GuardDuty detector, unless `guardDuty` is false. */
  public readonly detector?: guardduty.CfnDetector;
  /** The CloudTrail trail, unless `cloudTrail` is false. */
  public readonly trail?: cloudtrail.Trail;
  /** The bucket of trail and Config files, when either is created. */
  public readonly logBucket?: s3.Bucket;
  /** The AWS Config recorder, unless `awsConfig` is false. */
  public readonly configRecorder?: config.CfnConfigurationRecorder;
  /** The AWS Config managed rules. */
  public readonly configRules: config.ManagedRule[] = [];

  constructor(scope: Construct, id: string, props: SecurityBaselineProps = {}) {
    super(scope, id);
    const profile = props.profile;
    const retentionDays = props.logRetentionDays ?? profileDefault(profile, 365, { dev: 90, prod: 2555 });
    checkInteger(this, 'logRetentionDays', retentionDays, 1, 36500);
    const removalPolicy = profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY });

    if (props.guardDuty ?? true) {
      this.detector = new guardduty.CfnDetector(this, 'Detector', {
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
        features: [{
          name: 'RUNTIME_MONITORING',
          status: 'ENABLED',
          additionalConfiguration: [{ name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' }],
        }],
      });
    }

    const wantsTrail = props.cloudTrail ?? true;
    const wantsConfig = props.awsConfig ?? true;
    if (!wantsTrail && !wantsConfig) return;

    const accessLogs = createLogBucket(this, 'AccessLogBucket', {
      receives: 'the server access logs of the trail and Config bucket',
      expiration: Duration.days(retentionDays),
      removalPolicy,
    });
    const logBucket = createLogBucket(this, 'LogBucket', {
      receives: 'CloudTrail and AWS Config files',
      expiration: Duration.days(retentionDays),
      removalPolicy,
      noncurrentVersionExpiration: Duration.days(30),
      serverAccessLogs: { bucket: accessLogs, prefix: 'log-bucket/' },
    });
    this.logBucket = logBucket;

    if (wantsTrail) {
      this.trail = new cloudtrail.Trail(this, 'Trail', {
        bucket: logBucket,
        enableFileValidation: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
      });
    }
    if (wantsConfig) this.configRecorder = this.createConfig(logBucket);
  }

  private createConfig(bucket: s3.Bucket): config.CfnConfigurationRecorder {
    const role = new iam.Role(this, 'ConfigRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    acknowledgeNag(role, [{
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason: 'AWS_ConfigRole is the policy AWS maintains for the Config recorder: it follows every resource type Config records, which a hand-written policy would miss.',
    }]);
    const recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const sourceAccount = { StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID } };
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [configService], actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucket.bucketArn], conditions: sourceAccount,
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [configService], actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`config/AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)], conditions: sourceAccount,
    }));
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KeyPrefix: 'config',
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.node.addDependency(bucket.policy!);
    channel.node.addDependency(recorder);
    // The library's own defaults, checked across the account: what its constructs set, a drift shows.
    const rules: Array<[string, string]> = [
      ['S3SslOnly', config.ManagedRuleIdentifiers.S3_BUCKET_SSL_REQUESTS_ONLY],
      ['S3NoPublicAccess', config.ManagedRuleIdentifiers.S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED],
      ['VpcFlowLogs', config.ManagedRuleIdentifiers.VPC_FLOW_LOGS_ENABLED],
      ['RdsStorageEncrypted', config.ManagedRuleIdentifiers.RDS_STORAGE_ENCRYPTED],
      ['EcsReadOnlyRoot', config.ManagedRuleIdentifiers.ECS_CONTAINERS_READONLY_ACCESS],
      ['AlbDropInvalidHeaders', config.ManagedRuleIdentifiers.ALB_HTTP_DROP_INVALID_HEADER_ENABLED],
      ['TrailFileValidation', config.ManagedRuleIdentifiers.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED],
    ];
    for (const [id, identifier] of rules) {
      const rule = new config.ManagedRule(this, id, { identifier });
      rule.node.addDependency(recorder);
      this.configRules.push(rule);
    }
    return recorder;
  }
}
