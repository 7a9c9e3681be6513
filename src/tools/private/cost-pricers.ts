import { AssemblyModel, ModelResource } from './assembly-model';
import { FARGATE_SPOT_DISCOUNT, Price, PRICES } from './price-table';
import { launchTemplateOf } from './workloads';

/** The assumptions every pricer works under. */
export interface PricingAssumptions {
  readonly hoursPerMonth: number;
  readonly lcuPerLoadBalancer: number;
  readonly logIngestionGbPerLogGroup: number;
  readonly databaseStorageGb: number;
  readonly backupStorageGb: number;
}

/** One priced line before it is attached to its stack and construct. */
export interface PricedLine {
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly assumption?: string;
  readonly source: string;
  /** The region the price is of, when it is not the resource's own (e.g. a backup copy). */
  readonly region?: string;
}

/** What a pricer says about one resource. */
export type PricingResult =
  | { readonly kind: 'priced'; readonly lines: PricedLine[] }
  | { readonly kind: 'usage'; readonly note: string }
  | { readonly kind: 'unpriced'; readonly reason: string };

/** Looks prices up in the table for one region and remembers the first one missing. */
export class PriceBook {
  constructor(public readonly region: string) {}

  /** The price of `key` in `region` (default: the stack's), or throws MissingPrice. */
  public get(key: string, region = this.region): Price {
    const price = PRICES[region]?.[key];
    if (!price) throw new MissingPrice(PRICES[region] ? `no price for '${key}' in ${region} in the price table` : `the price table has no region ${region}`);
    return price;
  }
}

/** Thrown by PriceBook.get: the resource becomes unpriced with this reason. */
export class MissingPrice extends Error {}

export interface PricerContext {
  readonly model: AssemblyModel;
  readonly prices: PriceBook;
  readonly assumptions: PricingAssumptions;
}

type Pricer = (resource: ModelResource, context: PricerContext) => PricingResult;

function line(price: Price, description: string, quantity: number, assumption?: string, region?: string): PricedLine {
  return { description, quantity, unit: price.unit, unitPrice: price.usd, assumption, source: price.source, region };
}

function priced(...lines: PricedLine[]): PricingResult {
  return { kind: 'priced', lines };
}

function unpriced(reason: string): PricingResult {
  return { kind: 'unpriced', reason };
}

