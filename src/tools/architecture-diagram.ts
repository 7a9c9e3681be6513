import * as fs from 'fs';
import * as path from 'path';
import { AssemblyModel, ModelResource, ModelStack } from './private/assembly-model';
import { SecurityGroupModel } from './private/network-model';
import { launchTemplateOf } from './private/workloads';

/** The name of the diagram file written next to the templates. */
const DIAGRAM_FILE = 'architecture.mmd';

/**
 * A Mermaid flowchart of a synthesized cloud assembly (any CDK app), drawn from its templates so it
 * shows what will be deployed: users, Route 53, CloudFront and its WAF, load balancers, ECS services
 * and their instances, databases, buckets and NAT, inside their VPC, subnet tier and AZ subgraphs, with
 * security-group edges labelled with their ports.
 *
 * Print it with `npx cdk-webapp-patterns diagram cdk.out` (which also writes `cdk.out/architecture.mmd`);
 * GitHub renders it in Markdown inside a ```mermaid block.
 */
export class ArchitectureDiagram {
  /** The Mermaid flowchart of the cloud assembly in `assemblyDirectory`. */
  public static fromAssembly(assemblyDirectory: string): string {
    return new Drawing(AssemblyModel.load(assemblyDirectory)).render();
  }

  /** Writes the flowchart to `architecture.mmd` in the assembly directory and returns the file's path. */
  public static writeToAssembly(assemblyDirectory: string): string {
    const file = path.join(assemblyDirectory, DIAGRAM_FILE);
    fs.writeFileSync(file, `${ArchitectureDiagram.fromAssembly(assemblyDirectory)}\n`);
    return file;
  }
}

/** Resource types drawn as nodes, with how each is labelled. */
const DRAWN: Record<string, (r: ModelResource) => string> = {
  'AWS::CloudFront::Distribution': () => 'CloudFront distribution',
  'AWS::WAFv2::WebACL': (r) => `WAF web ACL (${(r.properties.Rules ?? []).length} rules)`,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': (r) => `${r.properties.Type === 'network' ? 'Network' : 'Application'} load balancer (${r.properties.Scheme === 'internal' ? 'internal' : 'internet-facing'})`,
  'AWS::ECS::Service': (r) => `ECS service${r.properties.LaunchType === 'FARGATE' || JSON.stringify(r.properties.CapacityProviderStrategy ?? '').includes('FARGATE') ? ' on Fargate' : ''}`,
  'AWS::AutoScaling::AutoScalingGroup': () => 'EC2 Auto Scaling group',
  'AWS::EC2::Instance': (r) => r.properties.SourceDestCheck === false ? `NAT instance ${r.properties.InstanceType ?? ''}`.trim() : `EC2 instance ${r.properties.InstanceType ?? ''}`.trim(),
  'AWS::EC2::NatGateway': () => 'NAT gateway',
  'AWS::RDS::DBCluster': (r) => `${r.properties.Engine ?? 'database'} cluster`,
  'AWS::RDS::DBInstance': (r) => `${r.properties.Engine ?? 'database'} ${r.properties.DBInstanceClass ?? ''}`.trim(),
  'AWS::S3::Bucket': () => 'S3 bucket',
  'AWS::Amplify::App': () => 'Amplify Hosting app',
};

interface Subnet {
  readonly resource: ModelResource;
  readonly tier: string;
  readonly az: string;
  readonly cidr?: string;
}

class Drawing {
  private readonly groups: SecurityGroupModel;
  private readonly ids = new Map<ModelResource, string>();
  private readonly lines: string[] = ['flowchart TB'];
  private readonly edges = new Set<string>();

  constructor(private readonly model: AssemblyModel) {
    this.groups = new SecurityGroupModel(model);
  }

