// Shared GIVENs of the AlarmSet tests: a stack, an AlarmSet and imported resources to monitor.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { AlarmSet, AlarmSetProps } from '../src';

export const ACCOUNT = '111111111111';
export const VIRGINIA = { account: ACCOUNT, region: 'us-east-1' };
export const TOKYO = { account: ACCOUNT, region: 'ap-northeast-1' };

/** An AlarmSet 'Alarms' in stack 'Stack' (us-east-1 unless told; `{}` for an environment-agnostic stack). */
export function build(props?: AlarmSetProps, env: { account?: string; region?: string } = VIRGINIA) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: env.region ? env : undefined });
  const alarms = new AlarmSet(stack, 'Alarms', props);
  return { app, stack, alarms, template: () => Template.fromStack(stack) };
}

/** Existing resources of the application, imported without lookups. */
export function imported(stack: Stack) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'] });
  const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'prod', vpc });
  const service = ecs.FargateService.fromFargateServiceAttributes(stack, 'Api', { cluster, serviceName: 'api' });
  const loadBalancerArn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/web/0123456789abcdef`;
  const loadBalancer = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(stack, 'Alb', { loadBalancerArn, securityGroupId: 'sg-1' });
  const targetGroup = elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(stack, 'Targets', {
    targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/api/0123456789abcdef`,
    loadBalancerArns: loadBalancerArn,
  });
  const database = rds.DatabaseCluster.fromDatabaseClusterAttributes(stack, 'Db', { clusterIdentifier: 'orders' });
  const distribution = cloudfront.Distribution.fromDistributionAttributes(stack, 'Cdn', { distributionId: 'E2EXAMPLE', domainName: 'd1.cloudfront.net' });
  return { service, loadBalancer, targetGroup, database, distribution };
}

/** The properties of the alarm whose name ends with `-<suffix>` (e.g. `Api-ServiceCpu`). */
export function alarm(template: Template, suffix: string): any {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .filter((r: any) => typeof r.Properties.AlarmName === 'string' && r.Properties.AlarmName.endsWith(`-${suffix}`));
  if (found.length !== 1) throw new Error(`expected one alarm named *-${suffix}, found ${found.length}`);
  return (found[0] as any).Properties;
}

/** The alarm's single metric stat (namespace, name, dimensions, period, stat). */
export function metricStat(props: any): any {
  return props.Metrics ? props.Metrics[0].MetricStat : props;
}

/** The names of every alarm in the template, sorted. */
export function alarmNames(template: Template): string[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.AlarmName).sort();
}
