import { Template } from 'aws-cdk-lib/assertions';
import { buildEc2 } from './ec2-api-service-fixture';
import { IMAGE } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { AlarmKind, AlarmSet, ApiOrigin, CloudFrontAccess, Ec2ApiService, FargateApiService, WebAppBlueprint } from '../src';

/** The names of the alarms of a template. */
function alarmNames(template: Template): string[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a: any) => a.Properties.AlarmName).sort();
}

/** The properties of the alarm with this name. */
function alarm(template: Template, name: string): any {
  return (Object.values(template.findResources('AWS::CloudWatch::Alarm')).find((a: any) => a.Properties.AlarmName === name) as any).Properties;
}

describe('AlarmSet with an Ec2ApiService', () => {
  test('monitorApiService adds the capacity alarms of the instance group to the service and load balancer alarms', () => {
    const { stack, api } = buildEc2();
    new AlarmSet(stack, 'Alarms', { alarmNamePrefix: 'prod' }).monitorApiService(api, { label: 'Api' });
    const template = Template.fromStack(stack);
    expect(alarmNames(template)).toEqual([
      'prod-Api-CapacityProviderReservation', 'prod-Api-InstanceStatusCheckFailed', 'prod-Api-LoadBalancer5xx', 'prod-Api-ServiceCpu',
      'prod-Api-ServiceMemory', 'prod-Api-ServiceRunningTasks', 'prod-Api-Target5xx', 'prod-Api-TargetResponseTime', 'prod-Api-UnhealthyHosts',
    ]);
    expect(alarm(template, 'prod-Api-CapacityProviderReservation')).toMatchObject({
      Threshold: 100,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Metrics: [{ MetricStat: { Metric: { Namespace: 'AWS/ECS/ManagedScaling', MetricName: 'CapacityProviderReservation' }, Period: 300, Stat: 'Maximum' } }],
    });
    expect(alarm(template, 'prod-Api-InstanceStatusCheckFailed')).toMatchObject({
      Threshold: 0, Metrics: [{ MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'StatusCheckFailed' }, Period: 60, Stat: 'Maximum' } }],
    });
  });

  test('two services on one instance group alarm on the group once; a Fargate service gets no capacity alarm', () => {
    const { stack, api, network } = buildEc2();
    const back = new Ec2ApiService(stack, 'Back', { vpc: network.vpc, image: IMAGE, attachTo: api, pathPatterns: ['/api/*'], priority: 10 });
    const jobs = new FargateApiService(stack, 'Jobs', { vpc: network.vpc, image: IMAGE, attachTo: api, pathPatterns: ['/jobs/*'], priority: 20 });
    new AlarmSet(stack, 'Alarms', { alarmNamePrefix: 'p', apiServices: [api, back, jobs] });
    const names = alarmNames(Template.fromStack(stack));
    expect(names.filter((n) => n.endsWith('-CapacityProviderReservation'))).toEqual(['p-Api-CapacityProviderReservation']);
    expect(names.filter((n) => n.endsWith('-InstanceStatusCheckFailed'))).toEqual(['p-Api-InstanceStatusCheckFailed']);
    expect(names.filter((n) => n.startsWith('p-Jobs-'))).toHaveLength(6);
  });

  test('the capacity alarms take overrides like the others', () => {
    const { stack, api } = buildEc2();
    new AlarmSet(stack, 'Alarms', { overrides: [{ alarm: AlarmKind.CAPACITY_PROVIDER_RESERVATION, threshold: 150 }] }).monitorApiService(api);
    expect(alarm(Template.fromStack(stack), `${stack.stackName}-Api-CapacityProviderReservation`).Threshold).toBe(150);
  });

  test('monitorFargateApiService keeps working for a FargateApiService', () => {
    const { stack, network } = buildEc2();
    const fargate = new FargateApiService(stack, 'Fargate', { vpc: network.vpc, image: IMAGE });
    expect(new AlarmSet(stack, 'Alarms').monitorFargateApiService(fargate)).toHaveLength(7);
  });
});

describe('WebAppBlueprint and ApiOrigin with an Ec2ApiService', () => {
  test('the blueprint puts an existing Ec2ApiService behind its site, wires the database and alarms on its group; nag clean', () => {
    const { stack, api } = buildEc2({ cloudFrontAccess: CloudFrontAccess.vpcOrigin() });
    const blueprint = new WebAppBlueprint(stack, 'App', { existingApi: api });
    expect(blueprint.api).toBe(api);
    expect(blueprint.vpc).toBe(api.cluster.vpc);
    const template = Template.fromStack(stack);
    const container = (Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0] as any).Properties.ContainerDefinitions[0];
    expect(container.Secrets.map((s: any) => s.Name)).toEqual(['DB_USERNAME', 'DB_PASSWORD']);
    expect(alarmNames(template).some((n) => n.endsWith('-CapacityProviderReservation'))).toBe(true);
    expectNagClean(api);
  });

  test('ApiOrigin.fromApiService reaches an Ec2ApiService through its CloudFront access', () => {
    const { api } = buildEc2({ cloudFrontAccess: CloudFrontAccess.vpcOrigin() });
    const origin = ApiOrigin.fromApiService(api);
    expect(origin.usesVpcOrigin).toBe(true);
    expect(origin.loadBalancer).toBe(api.loadBalancer);
  });
});
