import { RuleContext, RuleFinding } from './finding';
import { AssemblyModel, ModelResource } from '../assembly-model';
import { allowsTcp, describeRule, isOpenToWorld, SecurityGroupModel, SecurityGroupRule } from '../network-model';
import { workloadsOf } from '../workloads';

/** Rule ids of the paths rule. */
export const PATH_CLOSED = 'path-closed';
export const PATH_TOO_WIDE = 'path-too-wide';

/** Default ports of database engines, for clusters and instances that do not set Port. */
const ENGINE_PORTS: Array<[RegExp, number]> = [[/postgres/, 5432], [/mysql|mariadb/, 3306]];

/**
 * Every hop the architecture needs is open in its security groups on exactly its port, and nothing
 * wider: viewer -> CloudFront (the distribution is enabled), CloudFront -> load balancer (a listener
 * on the origin port, admitted by the load balancer's security group), load balancer -> task
 * (container port, both directions of the two groups), task -> database (database port).
 */
export function pathsRule({ model, securityGroups }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const closed = (resource: ModelResource, message: string, fix: string) => findings.push({ ruleId: PATH_CLOSED, resource, message, fix });
  const wide = (resource: ModelResource, message: string, fix: string) => findings.push({ ruleId: PATH_TOO_WIDE, resource, message, fix });

  // viewer -> CloudFront
  for (const distribution of model.resources('AWS::CloudFront::Distribution')) {
    const enabled = distribution.properties.DistributionConfig?.Enabled;
    if (enabled === false || enabled === 'false') {
      closed(distribution, 'is disabled: viewers get no answer', 'set Enabled to true (or remove the distribution)');
    }
  }

  // CloudFront -> load balancer, and the listener ports of every load balancer.
  const listeners = model.resources('AWS::ElasticLoadBalancingV2::Listener');
  const vpcOrigins = model.resources('AWS::CloudFront::VpcOrigin');
  const neededPorts = new Map<ModelResource, Set<number>>();
  const need = (group: ModelResource, port: number) => (neededPorts.get(group) ?? neededPorts.set(group, new Set()).get(group)!).add(port);
  // Groups of tasks and databases: only their peers inside the VPC ever need to reach them.
  const internal = new Set<ModelResource>();
  for (const loadBalancer of model.resources('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    const groups = securityGroups.groupsOf(loadBalancer, loadBalancer.properties.SecurityGroups);
    if (groups.length === 0) continue;
    const ports = listeners.filter((l) => model.target(l.stack, l.properties.LoadBalancerArn) === loadBalancer)
      .map((l) => Number(model.literal(l.stack, l.properties.Port))).filter((p) => !Number.isNaN(p));
    for (const port of ports) {
      groups.forEach((g) => need(g, port));
      if (!groups.some((g) => securityGroups.rulesOf(g).ingress.some((r) => allowsTcp(r, port)))) {
        closed(loadBalancer, `has a listener on port ${port} that no ingress rule of its security groups admits`,
          `allow tcp ${port} on the load balancer's security group from its clients (CloudFront's origin-facing prefix list, the VPC CIDR for a VPC origin, or the internet)`);
      }
    }
    for (const origin of vpcOrigins.filter((o) => model.target(o.stack, o.properties.VpcOriginEndpointConfig?.Arn) === loadBalancer)) {
      const config = origin.properties.VpcOriginEndpointConfig;
      const port = Number(config.OriginProtocolPolicy === 'http-only' ? config.HTTPPort ?? 80 : config.HTTPSPort ?? 443);
      if (!ports.includes(port)) {
        closed(origin, `sends CloudFront to port ${port} of ${loadBalancer.path}, which has no listener there (listeners: ${ports.join(', ') || 'none'})`,
          `add a listener on ${port} or change the VPC origin's protocol policy and ports`);
      }
      for (const group of groups) {
        for (const rule of securityGroups.rulesOf(group).ingress.filter(isOpenToWorld)) {
          wide(rule.declaredBy, `admits ${describeRule(rule, 'from')} on ${group.path}, the security group of a load balancer only CloudFront's VPC origin reaches`,
            'admit the VPC CIDR (or CloudFront\'s origin-facing prefix list) instead of 0.0.0.0/0');
        }
      }
    }
  }

  // load balancer -> task
  const workloads = workloadsOf(model);
  for (const workload of workloads) {
    const taskGroups = securityGroups.groupsOf(workload.resource, workload.securityGroups);
    if (taskGroups.length === 0) continue;
    for (const mapping of workload.resource.properties.LoadBalancers ?? []) {
      const port = Number(model.literal(workload.resource.stack, mapping.ContainerPort));
      const targetGroup = model.target(workload.resource.stack, mapping.TargetGroupArn);
      if (!targetGroup || Number.isNaN(port)) continue;
      taskGroups.forEach((g) => { need(g, port); internal.add(g); });
      for (const loadBalancer of loadBalancersOf(model, targetGroup)) {
        const lbGroups = securityGroups.groupsOf(loadBalancer, loadBalancer.properties.SecurityGroups);
        if (lbGroups.length === 0) continue;
        const admitted = taskGroups.some((g) => securityGroups.rulesOf(g).ingress.some((r) => allowsTcp(r, port) && fromPeer(r, lbGroups)));
        if (!admitted) {
          closed(workload.resource, `receives traffic from ${loadBalancer.path} on port ${port}, but no ingress rule of its security groups admits tcp ${port} from the load balancer's security group`,
            `allow tcp ${port} from the load balancer (service.connections.allowFrom(loadBalancer, ec2.Port.tcp(${port})))`);
        }
        if (!lbGroups.some((g) => egressAllows(securityGroups, g, port, taskGroups))) {
          closed(loadBalancer, `forwards to ${workload.resource.path} on port ${port}, but no egress rule of its security groups lets tcp ${port} out to the tasks`,
            `allow egress tcp ${port} from the load balancer's security group to the tasks' security group`);
        }
      }
    }
  }

  // task -> database
  const standaloneInstances = model.resources('AWS::RDS::DBInstance').filter((i) => !i.properties.DBClusterIdentifier);
  for (const database of [...model.resources('AWS::RDS::DBCluster'), ...standaloneInstances]) {
    const port = databasePort(model, database);
    const dbGroups = securityGroups.groupsOf(database, database.properties.VpcSecurityGroupIds);
    if (port === undefined || dbGroups.length === 0) continue;
    dbGroups.forEach((g) => { need(g, port); internal.add(g); });
    for (const workload of workloads.filter((w) => w.taskDefinition && usesDatabase(model, w.taskDefinition, database))) {
      const taskGroups = securityGroups.groupsOf(workload.resource, workload.securityGroups);
      if (taskGroups.length === 0) continue;
      if (!dbGroups.some((g) => securityGroups.rulesOf(g).ingress.some((r) => allowsTcp(r, port) && fromPeer(r, taskGroups)))) {
        closed(database, `is used by ${workload.resource.path}, but no ingress rule of its security groups admits tcp ${port} from the tasks' security group`,
          `allow tcp ${port} from the service (database.connections.allowDefaultPortFrom(service))`);
      }
      if (!taskGroups.some((g) => egressAllows(securityGroups, g, port, dbGroups))) {
        closed(workload.resource, `uses the database ${database.path}, but no egress rule of its security groups lets tcp ${port} out to it`,
          `allow egress tcp ${port} from the tasks' security group to the database's`);
      }
    }
  }

  // nothing wider: the ingress of load balancer, task and database groups opens only the ports those hops need.
  for (const [group, ports] of neededPorts) {
    for (const rule of securityGroups.rulesOf(group).ingress) {
      const exact = rule.protocol === 'tcp' && rule.fromPort === rule.toPort && ports.has(rule.fromPort);
      if (exact && internal.has(group) && isOpenToWorld(rule)) {
        wide(rule.declaredBy, `admits ${describeRule(rule, 'from')} on ${group.path}, whose only clients are inside the VPC`,
          'admit the security group of the client (load balancer or service) instead of 0.0.0.0/0');
      } else if (!exact) {
        wide(rule.declaredBy, `admits ${describeRule(rule, 'from')} on ${group.path}, which needs only tcp ${[...ports].sort((a, b) => a - b).join(', ')}`,
          'narrow the rule to the port the hop uses (or remove it)');
      }
    }
  }
  return findings;
}

function fromPeer(rule: SecurityGroupRule, peers: ModelResource[]): boolean {
  return (rule.peerGroup !== undefined && peers.includes(rule.peerGroup)) || (rule.cidr !== undefined && !isOpenToWorld(rule));
}

function egressAllows(securityGroups: SecurityGroupModel, group: ModelResource, port: number, peers: ModelResource[]): boolean {
  const egress = securityGroups.rulesOf(group).egress;
  const toPeer = (r: SecurityGroupRule) => (r.peerGroup === undefined ? r.cidr !== undefined : peers.includes(r.peerGroup));
  return egress === undefined || egress.some((r) => allowsTcp(r, port) && toPeer(r));
}

function loadBalancersOf(model: AssemblyModel, targetGroup: ModelResource): ModelResource[] {
  const found = new Set<ModelResource>();
  const forwardsTo = (actions: unknown, from: ModelResource) => model.referencedResources(from, actions).includes(targetGroup);
  for (const listener of model.resources('AWS::ElasticLoadBalancingV2::Listener')) {
    if (forwardsTo(listener.properties.DefaultActions, listener)) found.add(model.target(listener.stack, listener.properties.LoadBalancerArn)!);
  }
  for (const rule of model.resources('AWS::ElasticLoadBalancingV2::ListenerRule')) {
    if (!forwardsTo(rule.properties.Actions, rule)) continue;
    const listener = model.target(rule.stack, rule.properties.ListenerArn);
    if (listener) found.add(model.target(listener.stack, listener.properties.LoadBalancerArn)!);
  }
  return [...found].filter((lb) => lb !== undefined);
}

function databasePort(model: AssemblyModel, database: ModelResource): number | undefined {
  const port = model.literal(database.stack, database.properties.Port);
  if (port !== undefined) return Number(port);
  const engine = model.literal(database.stack, database.properties.Engine) ?? '';
  return ENGINE_PORTS.find(([pattern]) => pattern.test(engine))?.[1];
}

/** Whether a task definition refers to the database: its endpoint, or a secret attached to it. */
function usesDatabase(model: AssemblyModel, taskDefinition: ModelResource, database: ModelResource): boolean {
  const attachments = model.resources('AWS::SecretsManager::SecretTargetAttachment')
    .filter((a) => model.target(a.stack, a.properties.TargetId) === database);
  const secrets = attachments.map((a) => model.target(a.stack, a.properties.SecretId));
  return model.referencedResources(taskDefinition, taskDefinition.properties.ContainerDefinitions)
    .some((r) => r === database || attachments.includes(r) || secrets.includes(r));
}
