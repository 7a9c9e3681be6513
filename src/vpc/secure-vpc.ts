import { Annotations, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FlowLogDestinationKind, FlowLogs } from './flow-logs';
import { NatStrategy, NatStrategyKind } from './nat-strategy';
import { PlannedIpAddresses, SubnetTier } from './subnet-plan';
import { checkAvailabilityZones, checkDuration, checkKnownAtSynth, checkRetentionDays, checkStackRegion, checkVpcCidrRange, DECIDES_RESOURCES } from '../private/input-rules';
import { createLogBucket } from '../private/log-bucket';
import { allowLogsToUseKey } from '../private/log-encryption';
import { acknowledgeGrantPolicy, acknowledgeNag } from '../private/nag';
import { profileDefault } from '../private/profile-defaults';
import { conflictingProps, invalidProp, parseCidr } from '../private/validation';
import { EnvironmentProfile } from '../profile';

/** The exact CIDR of every subnet, one per AZ in AZ order, for each tier. */
export interface SubnetPlan {
  /**
   * CIDRs of the public subnets (ALB, NAT), one per AZ.
   * @default - the next free /24 blocks of the VPC CIDR
   */
  readonly publicCidrs?: string[];
  /**
   * CIDRs of the application subnets (private with egress; ECS tasks), one per AZ.
   * @default - the next free /24 blocks of the VPC CIDR
   */
  readonly applicationCidrs?: string[];
  /**
   * CIDRs of the data subnets (isolated; databases), one per AZ.
   * @default - the next free /24 blocks of the VPC CIDR
   */
  readonly dataCidrs?: string[];
}

/** Which VPC endpoints to create. */
export interface VpcEndpointOptions {
  /**
   * An S3 gateway endpoint (free; keeps S3 traffic off the NAT).
   * @default true
   */
  readonly s3Gateway?: boolean;
  /**
   * A DynamoDB gateway endpoint.
   * @default false
   */
  readonly dynamoDbGateway?: boolean;
  /**
   * The interface endpoints ECS tasks need to start without NAT: ECR API, ECR Docker,
   * CloudWatch Logs and Secrets Manager (about $7 a month each per AZ: never created unasked).
   * @default false
   */
  readonly containerImagePull?: boolean;
  /**
   * SSM interface endpoint (Parameter Store, ECS Exec).
   * @default false
   */
  readonly ssm?: boolean;
  /**
   * ECS, ECS agent and ECS telemetry interface endpoints.
   * @default false
   */
  readonly ecs?: boolean;
}

/** Properties of a SecureVpc. */
export interface SecureVpcProps {
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
  /**
   * The VPC's IPv4 CIDR block.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How many AZs to span: 2 or 3.
   * @default - the length of `availabilityZones` when given, else 3 with the prod profile, else 2
   */
  readonly azCount?: number;
  /**
   * The exact AZ names to use, e.g. `['ap-northeast-1a', 'ap-northeast-1c']` (2 or 3).
   * Needed for 3 AZs in a stack without both `env.account` and `env.region`, and avoids an AZ lookup in an env-specific stack.
   * @default - the first `azCount` AZs of the stack's region
   */
  readonly availabilityZones?: string[];
  /**
   * The exact CIDR of every subnet per tier per AZ. A tier left out gets the next free /24 blocks.
   * @default - three tiers of /24 per AZ, allocated in order: public, application, data
   */
  readonly subnetPlan?: SubnetPlan;
  /**
   * How the application subnets reach the internet.
   * @default - NatStrategy.instance() with the dev profile, singleGateway() with staging, gatewayPerAz() otherwise
   */
  readonly natStrategy?: NatStrategy;
  /**
   * Which VPC endpoints to create.
   * @default - an S3 gateway endpoint only
   */
  readonly endpoints?: VpcEndpointOptions;
  /**
   * Where VPC flow logs go.
   * @default - FlowLogs.toCloudWatchLogs(): ALL traffic to a log group with finite retention
   */
  readonly flowLogs?: FlowLogs;
}

