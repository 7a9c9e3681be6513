import { AssemblyModel, ModelResource } from './assembly-model';

/** One security group rule, with its peer resolved where the assembly says what it is. */
export interface SecurityGroupRule {
  /** The resource that declares the rule: the group itself (inline) or an Ingress/Egress resource. */
  readonly declaredBy: ModelResource;
  /** '-1' for all traffic, else 'tcp', 'udp', 'icmp' or a protocol number. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  /** The peer's IPv4 CIDR as a literal, when the rule names one ('*' when the CIDR is not a literal). */
  readonly cidr?: string;
  /** The peer security group, when the rule names one of the assembly. */
  readonly peerGroup?: ModelResource;
  /** The peer prefix list value (e.g. CloudFront's origin-facing list), when the rule names one. */
  readonly prefixList?: unknown;
}

/** Ingress and egress rules of one security group; egress `undefined` means CloudFormation's allow-all default. */
export interface SecurityGroupRules {
  readonly ingress: SecurityGroupRule[];
  readonly egress?: SecurityGroupRule[];
}

/**
 * The security groups of an assembly with every rule that applies to them: inline rules and
 * standalone `AWS::EC2::SecurityGroupIngress`/`Egress` resources, in any stack.
 */
export class SecurityGroupModel {
  private readonly groups = new Map<ModelResource, { ingress: SecurityGroupRule[]; egress?: SecurityGroupRule[] }>();

  constructor(private readonly model: AssemblyModel) {
    for (const group of model.resources('AWS::EC2::SecurityGroup')) {
      const p = group.properties;
      this.groups.set(group, {
        ingress: (p.SecurityGroupIngress ?? []).map((r: any) => this.rule(group, r, 'SourceSecurityGroupId', 'SourcePrefixListId')),
        egress: p.SecurityGroupEgress ? p.SecurityGroupEgress.map((r: any) => this.rule(group, r, 'DestinationSecurityGroupId', 'DestinationPrefixListId')) : undefined,
      });
    }
    for (const [type, peer, prefixList, direction] of [
      ['AWS::EC2::SecurityGroupIngress', 'SourceSecurityGroupId', 'SourcePrefixListId', 'ingress'],
      ['AWS::EC2::SecurityGroupEgress', 'DestinationSecurityGroupId', 'DestinationPrefixListId', 'egress'],
    ] as const) {
      for (const resource of model.resources(type)) {
        const group = model.target(resource.stack, resource.properties.GroupId);
        const rules = group && this.groups.get(group);
        if (!rules) continue;
        const rule = this.rule(resource, resource.properties, peer, prefixList);
        if (direction === 'ingress') rules.ingress.push(rule);
        else (rules.egress ??= []).push(rule);
      }
    }
  }

  /** The rules of a security group (empty ingress, allow-all egress for a group outside the assembly). */
  public rulesOf(group: ModelResource): SecurityGroupRules {
    return this.groups.get(group) ?? { ingress: [] };
  }

  /** The security groups a list of group ids (Refs, GetAtts, imports) stands for. */
  public groupsOf(from: ModelResource, ids: unknown): ModelResource[] {
    if (!Array.isArray(ids)) return [];
    return ids.map((id) => this.model.target(from.stack, id)).filter((g): g is ModelResource => g?.type === 'AWS::EC2::SecurityGroup');
  }

  private rule(declaredBy: ModelResource, r: any, peerKey: string, prefixListKey: string): SecurityGroupRule {
    const protocol = String(r.IpProtocol ?? '-1');
    const all = protocol === '-1';
    const peerGroup = r[peerKey] !== undefined ? this.model.target(declaredBy.stack, r[peerKey]) : undefined;
    const cidr = r.CidrIp === undefined ? undefined : (this.model.literal(declaredBy.stack, r.CidrIp) ?? '*');
    return {
      declaredBy,
      protocol: protocol === '6' ? 'tcp' : protocol,
      fromPort: all ? 0 : Number(r.FromPort ?? 0),
      toPort: all ? 65535 : Number(r.ToPort ?? 65535),
      cidr,
      peerGroup,
      prefixList: r[prefixListKey],
    };
  }
}

/** Whether a rule lets TCP traffic to `port` through. */
export function allowsTcp(rule: SecurityGroupRule, port: number): boolean {
  return (rule.protocol === '-1' || rule.protocol === 'tcp') && rule.fromPort <= port && port <= rule.toPort;
}

/** Whether a rule admits the whole IPv4 internet. */
export function isOpenToWorld(rule: SecurityGroupRule): boolean {
  return rule.cidr === '0.0.0.0/0';
}

/** A rule as people write it: `tcp 8080 from sg Api/SecurityGroup`. */
export function describeRule(rule: SecurityGroupRule, direction: 'from' | 'to'): string {
  const ports = rule.protocol === '-1' ? 'all traffic' : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
  const peer = rule.peerGroup ? `security group ${rule.peerGroup.path}` : rule.cidr ? `${rule.cidr === '*' ? 'a CIDR' : rule.cidr}` : rule.prefixList ? 'a prefix list' : 'an external peer';
  return `${ports} ${direction} ${peer}`;
}
