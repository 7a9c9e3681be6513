// The checked-in price table of the cost estimate: AWS list prices (USD, on-demand, Linux, no free
// tier, no Savings Plans) per region. A .ts data module so that it ships in lib/ with the compiled code.
//
// Every price carries the AWS pricing page it comes from and how it was checked. This machine has no
// internet access: the us-east-1 figures marked "cross-checked" were compared with third-party pages
// that quote the AWS page (search corpus, 2026) on 2026-12-01; the others are AWS list prices as of
// 2026-12-01 from the page named, not re-confirmed offline. Update a price by editing its entry and
// the `AS_OF` date; the tests read prices from this table, never from literals.

/** One price: USD per `unit`, with its source. */
export interface Price {
  readonly usd: number;
  /** The unit the price is per, e.g. `hour`, `GB-month`. */
  readonly unit: string;
  /** The AWS pricing page. */
  readonly source: string;
  /** How the figure was checked. */
  readonly checked: string;
}

/** The date of the price table. */
export const AS_OF = '2026-12-01';

const LIST = `list price as of ${AS_OF}, not re-confirmed offline`;
const CROSS = `list price as of ${AS_OF}, cross-checked with third-party copies of the AWS page (2026)`;

const VPC = 'https://aws.amazon.com/vpc/pricing/';
const PRIVATELINK = 'https://aws.amazon.com/privatelink/pricing/';
const ELB = 'https://aws.amazon.com/elasticloadbalancing/pricing/';
const FARGATE = 'https://aws.amazon.com/fargate/pricing/';
const EC2 = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const EBS = 'https://aws.amazon.com/ebs/pricing/';
const AURORA = 'https://aws.amazon.com/rds/aurora/pricing/';
const RDS = 'https://aws.amazon.com/rds/mysql/pricing/';
const KMS = 'https://aws.amazon.com/kms/pricing/';
const SECRETS = 'https://aws.amazon.com/secrets-manager/pricing/';
const WAF = 'https://aws.amazon.com/waf/pricing/';
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/';
const ROUTE53 = 'https://aws.amazon.com/route53/pricing/';
const BACKUP = 'https://aws.amazon.com/backup/pricing/';
const AMPLIFY = 'https://aws.amazon.com/amplify/pricing/';

function p(usd: number, unit: string, source: string, checked = LIST): Price {
  return { usd, unit, source, checked };
}

/** Prices that are the same in every region of the table (global or uniform list prices). */
function uniform(): Record<string, Price> {
  return {
    publicIpv4Hour: p(0.005, 'hour', VPC, CROSS),
    kmsKeyMonth: p(1, 'key-month', KMS),
    secretMonth: p(0.4, 'secret-month', SECRETS),
    wafWebAclMonth: p(5, 'web ACL-month', WAF),
    wafRuleMonth: p(1, 'rule-month', WAF),
    cloudwatchAlarmMonth: p(0.1, 'alarm-month', CLOUDWATCH),
    cloudwatchDashboardMonth: p(3, 'dashboard-month', CLOUDWATCH),
    route53ZoneMonth: p(0.5, 'hosted zone-month', ROUTE53),
    albLcuHour: p(0.008, 'LCU-hour', ELB),
  };
}