  public render(): string {
    const drawn = this.model.resources().filter((r) => DRAWN[r.type] && !this.isClusterMember(r));
    drawn.forEach((r, i) => this.ids.set(r, `n${i}`));
    const subnets = this.subnets();
    const needsUsers = drawn.some((r) => r.type === 'AWS::CloudFront::Distribution'
      || (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && r.properties.Scheme !== 'internal'));
    if (needsUsers) this.lines.push('  users(("Users"))');
    const zones = this.model.resources('AWS::Route53::RecordSet').filter((r) => r.properties.AliasTarget);
    if (zones.length > 0) this.lines.push(`  route53["Route 53 (${zones.length} alias records)"]`);

    this.model.stacks.forEach((stack, si) => {
      const inStack = drawn.filter((r) => r.stack === stack);
      if (inStack.length === 0) return;
      this.lines.push(`  subgraph stack${si}["${esc(`Stack ${stack.stackName}${stack.region ? ` (${stack.region})` : ''}`)}"]`);
      this.drawVpcs(stack, si, inStack, subnets);
      for (const r of inStack.filter((x) => this.subnetsOf(x, subnets).length === 0)) this.node(r, '    ');
      this.lines.push('  end');
    });

    for (const record of zones) {
      const target = this.drawnTarget(record, record.properties.AliasTarget?.DNSName);
      if (target) this.edge('route53', this.ids.get(target)!, '');
    }
    if (needsUsers) this.edge('users', zones.length > 0 ? 'route53' : '', '');
    for (const r of drawn) this.edgesOf(r, needsUsers, zones.length > 0);
    return [...this.lines, ...this.edges].join('\n');
  }

  /** Aurora instances are drawn as their cluster. */
  private isClusterMember(r: ModelResource): boolean {
    return r.type === 'AWS::RDS::DBInstance' && r.properties.DBClusterIdentifier !== undefined;
  }

  private node(r: ModelResource, indent: string): void {
    const name = r.path.split('/').filter((p) => p !== 'Resource' && p !== 'Default').slice(-2).join('/');
    const label = `${DRAWN[r.type](r)}<br/>${name}`;
    const shape = r.type === 'AWS::S3::Bucket' || r.type.startsWith('AWS::RDS::') ? ['[("', '")]'] : ['["', '"]'];
    this.lines.push(`${indent}${this.ids.get(r)}${shape[0]}${esc(label)}${shape[1]}`);
  }

  private drawVpcs(stack: ModelStack, si: number, inStack: ModelResource[], subnets: Map<ModelResource, Subnet>): void {
    const vpcs = [...stack.resources.values()].filter((r) => r.type === 'AWS::EC2::VPC');
    vpcs.forEach((vpc, vi) => {
      const mine = [...subnets.values()].filter((s) => this.model.target(s.resource.stack, s.resource.properties.VpcId) === vpc);
      const cidr = this.model.literal(stack, vpc.properties.CidrBlock);
      this.lines.push(`    subgraph vpc${si}_${vi}["${esc(`VPC ${cidr ?? ''}`.trim())}"]`);
      const tiers = [...new Set(mine.map((s) => s.tier))];
      tiers.forEach((tier, ti) => {
        const tierSubnets = mine.filter((s) => s.tier === tier);
        this.lines.push(`      subgraph tier${si}_${vi}_${ti}["${esc(`${tier} subnets`)}"]`);
        tierSubnets.forEach((s, ai) => {
          this.lines.push(`        subgraph az${si}_${vi}_${ti}_${ai}["${esc(`${s.az}${s.cidr ? ` ${s.cidr}` : ''}`)}"]`);
          for (const r of inStack.filter((x) => sameSet(this.subnetsOf(x, subnets), [s]))) this.node(r, '          ');
          this.lines.push('        end');
        });
        for (const r of inStack.filter((x) => { const on = this.subnetsOf(x, subnets); return on.length > 1 && on.every((s) => s.tier === tier); })) {
          this.node(r, '        ');
        }
        this.lines.push('      end');
      });
      const acrossTiers = (x: ModelResource) => new Set(this.subnetsOf(x, subnets).map((s) => s.tier)).size > 1;
      for (const r of inStack.filter(acrossTiers)) {
        this.node(r, '      ');
      }
      this.lines.push('    end');
    });
  }