/** Subnet group names, which are also the construct ids of the subnets (API: do not rename). */
const PUBLIC = 'Public';
const APPLICATION = 'Application';
const DATA = 'Data';

/**
 * A VPC over 2 or 3 AZs with public, application (private with egress) and data (isolated)
 * subnets, a NAT strategy, VPC endpoints, flow logs and a default security group with no rules.
 *
 * @example
 * import { NatStrategy, SecureVpc } from 'cdk-webapp-patterns';
 *
 * const network = new SecureVpc(this, 'Network', { natStrategy: NatStrategy.singleGateway() });
 * // network.vpc goes wherever an IVpc is taken
 */
export class SecureVpc extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.IVpc;
  /** The public subnets (load balancers, NAT). */
  public readonly publicSubnets: ec2.SubnetSelection;
  /** The application subnets: private with egress (isolated with `NatStrategy.none()`). */
  public readonly applicationSubnets: ec2.SubnetSelection;
  /** The data subnets: isolated, for databases. */
  public readonly dataSubnets: ec2.SubnetSelection;
  /** The VPC flow log, unless flow logs are disabled. */
  public readonly flowLog?: ec2.FlowLog;
  /** The flow log's log group, when flow logs go to CloudWatch Logs. */
  public readonly flowLogGroup?: logs.ILogGroup;
  /** The flow log's bucket, when flow logs go to S3. */
  public readonly flowLogBucket?: s3.IBucket;
  /** The security group of the interface endpoints (443 from the VPC CIDR), when there are any. */
  public readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /** The NAT instance provider, with `NatStrategy.instance()`. */
  public readonly natInstanceProvider?: ec2.NatInstanceProviderV2;
  /** The NAT strategy in effect. */
  public readonly natStrategy: NatStrategy;

  constructor(scope: Construct, id: string, props: SecureVpcProps = {}) {
    super(scope, id);
    const profile = props.profile;
    const cidr = props.cidr ?? '10.0.0.0/16';
    const vpcCidr = Token.isUnresolved(cidr) ? undefined : parseCidr(cidr);
    checkStackRegion(this);
    if (!Token.isUnresolved(cidr) && (!vpcCidr || vpcCidr.prefix < 16 || vpcCidr.prefix > 28)) {
      invalidProp(this, 'cidr', cidr, 'must be an IPv4 CIDR block with a prefix between /16 and /28');
    }
    if (vpcCidr) checkVpcCidrRange(this, 'cidr', vpcCidr);

    const availabilityZones = props.availabilityZones;
    if (availabilityZones && (availabilityZones.length < 2 || availabilityZones.length > 3)) {
      invalidProp(this, 'availabilityZones', availabilityZones, 'must list 2 or 3 AZs');
    }
    checkAvailabilityZones(this, 'availabilityZones', availabilityZones);
    checkKnownAtSynth(this, 'azCount', props.azCount, DECIDES_RESOURCES);
    const azCount = props.azCount ?? availabilityZones?.length ?? profileDefault(profile, 2, { prod: 3 });
    if (!Number.isInteger(azCount) || azCount < 2 || azCount > 3) {
      invalidProp(this, 'azCount', azCount, 'must be 2 or 3');
    }
    if (availabilityZones && availabilityZones.length !== azCount) {
      conflictingProps(this, 'azCount', 'availabilityZones', `disagree: azCount is ${azCount} but ${availabilityZones.length} AZs are listed`);
    }
    // Stack.availabilityZones looks the region's AZs up only when both account and region are known;
    // otherwise it returns 2 (Fn::GetAZs), and a third AZ would silently be missing.
    const stack = Stack.of(this);
    if (!availabilityZones && azCount === 3 && (Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account))) {
      invalidProp(this, 'azCount', azCount, 'of 3 needs a stack with env.account and env.region or explicit availabilityZones (a stack without both only knows 2 AZs)');
    }

    this.natStrategy = props.natStrategy ?? profileDefault(profile, NatStrategy.gatewayPerAz(), {
      dev: NatStrategy.instance(),
      staging: NatStrategy.singleGateway(),
    });
    const hasNat = this.natStrategy.kind !== NatStrategyKind.NONE;

    const ipAddresses = new PlannedIpAddresses(this, cidr, vpcCidr, azCount, {
      [SubnetTier.PUBLIC]: props.subnetPlan?.publicCidrs,
      [SubnetTier.APPLICATION]: props.subnetPlan?.applicationCidrs,
      [SubnetTier.DATA]: props.subnetPlan?.dataCidrs,
    }, { [PUBLIC]: SubnetTier.PUBLIC, [APPLICATION]: SubnetTier.APPLICATION, [DATA]: SubnetTier.DATA });

    let natGatewayProvider: ec2.NatProvider | undefined;
    if (this.natStrategy.kind === NatStrategyKind.INSTANCE) {
      this.natInstanceProvider = ec2.NatProvider.instanceV2({
        instanceType: this.natStrategy.instanceType!,
        machineImage: ec2.MachineImage.latestAmazonLinux2023({
          cpuType: this.natStrategy.instanceType!.architecture === ec2.InstanceArchitecture.ARM_64
            ? ec2.AmazonLinuxCpuType.ARM_64 : ec2.AmazonLinuxCpuType.X86_64,
        }),
        defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
        // The public subnets do not map public IPs: without one the instance boots with no way out
        // (its user data installs iptables). The Elastic IP below then replaces this address.
        associatePublicIpAddress: true,
      });
      natGatewayProvider = this.natInstanceProvider;
    }

    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses,
      ...(availabilityZones ? { availabilityZones } : { maxAzs: azCount }),
      natGateways: hasNat ? (this.natStrategy.kind === NatStrategyKind.GATEWAY_PER_AZ ? azCount : 1) : 0,
      natGatewayProvider,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: PUBLIC, subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: APPLICATION, subnetType: hasNat ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        { name: DATA, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    this.vpc = vpc;
    for (const subnet of vpc.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (route) {
        acknowledgeNag(route, [{
          id: 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
          reason: 'The route to the internet gateway is what makes this subnet public: this library places only NAT and internet-facing load balancers in it (no public IPs are mapped on launch), while tasks and databases sit in the application and data subnets, which have no such route.',
        }]);
      }
    }
    this.publicSubnets = { subnetGroupName: PUBLIC };
    this.applicationSubnets = { subnetGroupName: APPLICATION };
    this.dataSubnets = { subnetGroupName: DATA };

    if (this.natInstanceProvider) {
      // Only this VPC may route through the NAT instance; nothing from the internet may reach it.
      this.natInstanceProvider.securityGroup.addIngressRule(ec2.Peer.ipv4(vpcCidr?.cidr ?? vpc.vpcCidrBlock), ec2.Port.allTraffic(), 'NAT for this VPC only');
      for (const instance of this.natInstanceProvider.gatewayInstances) {
        requireImdsv2(instance);
        // The provider offers no block device option: encrypt the root volume on the L1 resource.
        (instance.node.defaultChild as ec2.CfnInstance).blockDeviceMappings = [
          { deviceName: '/dev/xvda', ebs: { encrypted: true, volumeType: 'gp3' } },
        ];
        const acks = [
          { id: 'AwsSolutions-EC29', reason: 'The NAT instance is stateless and replaced by CloudFormation on any change; termination protection would block that.' },
        ];
        if (profile?.isProduction) {
          // Production: 1-minute metrics, so that an alarm on the only way out sees a stall within minutes.
          (instance.node.defaultChild as ec2.CfnInstance).monitoring = true;
        } else {
          const chosenBy = props.natStrategy ? 'natStrategy: NatStrategy.instance()' : 'the dev profile\'s default natStrategy';
          const stage = profile ? `the ${profile.name} profile` : 'no profile';
          acks.push({ id: 'AwsSolutions-EC28', reason: `A NAT instance (${chosenBy}) with ${stage}: it reports the 5-minute basic EC2 metrics; detailed 1-minute monitoring is turned on with the prod profile only.` });
        }
        acknowledgeNag(instance, acks);
        // An address that survives the instance's replacement (CloudFormation reassociates it), so
        // allow-lists of the dev egress address keep working. EC2 wants the gateway attached first.
        const elasticIp = new ec2.CfnEIP(instance, 'ElasticIp', { domain: 'vpc', instanceId: instance.instanceId });
        elasticIp.node.addDependency(vpc.node.findChild('VPCGW'));
      }
    }

    this.endpointSecurityGroup = this.addEndpoints(vpc, vpcCidr?.cidr ?? vpc.vpcCidrBlock, hasNat, props.endpoints);

    const flowLogs = props.flowLogs ?? FlowLogs.toCloudWatchLogs();
    const retention = profileDefault(profile, logs.RetentionDays.THREE_MONTHS, {
      dev: logs.RetentionDays.ONE_WEEK,
      prod: logs.RetentionDays.ONE_YEAR,
    });
    const removalPolicy = profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY });
    const trafficType = flowLogs.trafficType ?? ec2.FlowLogTrafficType.ALL;
    checkRetentionDays(this, 'flowLogs retention', flowLogs.retention);
    checkDuration(this, 'flowLogs expiration', flowLogs.expiration, { unit: 'days' });
    switch (flowLogs.destination) {
      case FlowLogDestinationKind.CLOUDWATCH_LOGS: {
        const logGroup = new logs.LogGroup(this, 'FlowLogGroup', {
          retention: flowLogs.retention ?? retention,
          encryptionKey: flowLogs.encryptionKey,
          removalPolicy,
        });
        if (flowLogs.encryptionKey) allowLogsToUseKey(flowLogs.encryptionKey);
        this.flowLogGroup = logGroup;
        this.flowLog = vpc.addFlowLog('FlowLog', {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup),
          trafficType,
        });
        const deliveryRole = this.flowLog.node.tryFindChild('IAMRole');
        if (deliveryRole) acknowledgeGrantPolicy(deliveryRole, 'the VPC flow log delivery (write to its log group)');
        break;
      }
      case FlowLogDestinationKind.S3: {
        if (flowLogs.bucket && flowLogs.expiration) {
          conflictingProps(this, 'flowLogs.bucket', 'flowLogs.expiration', 'cannot be combined: the lifecycle of a bucket you bring is yours to set');
        }
        const bucket = flowLogs.bucket ?? this.createFlowLogBucket(flowLogs.expiration ?? Duration.days(retention));
        this.flowLogBucket = bucket;
        this.flowLog = vpc.addFlowLog('FlowLog', {
          destination: ec2.FlowLogDestination.toS3(bucket),
          trafficType,
        });
        break;
      }
      case FlowLogDestinationKind.DISABLED:
        if (flowLogs.reason === undefined) {
          Annotations.of(this).addWarningV2('cdk-webapp-patterns:flowLogsDisabled',
            'Flow logs are disabled: rejected and accepted traffic will not be recorded for incident response, and cdk-nag AwsSolutions-VPC7 will flag this VPC. Give FlowLogs.disabled(reason) to acknowledge it with your reason.');
        } else {
          if (!Token.isUnresolved(flowLogs.reason) && flowLogs.reason.trim().length < 10) {
            invalidProp(this, 'flowLogs (FlowLogs.disabled reason)', flowLogs.reason, 'must say in at least 10 characters why this VPC needs no flow logs (it is the acknowledgement a reviewer reads)');
          }
          Annotations.of(this).addWarningV2('cdk-webapp-patterns:flowLogsDisabled',
            `Flow logs are disabled: rejected and accepted traffic will not be recorded for incident response. cdk-nag AwsSolutions-VPC7 is acknowledged with your reason: ${flowLogs.reason}`);
          acknowledgeNag(vpc.node.defaultChild as ec2.CfnVPC, [
            { id: 'AwsSolutions-VPC7', reason: `Flow logs are disabled by FlowLogs.disabled(reason): ${flowLogs.reason}` },
            { id: 'NIST.800.53.R5-VPCFlowLogsEnabled', reason: `Flow logs are disabled by FlowLogs.disabled(reason): ${flowLogs.reason}` },
          ]);
        }
        break;
    }
  }

  private addEndpoints(vpc: ec2.Vpc, vpcCidr: string, hasNat: boolean, options: VpcEndpointOptions = {}): ec2.ISecurityGroup | undefined {
    if (options.s3Gateway ?? true) {
      vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    } else if (!hasNat && options.containerImagePull) {
      // ECR serves image layers from S3: without NAT the ECR endpoints alone do not start a task.
      Annotations.of(this).addWarningV2('cdk-webapp-patterns:noNatNoS3Endpoint',
        'natStrategy is none and endpoints.s3Gateway is false: ECS tasks in the application subnets reach ECR but cannot download image layers, which ECR serves from S3. Keep endpoints.s3Gateway (the default) or bring an S3 endpoint of your own.');
    }
    if (options.dynamoDbGateway) {
      vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    }
    const services: Array<[string, ec2.InterfaceVpcEndpointAwsService]> = [];
    const containerImagePull = options.containerImagePull ?? false;
    if (containerImagePull) {
      services.push(
        ['EcrApiEndpoint', ec2.InterfaceVpcEndpointAwsService.ECR],
        ['EcrDockerEndpoint', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
        ['LogsEndpoint', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
        ['SecretsManagerEndpoint', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
      );
    } else if (!hasNat) {
      Annotations.of(this).addWarningV2('cdk-webapp-patterns:noNatNoEndpoints',
        'natStrategy is none and endpoints.containerImagePull is not set: ECS tasks in the application subnets cannot pull images, write logs or read secrets. Set endpoints.containerImagePull to true.');
    }
    if (options.ssm) services.push(['SsmEndpoint', ec2.InterfaceVpcEndpointAwsService.SSM]);
    if (options.ecs) {
      services.push(
        ['EcsEndpoint', ec2.InterfaceVpcEndpointAwsService.ECS],
        ['EcsAgentEndpoint', ec2.InterfaceVpcEndpointAwsService.ECS_AGENT],
        ['EcsTelemetryEndpoint', ec2.InterfaceVpcEndpointAwsService.ECS_TELEMETRY],
      );
    }
    if (services.length === 0) return undefined;

    const securityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(ec2.Peer.ipv4(vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
    for (const [id, service] of services) {
      vpc.addInterfaceEndpoint(id, {
        service,
        subnets: { subnetGroupName: APPLICATION },
        securityGroups: [securityGroup],
        privateDnsEnabled: true,
        open: false,
      });
    }
    return securityGroup;
  }

  private createFlowLogBucket(expiration: Duration): s3.Bucket {
    // Kept on stack deletion in every profile: a bucket with objects cannot be deleted anyway.
    return createLogBucket(this, 'FlowLogBucket', { receives: 'VPC flow logs', expiration, removalPolicy: RemovalPolicy.RETAIN });
  }

}

/**
 * Requires IMDSv2 on an instance through a launch template without a name (CloudFormation generates
 * one). aws-cdk-lib's InstanceRequireImdsv2Aspect names it after the construct id unless the app sets
 * a feature flag, and two stacks with the same name in one region then fail to deploy.
 */
function requireImdsv2(instance: ec2.Instance): void {
  const launchTemplate = new ec2.CfnLaunchTemplate(instance, 'LaunchTemplate', {
    launchTemplateData: { metadataOptions: { httpTokens: 'required' } },
  });
  instance.instance.launchTemplate = { launchTemplateId: launchTemplate.ref, version: launchTemplate.attrLatestVersionNumber };
}
