import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { formatCidr, invalidProp, overlaps, contains, parseCidr, ParsedCidr } from '../private/validation';

/**
 * The smallest subnet an Application Load Balancer takes: a /27 with at least 8 free addresses. Source:
 * Elastic Load Balancing, Application Load Balancers, "Subnets for your load balancer" (read 2026-12-01).
 */
const ALB_MIN_PREFIX = 27;

/** The three subnet tiers of a SecureVpc. */
export enum SubnetTier {
  PUBLIC = 'publicCidrs',
  APPLICATION = 'applicationCidrs',
  DATA = 'dataCidrs',
}

/**
 * Allocates subnet CIDRs from an explicit per-tier, per-AZ plan, giving the next free blocks of
 * the requested size to tiers the plan leaves out. Internal: SecureVpc's `subnetPlan` is the API.
 */
export class PlannedIpAddresses implements ec2.IIpAddresses {
  private readonly planned: Record<SubnetTier, ParsedCidr[] | undefined>;

  constructor(
    private readonly scope: IConstruct,
    private readonly cidr: string,
    private readonly vpcCidr: ParsedCidr | undefined,
    private readonly azCount: number,
    plan: Record<SubnetTier, string[] | undefined>,
    private readonly tierOfGroup: Record<string, SubnetTier>,
  ) {
    this.planned = {
      [SubnetTier.PUBLIC]: this.validateTier(SubnetTier.PUBLIC, plan[SubnetTier.PUBLIC]),
      [SubnetTier.APPLICATION]: this.validateTier(SubnetTier.APPLICATION, plan[SubnetTier.APPLICATION]),
      [SubnetTier.DATA]: this.validateTier(SubnetTier.DATA, plan[SubnetTier.DATA]),
    };
    const all = Object.entries(this.planned).flatMap(([tier, cidrs]) => (cidrs ?? []).map((c) => ({ tier, c })));
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (overlaps(all[i].c, all[j].c)) {
          invalidProp(scope, `subnetPlan.${all[j].tier}`, all[j].c.cidr, `must not overlap another subnet (subnetPlan.${all[i].tier} has ${all[i].c.cidr})`);
        }
      }
    }
  }

  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }

  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const taken: ParsedCidr[] = Object.values(this.planned).flatMap((c) => c ?? []);
    const seen: Record<string, number> = {};
    const allocatedSubnets = input.requestedSubnets.map((request) => {
      const group = request.configuration.name;
      const azIndex = seen[group] ?? 0;
      seen[group] = azIndex + 1;
      const planned = this.planned[this.tierOfGroup[group]];
      if (planned) return { cidr: planned[azIndex].cidr };
      const next = this.nextFree(request.configuration.cidrMask ?? 24, taken);
      taken.push(next);
      return { cidr: next.cidr };
    });
    return { allocatedSubnets };
  }

  private validateTier(tier: SubnetTier, cidrs: string[] | undefined): ParsedCidr[] | undefined {
    if (cidrs === undefined) return undefined;
    const prop = `subnetPlan.${tier}`;
    if (cidrs.length !== this.azCount) {
      invalidProp(this.scope, prop, cidrs, `must list exactly one CIDR per AZ (${this.azCount})`);
    }
    return cidrs.map((cidr) => {
      const parsed = parseCidr(cidr);
      if (!parsed) invalidProp(this.scope, prop, cidr, 'must be a valid IPv4 CIDR block such as 10.0.1.0/24');
      if (parsed.prefix < 16 || parsed.prefix > 28) invalidProp(this.scope, prop, cidr, 'must have a prefix between /16 and /28');
      if (tier === SubnetTier.PUBLIC && parsed.prefix > ALB_MIN_PREFIX) {
        invalidProp(this.scope, prop, cidr, `must be /${ALB_MIN_PREFIX} or larger: a load balancer's subnets need at least a /${ALB_MIN_PREFIX} with 8 free addresses`);
      }
      if (this.vpcCidr && !contains(this.vpcCidr, parsed)) {
        invalidProp(this.scope, prop, cidr, `must lie inside the VPC CIDR ${this.vpcCidr.cidr}`);
      }
      return parsed;
    });
  }

  private nextFree(prefix: number, taken: ParsedCidr[]): ParsedCidr {
    if (!this.vpcCidr) {
      invalidProp(this.scope, 'subnetPlan', 'a partial plan', 'must name every tier when cidr is an unresolved token');
    }
    const size = 2 ** (32 - prefix);
    for (let network = this.vpcCidr.first; network + size - 1 <= this.vpcCidr.last; network += size) {
      const candidate = parseCidr(formatCidr(network, prefix))!;
      if (!taken.some((t) => overlaps(t, candidate))) return candidate;
    }
    return invalidProp(this.scope, 'cidr', this.vpcCidr.cidr, `has no free /${prefix} block left for the remaining subnets`);
  }
}