  private subnets(): Map<ModelResource, Subnet> {
    const out = new Map<ModelResource, Subnet>();
    for (const s of this.model.resources('AWS::EC2::Subnet')) {
      const tags: Array<{ Key: string; Value: unknown }> = s.properties.Tags ?? [];
      const tier = String(tags.find((t) => t.Key === 'aws-cdk:subnet-name')?.Value ?? 'Subnet');
      const az = this.model.literal(s.stack, s.properties.AvailabilityZone) ?? `AZ of ${s.logicalId}`;
      out.set(s, { resource: s, tier, az, cidr: this.model.literal(s.stack, s.properties.CidrBlock) });
    }
    return out;
  }

  /** The subnets a drawn resource is placed in. */
  private subnetsOf(r: ModelResource, subnets: Map<ModelResource, Subnet>): Subnet[] {
    const p = r.properties;
    let ids: unknown;
    switch (r.type) {
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': ids = p.Subnets ?? (p.SubnetMappings ?? []).map((m: any) => m.SubnetId); break;
      case 'AWS::ECS::Service': ids = p.NetworkConfiguration?.AwsvpcConfiguration?.Subnets; break;
      case 'AWS::AutoScaling::AutoScalingGroup': ids = p.VPCZoneIdentifier; break;
      case 'AWS::EC2::Instance': ids = [p.SubnetId ?? (p.NetworkInterfaces ?? [])[0]?.SubnetId]; break;
      case 'AWS::EC2::NatGateway': ids = [p.SubnetId]; break;
      case 'AWS::RDS::DBCluster':
      case 'AWS::RDS::DBInstance': {
        const group = this.model.target(r.stack, p.DBSubnetGroupName);
        ids = group?.properties.SubnetIds;
        break;
      }
      default: return [];
    }
    if (!Array.isArray(ids)) return [];
    return ids.map((id) => this.model.target(r.stack, id)).map((s) => (s ? subnets.get(s) : undefined)).filter((s): s is Subnet => s !== undefined);
  }

  /** The drawn resource a value refers to, directly or through a resource that belongs to it. */
  private drawnTarget(from: ModelResource, value: unknown): ModelResource | undefined {
    for (const t of this.model.referencedResources(from, value)) {
      if (this.ids.has(t)) return t;
      if (t.type === 'AWS::CloudFront::VpcOrigin') {
        const lb = this.drawnTarget(t, t.properties.VpcOriginEndpointConfig?.Arn);
        if (lb) return lb;
      }
    }
    return undefined;
  }

  /**
   * The drawn resource a literal host name points at through an alias record of the same app (an
   * internet-facing load balancer CloudFront reaches by its certificate's name).
   */
  private aliasedTarget(from: ModelResource, name: unknown): ModelResource | undefined {
    if (typeof name !== 'string') return undefined;
    const record = this.model.resources('AWS::Route53::RecordSet').find((rs) => rs.stack === from.stack
      && typeof rs.properties.Name === 'string' && rs.properties.Name.replace(/\.$/, '') === name.replace(/\.$/, ''));
    return record ? this.drawnTarget(record, record.properties.AliasTarget) : undefined;
  }

  private edge(from: string, to: string, label: string, dotted = false): void {
    if (!from || !to || from === to) return;
    const arrow = dotted ? '-.->' : '-->';
    this.edges.add(`  ${from} ${arrow}${label ? `|"${esc(label)}"|` : ''} ${to}`);
  }

