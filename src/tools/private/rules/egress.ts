import { RuleContext, RuleFinding } from './finding';
import { AssemblyModel, ModelResource } from '../assembly-model';
import { allowsTcp, SecurityGroupModel, SecurityGroupRule } from '../network-model';
import { Workload, workloadsOf } from '../workloads';

/** Rule ids of the egress rule. */
export const EGRESS_UNREACHABLE = 'egress-unreachable';
export const EGRESS_NAT_NO_PUBLIC_ADDRESS = 'egress-nat-no-public-address';
export const EGRESS_NAT_NO_INTERNET_GATEWAY = 'egress-nat-no-internet-gateway';
export const EGRESS_BLOCKED = 'egress-blocked';

/** Every AWS API a task needs to start (ECR, S3, CloudWatch Logs, Secrets Manager, SSM, ECS) is HTTPS. */
const HTTPS = 443;

/** How a subnet reaches the internet, as far as its route table says. */
interface InternetPath {
  readonly ok: boolean;
  /** Why not, when not: a finding on the NAT, or a sentence for the workload's finding. */
  readonly natFinding?: RuleFinding;
  readonly reason?: string;
}

/**
 * Every subnet that runs tasks or ECS instances reaches what they need to start (ECR, S3 for image
 * layers, CloudWatch Logs, Secrets Manager or SSM, the ECS endpoints for instances): through a default
 * route to a NAT with a public address in a subnet routed to an internet gateway, or an internet
 * gateway with public IPs of their own, or through the matching VPC endpoints.
 */
export function egressRule({ model, securityGroups }: RuleContext): RuleFinding[] {
  const findings = new Map<string, RuleFinding>();
  const add = (f: RuleFinding) => findings.set(`${f.ruleId}:${f.resource.path}`, f);
  for (const workload of workloadsOf(model)) {
    const groups = securityGroups.groupsOf(workload.resource, workload.securityGroups);
    const blocked = groups.length > 0 && groups.every((g) => {
      const egress = securityGroups.rulesOf(g).egress;
      return egress !== undefined && !egress.some((r) => allowsTcp(r, HTTPS));
    });
    if (blocked) {
      add({
        ruleId: EGRESS_BLOCKED,
        resource: workload.resource,
        message: `has security groups that let no HTTPS (tcp ${HTTPS}) out, and every AWS API its tasks need to start (${workload.needs.join(', ')}) is HTTPS`,
        fix: `allow egress tcp ${HTTPS} (to 0.0.0.0/0, or to the VPC endpoints' security group and the S3 prefix list)`,
      });
      continue;
    }
    for (const subnet of workload.subnets) {
      const routeTable = routeTableOf(model, subnet);
      const internet = internetPath(model, routeTable, workload);
      if (internet.natFinding) add(internet.natFinding);
      if (internet.ok) {
        const nat = natInstanceClosedTo(model, securityGroups, routeTable, groups);
        if (nat) {
          add({
            ruleId: EGRESS_BLOCKED,
            resource: nat,
            message: `is the NAT of subnet ${subnet.path}, but no ingress rule of its security groups admits tcp ${HTTPS} from ${workload.resource.path}`,
            fix: 'admit the VPC CIDR (or the workloads\' security groups) on the NAT instance\'s security group',
          });
        }
        continue;
      }
      const missing = workload.needs.filter((need) => !endpointServes(model, securityGroups, subnet, routeTable, need, groups));
      if (missing.length === 0) continue;
      const key = `${EGRESS_UNREACHABLE}:${workload.resource.path}`;
      if (findings.has(key)) continue;
      findings.set(key, {
        ruleId: EGRESS_UNREACHABLE,
        resource: workload.resource,
        message: `runs in subnet ${subnet.path}, which has no way to ${[...new Set(missing.map(describeNeed))].join(', ')}: ${internet.reason}, `
          + `and the VPC has no ${missing.filter((m) => m !== 'internet').map((m) => `${m} endpoint`).join(', ') || 'endpoint that could serve it'}`
          + ' that serves it (private DNS on, HTTPS admitted from its security groups; for S3 a gateway on its route table)',
        fix: missing.includes('internet')
          ? 'give the subnet a default route through a NAT with a public address (SecureVpc natStrategy), or pull the image from ECR'
          : 'give the subnet a default route through a NAT with a public address (SecureVpc natStrategy), or add the VPC endpoints '
            + `(SecureVpc endpoints.containerImagePull${workload.needs.includes('ecs') ? ' and endpoints.ecs' : ''}; an S3 gateway endpoint on the subnet's route table)`,
      });
    }
  }
  return [...findings.values()];
}