/** A number from a template value when it is a literal, else undefined. */
function num(context: PricerContext, resource: ModelResource, value: unknown): number | undefined {
  const text = context.model.literal(resource.stack, value);
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function str(context: PricerContext, resource: ModelResource, value: unknown): string | undefined {
  return context.model.literal(resource.stack, value);
}

const hours = (c: PricerContext) => c.assumptions.hoursPerMonth;
const hoursNote = (c: PricerContext) => `${c.assumptions.hoursPerMonth} h/month`;

function hourly(key: string, description: string): Pricer {
  return (_r, c) => priced(line(c.prices.get(key), description, hours(c), hoursNote(c)));
}

function monthly(key: string, description: string): Pricer {
  return (_r, c) => priced(line(c.prices.get(key), description, 1));
}

/** EC2 instance hours of `instanceType` times `count`, plus their gp3/gp2 root volumes. */
function instanceLines(
  c: PricerContext, instanceType: string | undefined, count: number, blockDevices: any[] | undefined, what: string, note?: string,
): PricingResult {
  if (!instanceType) return unpriced('its instance type is not a literal in the template');
  const lines = [line(c.prices.get(`ec2:${instanceType}`), `${count} x ${instanceType} ${what}`, count * hours(c), note ?? `${count} instance(s) x ${hoursNote(c)}`)];
  const volumes = (blockDevices ?? []).filter((d) => d?.Ebs);
  for (const d of volumes) {
    const size = Number(d.Ebs.VolumeSize ?? 8);
    const type = d.Ebs.VolumeType === 'gp2' ? 'ebsGp2GbMonth' : 'ebsGp3GbMonth';
    lines.push(line(c.prices.get(type), `${size} GB ${d.Ebs.VolumeType ?? 'gp3'} volume x ${count}`, size * count));
  }
  if (volumes.length === 0) {
    lines.push(line(c.prices.get('ebsGp3GbMonth'), `root volume x ${count}`, 8 * count, 'AMI root volume assumed 8 GB gp3 (not in the template)'));
  }
  return priced(...lines);
}

/** The minimum of the Application Auto Scaling target of an ECS service, if any. */
function scalingMinimum(c: PricerContext, service: ModelResource): number | undefined {
  for (const target of c.model.resources('AWS::ApplicationAutoScaling::ScalableTarget')) {
    if (target.properties.ScalableDimension !== 'ecs:service:DesiredCount') continue;
    if (!c.model.referencedResources(target, target.properties.ResourceId).includes(service)) continue;
    return num(c, target, target.properties.MinCapacity);
  }
  return undefined;
}

/** The share of a service's tasks that run on FARGATE_SPOT, from its capacity provider strategy. */
function spotShare(c: PricerContext, service: ModelResource, tasks: number): number {
  const strategy: any[] = service.properties.CapacityProviderStrategy ?? [];
  if (strategy.length === 0 || tasks === 0) return 0;
  let remaining = tasks;
  let spot = 0;
  for (const s of strategy) {
    const base = Math.min(Number(s.Base ?? 0), remaining);
    if (str(c, service, s.CapacityProvider) === 'FARGATE_SPOT') spot += base;
    remaining -= base;
  }
  const weights = strategy.map((s) => Number(s.Weight ?? 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total > 0) {
    strategy.forEach((s, i) => {
      if (str(c, service, s.CapacityProvider) === 'FARGATE_SPOT') spot += remaining * weights[i] / total;
    });
  }
  return spot / tasks;
}

function isFargate(c: PricerContext, service: ModelResource): boolean {
  if (service.properties.LaunchType === 'FARGATE') return true;
  const strategy: any[] = service.properties.CapacityProviderStrategy ?? [];
  return strategy.length > 0 && strategy.every((s) => ['FARGATE', 'FARGATE_SPOT'].includes(str(c, service, s.CapacityProvider) ?? ''));
}

const ecsService: Pricer = (service, c) => {
  if (!isFargate(c, service)) return { kind: 'usage', note: 'runs on EC2 capacity, priced at its Auto Scaling group' };
  const taskDefinition = c.model.target(service.stack, service.properties.TaskDefinition);
  if (!taskDefinition) return unpriced('its task definition is not in the assembly');
  const cpu = num(c, taskDefinition, taskDefinition.properties.Cpu);
  const memory = num(c, taskDefinition, taskDefinition.properties.Memory);
  if (cpu === undefined || memory === undefined) return unpriced('the task size (Cpu, Memory) is not a literal');
  const minimum = scalingMinimum(c, service);
  const desired = num(c, service, service.properties.DesiredCount) ?? 1;
  const tasks = minimum ?? desired;
  const countNote = minimum !== undefined ? `${tasks} task(s): the auto-scaling minimum` : `${tasks} task(s): the desired count`;
  const arm = taskDefinition.properties.RuntimePlatform?.CpuArchitecture === 'ARM64';
  const vcpu = c.prices.get(arm ? 'fargateArmVcpuHour' : 'fargateVcpuHour');
  const gb = c.prices.get(arm ? 'fargateArmGbHour' : 'fargateGbHour');
  const spot = spotShare(c, service, tasks);
  const factor = 1 - spot * FARGATE_SPOT_DISCOUNT;
  const spotNote = spot > 0 ? `; ${Math.round(spot * 100)}% on Fargate Spot at ${FARGATE_SPOT_DISCOUNT * 100}% off (Spot prices vary)` : '';
  const arch = arm ? 'ARM64' : 'x86_64';
  const taskHours = tasks * hours(c);
  const note = `${countNote} x ${hoursNote(c)}${spotNote}`;
  return priced(
    { ...line(vcpu, `Fargate ${arch} vCPU (${cpu / 1024} vCPU per task)`, taskHours * cpu / 1024, note), unitPrice: vcpu.usd * factor },
    { ...line(gb, `Fargate ${arch} memory (${memory / 1024} GB per task)`, taskHours * memory / 1024, note), unitPrice: gb.usd * factor },
  );
};

const loadBalancer: Pricer = (lb, c) => {
  const type = lb.properties.Type ?? 'application';
  if (type !== 'application' && type !== 'network') return unpriced(`load balancer type '${type}' is not in the price table`);
  const lines = [
    line(c.prices.get(type === 'application' ? 'albHour' : 'nlbHour'), `${type} load balancer hours`, hours(c), hoursNote(c)),
    line(c.prices.get('albLcuHour'), 'capacity units (LCU)', c.assumptions.lcuPerLoadBalancer * hours(c), `${c.assumptions.lcuPerLoadBalancer} LCU on average (idle traffic)`),
  ];
  if (lb.properties.Scheme !== 'internal') {
    const azs = (lb.properties.Subnets ?? lb.properties.SubnetMappings ?? []).length || 2;
    lines.push(line(c.prices.get('publicIpv4Hour'), `public IPv4 addresses (one per AZ, ${azs} AZs)`, azs * hours(c), `internet-facing: ${azs} address(es) x ${hoursNote(c)}`));
  }
  return priced(...lines);
};

/** The cluster of an Aurora instance, when the instance belongs to one in the assembly. */
function clusterOf(c: PricerContext, instance: ModelResource): ModelResource | undefined {
  const id = instance.properties.DBClusterIdentifier;
  return id === undefined ? undefined : c.model.target(instance.stack, id);
}

const dbInstance: Pricer = (instance, c) => {
  const instanceClass = str(c, instance, instance.properties.DBInstanceClass);
  if (!instanceClass) return unpriced('its DBInstanceClass is not a literal');
  const cluster = clusterOf(c, instance);
  if (instanceClass === 'db.serverless') {
    const min = Number(cluster?.properties.ServerlessV2ScalingConfiguration?.MinCapacity ?? 0.5);
    const note = min === 0 ? 'minimum 0 ACU: the database pauses when idle' : `minimum ${min} ACU all month (idle)`;
    return priced(line(c.prices.get('auroraAcuHour'), `Aurora Serverless v2 capacity (min ${min} ACU)`, min * hours(c), `${note}; ${hoursNote(c)}`));
  }
  const engine = String(instance.properties.Engine ?? cluster?.properties.Engine ?? '');
  if (engine.startsWith('aurora')) {
    return priced(line(c.prices.get(`aurora:${instanceClass}`), `Aurora instance ${instanceClass}`, hours(c), hoursNote(c)));
  }
  const multiAz = String(instance.properties.MultiAZ) === 'true';
  const copies = multiAz ? 2 : 1;
  const storage = num(c, instance, instance.properties.AllocatedStorage) ?? 20;
  const az = multiAz ? ' (Multi-AZ: primary + standby)' : '';
  return priced(
    line(c.prices.get(`rds:${instanceClass}`), `RDS instance ${instanceClass}${az}`, copies * hours(c), `${copies} instance(s) x ${hoursNote(c)}`),
    line(c.prices.get('rdsStorageGbMonth'), `RDS storage ${storage} GB${az}`, storage * copies),
  );
};

const dbCluster: Pricer = (cluster, c) => {
  if (!String(cluster.properties.Engine ?? '').startsWith('aurora')) return unpriced('a Multi-AZ DB cluster (non-Aurora) is not in the price table');
  const gb = c.assumptions.databaseStorageGb;
  return priced(line(c.prices.get('auroraStorageGbMonth'), 'Aurora storage', gb, `${gb} GB stored (a new database); I/O requests not counted (idle)`));
};

const interfaceEndpoint: Pricer = (endpoint, c) => {
  if ((endpoint.properties.VpcEndpointType ?? 'Gateway') !== 'Interface') return priced();
  const azs = (endpoint.properties.SubnetIds ?? []).length;
  if (azs === 0) return unpriced('its subnets are not listed in the template');
  const service = str(c, endpoint, endpoint.properties.ServiceName)?.split('.').slice(3).join('.') ?? 'interface';
  return priced(line(c.prices.get('interfaceEndpointAzHour'), `interface endpoint ${service} in ${azs} AZ(s)`, azs * hours(c), `${azs} AZ(s) x ${hoursNote(c)}; no data processed`));
};

const webAcl: Pricer = (acl, c) => {
  const rules = (acl.properties.Rules ?? []).length;
  return priced(
    line(c.prices.get('wafWebAclMonth'), 'WAF web ACL', 1),
    line(c.prices.get('wafRuleMonth'), `WAF rules (${rules})`, rules, 'no requests (idle traffic)'),
  );
};

const autoScalingGroup: Pricer = (group, c) => {
  const p = group.properties;
  const min = num(c, group, p.MinSize);
  if (min === undefined) return unpriced('its MinSize is not a literal');
  const template = launchTemplateOf(c.model, group);
  const data = template?.properties.LaunchTemplateData;
  const config = c.model.target(group.stack, p.LaunchConfigurationName);
  const override = p.MixedInstancesPolicy?.LaunchTemplate?.Overrides?.[0]?.InstanceType;
  const instanceType = override !== undefined ? str(c, group, override)
    : data ? str(c, template!, data.InstanceType) : config ? str(c, config, config.properties.InstanceType) : undefined;
  // ECS managed scaling starts an instance for a service's tasks even when the group's minimum is 0.
  const groupsOf = (service: ModelResource) => (service.properties.CapacityProviderStrategy ?? [])
    .map((s: any) => c.model.target(service.stack, s.CapacityProvider))
    .map((cp?: ModelResource) => cp && c.model.target(cp.stack, cp.properties.AutoScalingGroupProvider?.AutoScalingGroupArn));
  const backsService = min === 0 && c.model.resources('AWS::ECS::Service').some((service) => groupsOf(service).includes(group));
  const count = backsService ? 1 : min;
  const notes = [backsService ? 'minimum 0, but ECS managed scaling runs 1 instance for the services\' tasks' : `${count} instance(s): the group's minimum size`];
  if (p.MixedInstancesPolicy?.InstancesDistribution) notes.push('Spot instances priced at on-demand (an upper bound: EC2 Spot prices vary)');
  return instanceLines(c, instanceType, count, data?.BlockDeviceMappings ?? config?.properties.BlockDeviceMappings, '(Auto Scaling group)',
    `${notes.join('; ')}; ${hoursNote(c)}`);
};

const instance: Pricer = (r, c) => {
  const result = instanceLines(c, str(c, r, r.properties.InstanceType), 1, r.properties.BlockDeviceMappings, 'instance');
  // An auto-assigned public IPv4 address is charged like an Elastic IP; one that an Elastic IP replaces is priced at the EIP.
  const autoAssigned = (r.properties.NetworkInterfaces ?? []).some((n: any) => n.AssociatePublicIpAddress === true || n.AssociatePublicIpAddress === 'true');
  const elastic = [...c.model.resources('AWS::EC2::EIP'), ...c.model.resources('AWS::EC2::EIPAssociation')]
    .some((e) => c.model.target(e.stack, e.properties.InstanceId) === r);
  if (result.kind !== 'priced' || !autoAssigned || elastic) return result;
  return priced(...result.lines, line(c.prices.get('publicIpv4Hour'), 'public IPv4 address (auto-assigned)', hours(c), hoursNote(c)));
};

const logGroup: Pricer = (_r, c) => {
  const gb = c.assumptions.logIngestionGbPerLogGroup;
  return priced(line(c.prices.get('cloudwatchLogIngestGb'), 'CloudWatch Logs ingestion', gb, `${gb} GB/month (idle)`));
};

const alarm: Pricer = (r, c) => {
  const highResolution = Number(r.properties.Period ?? 60) < 60;
  const metrics = (r.properties.Metrics ?? []).filter((m: any) => m.MetricStat || m.Expression).length;
  const n = Math.max(1, metrics);
  const price = c.prices.get('cloudwatchAlarmMonth');
  return priced({ ...line(price, `CloudWatch alarm${n > 1 ? ` (${n} metrics)` : ''}${highResolution ? ' (high resolution)' : ''}`, n), unitPrice: price.usd * (highResolution ? 3 : 1) });
};

const backupSelection: Pricer = (selection, c) => {
  const gb = c.assumptions.backupStorageGb;
  const lines = [line(c.prices.get('backupStorageGbMonth'), 'AWS Backup storage', gb, `${gb} GB of backups (a new, small database)`)];
  const plan = c.model.target(selection.stack, selection.properties.BackupPlanId);
  for (const rule of plan?.properties.BackupPlan?.BackupPlanRule ?? []) {
    for (const copy of rule.CopyActions ?? []) {
      const arn = str(c, plan!, copy.DestinationBackupVaultArn) ?? '';
      const region = /^arn:[^:]+:backup:([^:]+):/.exec(arn)?.[1];
      if (!region) return unpriced('the region of a backup copy destination is not a literal');
      lines.push(line(c.prices.get('backupStorageGbMonth', region), `AWS Backup copy in ${region}`, gb, `${gb} GB copied`, region));
    }
  }
  return priced(...lines);
};

const amplifyApp: Pricer = (_r, c) => priced(
  line(c.prices.get('amplifyStorageGbMonth'), 'Amplify Hosting storage', 1, '1 GB of deployed artifacts'),
  line(c.prices.get('amplifyBuildMinute'), 'Amplify builds', 0, 'no builds counted (builds per month vary)'),
);

const usage = (note: string): Pricer => () => ({ kind: 'usage', note });

/** Resource types that cost nothing of their own (configuration, or priced at another resource). */
const FREE = new Set([
  'AWS::CDK::Metadata', 'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::LaunchTemplate',
  'AWS::EC2::EgressOnlyInternetGateway', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation', 'AWS::EC2::EIPAssociation', 'AWS::EC2::PrefixList',
  'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::InstanceProfile', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::ECS::Cluster', 'AWS::ECS::ClusterCapacityProviderAssociations', 'AWS::ECS::TaskDefinition', 'AWS::ECS::CapacityProvider',
  'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::ListenerCertificate',
  'AWS::RDS::DBSubnetGroup', 'AWS::RDS::DBClusterParameterGroup', 'AWS::RDS::DBParameterGroup', 'AWS::RDS::OptionGroup',
  'AWS::SecretsManager::SecretTargetAttachment', 'AWS::SecretsManager::RotationSchedule', 'AWS::SecretsManager::ResourcePolicy',
  'AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::KMS::Alias', 'AWS::Lambda::Permission',
  'AWS::CloudFront::ResponseHeadersPolicy', 'AWS::CloudFront::CachePolicy', 'AWS::CloudFront::OriginRequestPolicy',
  'AWS::CloudFront::OriginAccessControl', 'AWS::CloudFront::CloudFrontOriginAccessIdentity', 'AWS::CloudFront::VpcOrigin',
  'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy',
  'AWS::AutoScaling::LaunchConfiguration', 'AWS::AutoScaling::LifecycleHook', 'AWS::Logs::ResourcePolicy',
  'AWS::Backup::BackupVault', 'AWS::Backup::BackupPlan', 'AWS::WAFv2::WebACLAssociation',
  'AWS::Amplify::Branch', 'AWS::Amplify::Domain', 'AWS::Chatbot::SlackChannelConfiguration', 'AWS::SSM::Parameter',
  'AWS::CertificateManager::Certificate', 'AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup',
]);

/** Pricers by CloudFormation type; types in neither FREE nor here are listed as unpriced. */
const PRICERS: Record<string, Pricer> = {
  'AWS::EC2::NatGateway': hourly('natGatewayHour', 'NAT gateway hours'),
  'AWS::EC2::EIP': hourly('publicIpv4Hour', 'public IPv4 address (Elastic IP)'),
  'AWS::EC2::Instance': instance,
  'AWS::AutoScaling::AutoScalingGroup': autoScalingGroup,
  'AWS::EC2::VPCEndpoint': interfaceEndpoint,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': loadBalancer,
  'AWS::ECS::Service': ecsService,
  'AWS::RDS::DBInstance': dbInstance,
  'AWS::RDS::DBCluster': dbCluster,
  'AWS::KMS::Key': monthly('kmsKeyMonth', 'KMS customer-managed key'),
  'AWS::SecretsManager::Secret': monthly('secretMonth', 'Secrets Manager secret'),
  'AWS::WAFv2::WebACL': webAcl,
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::CloudWatch::Dashboard': monthly('cloudwatchDashboardMonth', 'CloudWatch dashboard (beyond the 3 free per account)'),
  'AWS::Logs::LogGroup': logGroup,
  'AWS::Route53::HostedZone': monthly('route53ZoneMonth', 'Route 53 hosted zone'),
  'AWS::Backup::BackupSelection': backupSelection,
  'AWS::Amplify::App': amplifyApp,
  'AWS::S3::Bucket': usage('storage and requests'),
  'AWS::CloudFront::Distribution': usage('requests and data transfer'),
  'AWS::Lambda::Function': usage('invocations'),
  'AWS::SNS::Topic': usage('notifications'),
  'AWS::SNS::Subscription': usage('notifications'),
  'AWS::SQS::Queue': usage('requests'),
  'AWS::ECR::Repository': usage('image storage'),
  'AWS::EC2::FlowLog': usage('flow-log records (billed at their destination)'),
  'AWS::WAFv2::LoggingConfiguration': usage('log records (billed at their destination)'),
  'AWS::Budgets::Budget': usage('budgets beyond the two free per account'),
  'AWS::DynamoDB::Table': usage('requests and storage (on-demand)'),
};

/** Prices one resource under the region's prices; a missing price makes it unpriced. */
export function priceResource(resource: ModelResource, context: PricerContext): PricingResult | undefined {
  if (FREE.has(resource.type)) return undefined;
  const pricer = PRICERS[resource.type];
  if (!pricer) {
    if (resource.type.startsWith('Custom::')) return { kind: 'usage', note: 'a custom resource: its Lambda function runs at deployment only' };
    return unpriced(`the estimate has no prices for ${resource.type}`);
  }
  try {
    return pricer(resource, context);
  } catch (e) {
    if (e instanceof MissingPrice) return unpriced(e.message);
    throw e;
  }
}