  /** The security groups of a drawn resource. */
  private securityGroupsOf(r: ModelResource): ModelResource[] {
    const p = r.properties;
    switch (r.type) {
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': return this.groups.groupsOf(r, p.SecurityGroups);
      case 'AWS::ECS::Service': return this.groups.groupsOf(r, p.NetworkConfiguration?.AwsvpcConfiguration?.SecurityGroups);
      case 'AWS::RDS::DBCluster':
      case 'AWS::RDS::DBInstance': return this.groups.groupsOf(r, p.VpcSecurityGroupIds);
      case 'AWS::EC2::Instance': return this.groups.groupsOf(r, [...(p.SecurityGroupIds ?? []), ...(p.NetworkInterfaces ?? []).flatMap((n: any) => n.GroupSet ?? [])]);
      case 'AWS::AutoScaling::AutoScalingGroup': {
        const template = launchTemplateOf(this.model, r);
        const data = template?.properties.LaunchTemplateData ?? {};
        const ids = [...(data.SecurityGroupIds ?? []), ...(data.NetworkInterfaces ?? []).flatMap((n: any) => n.Groups ?? [])];
        return template ? this.groups.groupsOf(template, ids) : [];
      }
      default: return [];
    }
  }

  private edgesOf(r: ModelResource, users: boolean, route53: boolean): void {
    const id = this.ids.get(r)!;
    if (r.type === 'AWS::CloudFront::Distribution') {
      const config = r.properties.DistributionConfig ?? {};
      if (users && !route53) this.edge('users', id, 'HTTPS');
      const acl = this.drawnTarget(r, config.WebACLId);
      if (acl) this.edge(this.ids.get(acl)!, id, 'filters', true);
      for (const origin of config.Origins ?? []) {
        const target = this.drawnTarget(r, origin) ?? this.aliasedTarget(r, origin.DomainName);
        if (!target) continue;
        const label = target.type === 'AWS::S3::Bucket' ? 'origin (OAC)' : origin.VpcOriginConfig ? 'VPC origin' : 'origin';
        this.edge(id, this.ids.get(target)!, label);
      }
    }
    if (r.type === 'AWS::ECS::Service') {
      for (const lb of r.properties.LoadBalancers ?? []) {
        const group = this.model.target(r.stack, lb.TargetGroupArn);
        if (!group) continue;
        for (const listener of this.model.resources('AWS::ElasticLoadBalancingV2::Listener')) {
          const forwards = this.model.referencedResources(listener, listener.properties.DefaultActions).includes(group)
            || this.model.resources('AWS::ElasticLoadBalancingV2::ListenerRule').some((rule) => this.model.target(rule.stack, rule.properties.ListenerArn) === listener
              && this.model.referencedResources(rule, rule.properties.Actions).includes(group));
          const balancer = forwards ? this.model.target(listener.stack, listener.properties.LoadBalancerArn) : undefined;
          if (balancer && this.ids.has(balancer) && this.securityGroupsOf(r).length === 0) {
            this.edge(this.ids.get(balancer)!, id, `forwards to ${lb.ContainerPort ?? ''}`.trim());
          }
        }
      }
      for (const strategy of r.properties.CapacityProviderStrategy ?? []) {
        const cp = this.model.target(r.stack, strategy.CapacityProvider);
        const group = cp && this.model.target(cp.stack, cp.properties.AutoScalingGroupProvider?.AutoScalingGroupArn);
        if (group && this.ids.has(group)) this.edge(id, this.ids.get(group)!, 'runs on', true);
      }
    }
    // Security-group edges: every ingress rule of this resource's groups from a drawn peer, labelled with its ports.
    for (const group of this.securityGroupsOf(r)) {
      for (const rule of this.groups.rulesOf(group).ingress) {
        const ports = rule.protocol === '-1' ? 'all traffic' : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
        if (rule.peerGroup) {
          for (const peer of this.ids.keys()) {
            if (peer !== r && this.securityGroupsOf(peer).includes(rule.peerGroup)) this.edge(this.ids.get(peer)!, id, ports);
          }
        } else if (rule.prefixList !== undefined) {
          for (const cf of this.model.resources('AWS::CloudFront::Distribution')) this.edge(this.ids.get(cf) ?? '', id, ports);
        } else if (rule.cidr === '0.0.0.0/0' && users) {
          this.edge('users', id, ports);
        }
      }
    }
  }
}

function sameSet(a: Subnet[], b: Subnet[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** A label safe inside Mermaid's double quotes. */
function esc(text: string): string {
  return text.replace(/"/g, '#quot;');
}
