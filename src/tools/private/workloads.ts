import { AssemblyModel, ModelResource, walk } from './assembly-model';

/** Something that runs in subnets and needs AWS services to start: an ECS service or the instances of ECS capacity. */
export interface Workload {
  /** The ECS service or Auto Scaling group. */
  readonly resource: ModelResource;
  /** The subnets it runs in (those of the assembly). */
  readonly subnets: ModelResource[];
  /** Its security groups (awsvpc services), empty when unknown. */
  readonly securityGroups: unknown[];
  /** Whether it gets public IPv4 addresses of its own. */
  readonly publicIp: boolean;
  /** The endpoint service suffixes it needs to start, e.g. `ecr.api`, `logs`, `secretsmanager`. */
  readonly needs: string[];
  /** The task definition (ECS services). */
  readonly taskDefinition?: ModelResource;
}

/** The ECS services (awsvpc) and ECS capacity Auto Scaling groups of an assembly. */
export function workloadsOf(model: AssemblyModel): Workload[] {
  const workloads: Workload[] = [];
  for (const service of model.resources('AWS::ECS::Service')) {
    const vpcConfig = service.properties.NetworkConfiguration?.AwsvpcConfiguration;
    if (!vpcConfig) continue;
    const taskDefinition = model.target(service.stack, service.properties.TaskDefinition);
    workloads.push({
      resource: service,
      subnets: subnetsOf(model, service, vpcConfig.Subnets),
      securityGroups: vpcConfig.SecurityGroups ?? [],
      publicIp: vpcConfig.AssignPublicIp === 'ENABLED',
      needs: taskDefinition ? taskNeeds(model, taskDefinition) : [],
      taskDefinition,
    });
  }
  for (const provider of model.resources('AWS::ECS::CapacityProvider')) {
    const group = model.target(provider.stack, provider.properties.AutoScalingGroupProvider?.AutoScalingGroupArn);
    if (group?.type !== 'AWS::AutoScaling::AutoScalingGroup') continue;
    const launchTemplate = launchTemplateOf(model, group);
    const interfaces = launchTemplate?.properties.LaunchTemplateData?.NetworkInterfaces ?? [];
    workloads.push({
      resource: group,
      subnets: subnetsOf(model, group, group.properties.VPCZoneIdentifier),
      securityGroups: launchTemplate?.properties.LaunchTemplateData?.SecurityGroupIds ?? [],
      publicIp: interfaces.some((i: any) => i.AssociatePublicIpAddress === true),
      // The ECS agent registers the instance and pulls images; its logs go to CloudWatch.
      needs: ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr', 's3'],
    });
  }
  return workloads;
}

/** The launch template of an Auto Scaling group (its own, or that of its mixed instances policy). */
export function launchTemplateOf(model: AssemblyModel, group: ModelResource): ModelResource | undefined {
  const p = group.properties;
  return model.target(group.stack, (p.LaunchTemplate ?? p.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification)?.LaunchTemplateId);
}

function subnetsOf(model: AssemblyModel, from: ModelResource, ids: unknown): ModelResource[] {
  if (!Array.isArray(ids)) return [];
  return ids.map((id) => model.target(from.stack, id)).filter((s): s is ModelResource => s?.type === 'AWS::EC2::Subnet');
}

/** What a task needs from AWS before its containers run: image layers, log streams, secrets. */
function taskNeeds(model: AssemblyModel, taskDefinition: ModelResource): string[] {
  const needs = new Set<string>();
  for (const container of taskDefinition.properties.ContainerDefinitions ?? []) {
    const image = JSON.stringify(container.Image ?? '');
    if (image.includes('.dkr.ecr.')) needs.add('ecr.api').add('ecr.dkr').add('s3');
    else needs.add('internet');
    if (container.LogConfiguration?.LogDriver === 'awslogs') needs.add('logs');
    for (const secret of container.Secrets ?? []) {
      const text = JSON.stringify(secret.ValueFrom);
      const targets = model.referencedResources(taskDefinition, secret.ValueFrom).map((r) => r.type);
      if (text.includes(':ssm:') || text.includes(':parameter/') || targets.includes('AWS::SSM::Parameter')) needs.add('ssm');
      else needs.add('secretsmanager');
    }
  }
  // A private registry's credentials are a Secrets Manager secret too.
  for (const v of walk(taskDefinition.properties.ContainerDefinitions)) {
    if (v && typeof v === 'object' && 'CredentialsParameter' in (v as object)) needs.add('secretsmanager');
  }
  return [...needs].sort();
}
