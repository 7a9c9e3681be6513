// AlarmSet example: the alarms, notifications, dashboard and cost budget of reference
// architecture A/C's web application (ECS service behind an ALB, Aurora Serverless v2, CloudFront),
// added to resources that already exist. CloudFront publishes its metrics only in us-east-1, so the
// stack deploys there.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { AlarmKind, AlarmSet, AlarmSeverity, EnvironmentProfile } from '../../src';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';

/** Adds the AlarmSet example stack to `app`. */
export function buildAlarmSetExample(app: App): Stack {
  const stack = new Stack(app, 'AlarmSetExample', { env: { account: ACCOUNT, region: REGION } });

  // The application as it already runs (imported: no lookups, no account access at synth).
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a', 'us-east-1b'] });
  const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'webapp-prod', vpc });
  const service = ecs.FargateService.fromFargateServiceAttributes(stack, 'Api', { cluster, serviceName: 'api' });
  const loadBalancerArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/webapp-prod/0123456789abcdef`;
  const loadBalancer = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(stack, 'Alb', {
    loadBalancerArn, securityGroupId: 'sg-0123456789abcdef0',
  });
  const targetGroup = elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(stack, 'ApiTargets', {
    targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/api/0123456789abcdef`,
    loadBalancerArns: loadBalancerArn,
  });
  const database = rds.DatabaseCluster.fromDatabaseClusterAttributes(stack, 'Database', { clusterIdentifier: 'webapp-prod' });
  const distribution = cloudfront.Distribution.fromDistributionAttributes(stack, 'Cdn', {
    distributionId: 'E2EXAMPLE0ABCD', domainName: 'd111111abcdef8.cloudfront.net',
  });

  const alarms = new AlarmSet(stack, 'Alarms', {
    profile: EnvironmentProfile.prod(),
    emailAddresses: ['oncall@example.com'],
    slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' },
    budget: { monthlyLimitUsd: 500, emailAddresses: ['finance@example.com'] },
    dashboardName: 'webapp-prod',
  });
  alarms.monitorFargateService(service, { label: 'Api' });
  alarms.monitorLoadBalancer(loadBalancer, targetGroup, {
    label: 'ApiLoadBalancer',
    overrides: [{ alarm: AlarmKind.TARGET_RESPONSE_TIME, threshold: 0.5, period: Duration.minutes(1), evaluationPeriods: 5 }],
  });
  alarms.monitorDatabaseCluster(database, {
    label: 'Database',
    serverless: true,
    overrides: [{ alarm: AlarmKind.DATABASE_CONNECTIONS, threshold: 400, severity: AlarmSeverity.CRITICAL }],
  });
  alarms.monitorDistribution(distribution, { label: 'Cdn' });
  return stack;
}