function describeNeed(need: string): string {
  switch (need) {
    case 'internet': return 'pull its image from a registry outside AWS';
    case 'ecr.api': case 'ecr.dkr': return 'reach ECR';
    case 's3': return 'download image layers from S3';
    case 'logs': return 'write logs to CloudWatch Logs';
    case 'secretsmanager': return 'read its secrets from Secrets Manager';
    case 'ssm': return 'read its parameters from SSM';
    default: return `reach ${need}`;
  }
}

function routeTableOf(model: AssemblyModel, subnet: ModelResource): ModelResource | undefined {
  for (const association of model.resources('AWS::EC2::SubnetRouteTableAssociation')) {
    if (model.target(association.stack, association.properties.SubnetId) === subnet) {
      return model.target(association.stack, association.properties.RouteTableId);
    }
  }
  return undefined;
}

function defaultRoute(model: AssemblyModel, routeTable: ModelResource | undefined): ModelResource | undefined {
  if (!routeTable) return undefined;
  return model.resources('AWS::EC2::Route').find((route) => route.properties.DestinationCidrBlock === '0.0.0.0/0'
    && model.target(route.stack, route.properties.RouteTableId) === routeTable);
}

function routesToInternetGateway(model: AssemblyModel, subnet: ModelResource): boolean {
  const route = defaultRoute(model, routeTableOf(model, subnet));
  return route !== undefined && model.target(route.stack, route.properties.GatewayId)?.type === 'AWS::EC2::InternetGateway';
}

function internetPath(model: AssemblyModel, routeTable: ModelResource | undefined, workload: Workload): InternetPath {
  const route = defaultRoute(model, routeTable);
  if (!route) return { ok: false, reason: 'its route table has no default route' };
  const p = route.properties;
  if (p.GatewayId !== undefined) {
    const gateway = model.target(route.stack, p.GatewayId);
    if (gateway && gateway.type !== 'AWS::EC2::InternetGateway') return { ok: true };
    if (workload.publicIp) return { ok: true };
    return { ok: false, reason: 'its default route goes to an internet gateway but it gets no public IP (AssignPublicIp)' };
  }
  if (p.NatGatewayId !== undefined) {
    const nat = model.target(route.stack, p.NatGatewayId);
    if (!nat) return { ok: true };
    if (nat.properties.ConnectivityType === 'private') return { ok: false, reason: `its default route goes to the private NAT gateway ${nat.path}` };
    const natSubnet = model.target(nat.stack, nat.properties.SubnetId);
    if (natSubnet && !routesToInternetGateway(model, natSubnet)) return noInternetGateway(nat, natSubnet);
    return { ok: true };
  }
  if (p.InstanceId !== undefined) {
    const instance = model.target(route.stack, p.InstanceId);
    if (instance?.type !== 'AWS::EC2::Instance') return { ok: true };
    const primary = (instance.properties.NetworkInterfaces ?? []).find((i: any) => String(i.DeviceIndex) === '0');
    const natSubnet = model.target(instance.stack, primary?.SubnetId ?? instance.properties.SubnetId);
    if (!hasPublicAddress(model, instance, primary, natSubnet)) {
      return {
        ok: false,
        reason: `its default route goes to the NAT instance ${instance.path}, which has no public address`,
        natFinding: {
          ruleId: EGRESS_NAT_NO_PUBLIC_ADDRESS,
          resource: instance,
          message: 'is the NAT of private subnets but has no public IPv4 address (no Elastic IP, AssociatePublicIpAddress is not set and its subnet does not map public IPs): nothing behind it reaches the internet',
          fix: 'associate an Elastic IP with the instance (AWS::EC2::EIP InstanceId), or launch it with AssociatePublicIpAddress (NatInstanceProviderV2 associatePublicIpAddress)',
        },
      };
    }
    if (natSubnet && !routesToInternetGateway(model, natSubnet)) return noInternetGateway(instance, natSubnet);
    return { ok: true };
  }
  // Transit gateways, peering, network interfaces: routed elsewhere, which the assembly cannot follow.
  return { ok: true };
}