/** Prices by region, then by item key (e.g. `natGatewayHour`, `ec2:t4g.nano`, `rds:db.t3.micro`). */
export const PRICES: Record<string, Record<string, Price>> = {
  'us-east-1': {
    ...uniform(),
    'natGatewayHour': p(0.045, 'hour', VPC, CROSS),
    'interfaceEndpointAzHour': p(0.01, 'AZ-hour', PRIVATELINK, CROSS),
    'albHour': p(0.0225, 'hour', ELB),
    'nlbHour': p(0.0225, 'hour', ELB),
    'fargateVcpuHour': p(0.04048, 'vCPU-hour', FARGATE, CROSS),
    'fargateGbHour': p(0.004445, 'GB-hour', FARGATE, CROSS),
    'fargateArmVcpuHour': p(0.03238, 'vCPU-hour', FARGATE, CROSS),
    'fargateArmGbHour': p(0.00356, 'GB-hour', FARGATE, CROSS),
    'ec2:t4g.nano': p(0.0042, 'hour', EC2),
    'ec2:t4g.micro': p(0.0084, 'hour', EC2),
    'ec2:t4g.small': p(0.0168, 'hour', EC2),
    'ec2:t4g.medium': p(0.0336, 'hour', EC2),
    'ec2:t3.nano': p(0.0052, 'hour', EC2),
    'ec2:t3.micro': p(0.0104, 'hour', EC2),
    'ec2:t3.small': p(0.0208, 'hour', EC2),
    'ec2:t3.medium': p(0.0416, 'hour', EC2),
    'ec2:t3.large': p(0.0832, 'hour', EC2),
    'ec2:m7g.large': p(0.0816, 'hour', EC2),
    'ec2:c7g.large': p(0.0725, 'hour', EC2),
    'ebsGp3GbMonth': p(0.08, 'GB-month', EBS),
    'ebsGp2GbMonth': p(0.1, 'GB-month', EBS),
    'auroraAcuHour': p(0.12, 'ACU-hour', AURORA, CROSS),
    'auroraStorageGbMonth': p(0.1, 'GB-month', AURORA, CROSS),
    'aurora:db.t4g.medium': p(0.073, 'hour', AURORA),
    'aurora:db.t3.medium': p(0.082, 'hour', AURORA),
    'aurora:db.r6g.large': p(0.26, 'hour', AURORA),
    'aurora:db.r7g.large': p(0.276, 'hour', AURORA),
    'rds:db.t3.micro': p(0.017, 'hour', RDS),
    'rds:db.t4g.micro': p(0.016, 'hour', RDS),
    'rds:db.t3.small': p(0.034, 'hour', RDS),
    'rds:db.t4g.small': p(0.032, 'hour', RDS),
    'rdsStorageGbMonth': p(0.115, 'GB-month', RDS),
    'cloudwatchLogIngestGb': p(0.5, 'GB', CLOUDWATCH),
    'backupStorageGbMonth': p(0.095, 'GB-month', BACKUP),
    'amplifyStorageGbMonth': p(0.023, 'GB-month', AMPLIFY),
    'amplifyBuildMinute': p(0.01, 'build minute', AMPLIFY),
  },
  'ap-northeast-1': {
    ...uniform(),
    'natGatewayHour': p(0.062, 'hour', VPC),
    'interfaceEndpointAzHour': p(0.014, 'AZ-hour', PRIVATELINK),
    'albHour': p(0.0243, 'hour', ELB),
    'nlbHour': p(0.0243, 'hour', ELB),
    'fargateVcpuHour': p(0.05056, 'vCPU-hour', FARGATE),
    'fargateGbHour': p(0.00553, 'GB-hour', FARGATE),
    'fargateArmVcpuHour': p(0.04045, 'vCPU-hour', FARGATE),
    'fargateArmGbHour': p(0.00442, 'GB-hour', FARGATE),
    'ec2:t4g.nano': p(0.0054, 'hour', EC2),
    'ec2:t4g.micro': p(0.0108, 'hour', EC2),
    'ec2:t4g.small': p(0.0216, 'hour', EC2),
    'ec2:t4g.medium': p(0.0432, 'hour', EC2),
    'ec2:t3.nano': p(0.0068, 'hour', EC2),
    'ec2:t3.micro': p(0.0136, 'hour', EC2),
    'ec2:t3.small': p(0.0272, 'hour', EC2),
    'ec2:t3.medium': p(0.0544, 'hour', EC2),
    'ec2:t3.large': p(0.1088, 'hour', EC2),
    'ec2:m7g.large': p(0.1047, 'hour', EC2),
    'ec2:c7g.large': p(0.0911, 'hour', EC2),
    'ebsGp3GbMonth': p(0.096, 'GB-month', EBS),
    'ebsGp2GbMonth': p(0.12, 'GB-month', EBS),
    'auroraAcuHour': p(0.15, 'ACU-hour', AURORA),
    'auroraStorageGbMonth': p(0.12, 'GB-month', AURORA),
    'aurora:db.t4g.medium': p(0.113, 'hour', AURORA),
    'aurora:db.t3.medium': p(0.125, 'hour', AURORA),
    'aurora:db.r6g.large': p(0.313, 'hour', AURORA),
    'aurora:db.r7g.large': p(0.332, 'hour', AURORA),
    'rds:db.t3.micro': p(0.026, 'hour', RDS),
    'rds:db.t4g.micro': p(0.025, 'hour', RDS),
    'rds:db.t3.small': p(0.052, 'hour', RDS),
    'rds:db.t4g.small': p(0.05, 'hour', RDS),
    'rdsStorageGbMonth': p(0.138, 'GB-month', RDS),
    'cloudwatchLogIngestGb': p(0.76, 'GB', CLOUDWATCH),
    'backupStorageGbMonth': p(0.114, 'GB-month', BACKUP),
    'amplifyStorageGbMonth': p(0.023, 'GB-month', AMPLIFY),
    'amplifyBuildMinute': p(0.01, 'build minute', AMPLIFY),
  },
  // The regions the examples copy backups to (reference B: Osaka; reference E: Oregon).
  'ap-northeast-3': {
    ...uniform(),
    natGatewayHour: p(0.062, 'hour', VPC),
    backupStorageGbMonth: p(0.114, 'GB-month', BACKUP),
    auroraStorageGbMonth: p(0.12, 'GB-month', AURORA),
    cloudwatchLogIngestGb: p(0.76, 'GB', CLOUDWATCH),
  },
  'us-west-2': {
    ...uniform(),
    natGatewayHour: p(0.045, 'hour', VPC),
    interfaceEndpointAzHour: p(0.01, 'AZ-hour', PRIVATELINK),
    albHour: p(0.0225, 'hour', ELB),
    fargateVcpuHour: p(0.04048, 'vCPU-hour', FARGATE),
    fargateGbHour: p(0.004445, 'GB-hour', FARGATE),
    fargateArmVcpuHour: p(0.03238, 'vCPU-hour', FARGATE),
    fargateArmGbHour: p(0.00356, 'GB-hour', FARGATE),
    auroraAcuHour: p(0.12, 'ACU-hour', AURORA),
    auroraStorageGbMonth: p(0.1, 'GB-month', AURORA),
    backupStorageGbMonth: p(0.095, 'GB-month', BACKUP),
    cloudwatchLogIngestGb: p(0.5, 'GB', CLOUDWATCH),
  },
};

/**
 * Fargate Spot's discount on the on-demand price. Spot prices move with spare capacity; AWS's Fargate
 * pricing page (https://aws.amazon.com/fargate/pricing/, as of 2026-12-01) quotes "up to 70%".
 */
export const FARGATE_SPOT_DISCOUNT = 0.7;
