import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** How the application subnets reach the internet. */
export enum NatStrategyKind {
  /** One managed NAT gateway in each AZ: no cross-AZ dependency (production). */
  GATEWAY_PER_AZ = 'GATEWAY_PER_AZ',
  /** One managed NAT gateway shared by all AZs: cheaper, one AZ's outage cuts egress. */
  SINGLE_GATEWAY = 'SINGLE_GATEWAY',
  /** One small EC2 NAT instance: cheapest egress, for development. */
  INSTANCE = 'INSTANCE',
  /** No NAT at all: the application subnets reach AWS services through VPC endpoints only. */
  NONE = 'NONE',
}

/** Options for a NAT instance. */
export interface NatInstanceOptions {
  /**
   * The instance type of the NAT instance.
   * @default - t4g.nano (Graviton)
   */
  readonly instanceType?: ec2.InstanceType;
}

/**
 * The NAT strategy of a SecureVpc: a choice with static factories.
 */
export class NatStrategy {
  /** A managed NAT gateway in every AZ. */
  public static gatewayPerAz(): NatStrategy {
    return new NatStrategy(NatStrategyKind.GATEWAY_PER_AZ);
  }

  /** One managed NAT gateway shared by every AZ. */
  public static singleGateway(): NatStrategy {
    return new NatStrategy(NatStrategyKind.SINGLE_GATEWAY);
  }

  /**
   * One NAT instance (Amazon Linux 2023, IMDSv2 required) whose security group admits only the
   * VPC's own CIDR.
   */
  public static instance(options: NatInstanceOptions = {}): NatStrategy {
    return new NatStrategy(NatStrategyKind.INSTANCE, options.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO));
  }

  /**
   * No NAT. Private subnets become isolated: ECS tasks there need the container-image-pull
   * interface endpoints (`endpoints.containerImagePull: true`); without them SecureVpc warns.
   */
  public static none(): NatStrategy {
    return new NatStrategy(NatStrategyKind.NONE);
  }

  private constructor(
    /** Which strategy this is. */
    public readonly kind: NatStrategyKind,
    /** The NAT instance type, for `NatStrategy.instance()`. */
    public readonly instanceType?: ec2.InstanceType,
  ) {}
}