function noInternetGateway(nat: ModelResource, natSubnet: ModelResource): InternetPath {
  return {
    ok: false,
    reason: `its NAT ${nat.path} sits in subnet ${natSubnet.path}, which has no default route to an internet gateway`,
    natFinding: {
      ruleId: EGRESS_NAT_NO_INTERNET_GATEWAY,
      resource: nat,
      message: `sits in subnet ${natSubnet.path}, whose route table has no default route to an internet gateway`,
      fix: 'put the NAT in a public subnet (a 0.0.0.0/0 route to the VPC\'s internet gateway)',
    },
  };
}

function hasPublicAddress(model: AssemblyModel, instance: ModelResource, primary: any, subnet: ModelResource | undefined): boolean {
  if (primary?.AssociatePublicIpAddress === true || primary?.AssociatePublicIpAddress === 'true') return true;
  const targetsInstance = (r: ModelResource) => model.target(r.stack, r.properties.InstanceId) === instance;
  if (model.resources('AWS::EC2::EIP').some(targetsInstance)) return true;
  if (model.resources('AWS::EC2::EIPAssociation').some(targetsInstance)) return true;
  const mapsPublicIps = subnet?.properties.MapPublicIpOnLaunch === true || subnet?.properties.MapPublicIpOnLaunch === 'true';
  return primary?.AssociatePublicIpAddress === undefined && mapsPublicIps;
}

/** The NAT instance the route table sends traffic to, when its security groups admit no HTTPS from the workload. */
function natInstanceClosedTo(model: AssemblyModel, securityGroups: SecurityGroupModel, routeTable: ModelResource | undefined, from: ModelResource[]) {
  const route = defaultRoute(model, routeTable);
  const instance = route?.properties.InstanceId === undefined ? undefined : model.target(route.stack, route.properties.InstanceId);
  if (instance?.type !== 'AWS::EC2::Instance') return undefined;
  const primary = (instance.properties.NetworkInterfaces ?? []).find((i: any) => String(i.DeviceIndex) === '0');
  const groups = securityGroups.groupsOf(instance, primary?.GroupSet ?? instance.properties.SecurityGroupIds);
  if (groups.length === 0) return undefined;
  return groups.some((g) => securityGroups.rulesOf(g).ingress.some((r) => admits(r, from))) ? undefined : instance;
}

/** Whether a rule admits HTTPS from the workload: from a CIDR (the VPC's, as SecureVpc writes it) or one of its groups. */
function admits(rule: SecurityGroupRule, from: ModelResource[]): boolean {
  const fromGroup = rule.peerGroup !== undefined && (from.length === 0 || from.includes(rule.peerGroup));
  return allowsTcp(rule, HTTPS) && (rule.cidr !== undefined || fromGroup);
}

/** Whether a VPC endpoint serves `need` to the subnet (interface endpoints with private DNS admitting HTTPS; S3 gateway on its route table). */
function endpointServes(model: AssemblyModel, securityGroups: SecurityGroupModel, subnet: ModelResource,
  routeTable: ModelResource | undefined, need: string, from: ModelResource[]): boolean {
  if (need === 'internet') return false;
  const vpc = model.target(subnet.stack, subnet.properties.VpcId);
  return model.resources('AWS::EC2::VPCEndpoint').some((endpoint) => {
    const p = endpoint.properties;
    const service = model.literal(endpoint.stack, p.ServiceName);
    if (!service?.endsWith(`.${need}`) || model.target(endpoint.stack, p.VpcId) !== vpc) return false;
    if (p.VpcEndpointType === 'Gateway' || p.VpcEndpointType === undefined) {
      return Array.isArray(p.RouteTableIds) && p.RouteTableIds.some((id: unknown) => routeTable && model.target(endpoint.stack, id) === routeTable);
    }
    const groups = securityGroups.groupsOf(endpoint, p.SecurityGroupIds);
    const open = groups.length === 0 || groups.some((g) => securityGroups.rulesOf(g).ingress.some((r) => admits(r, from)));
    return open && (p.PrivateDnsEnabled === true || p.PrivateDnsEnabled === 'true');
  });
}
