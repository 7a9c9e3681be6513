import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { build, ServiceOptions } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { EnvironmentProfile } from '../src';

function stepPolicies(template: Template): any[] {
  return Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'))
    .map((r: any) => r.Properties)
    .filter((p: any) => p.PolicyType === 'StepScaling');
}

function cpuAlarms(template: Template): any[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map((r: any) => r.Properties)
    .filter((p: any) => p.MetricName === 'CPUUtilization');
}

describe('FargateApiService step scaling on CPU', () => {
  const E = { scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30 } } };

  test('out by 1 task at 70 % and above, in by 1 at 30 % and below, over 3 minutes; no CPU target tracking', () => {
    const { template } = build(E);
    const policies = stepPolicies(template);
    expect(policies).toHaveLength(2);
    const out = policies.find((p) => p.StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustment > 0);
    const scaleIn = policies.find((p) => p.StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustment < 0);
    expect(out.StepScalingPolicyConfiguration).toMatchObject({
      AdjustmentType: 'ChangeInCapacity', Cooldown: 60, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
    });
    expect(scaleIn.StepScalingPolicyConfiguration).toMatchObject({
      AdjustmentType: 'ChangeInCapacity', Cooldown: 300, StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
    });
    const alarms = cpuAlarms(template);
    expect(alarms.map((a) => [a.ComparisonOperator, a.Threshold, a.EvaluationPeriods, a.Period, a.Statistic]).sort()).toEqual([
      ['GreaterThanOrEqualToThreshold', 70, 3, 60, 'Average'],
      ['LessThanOrEqualToThreshold', 30, 3, 60, 'Average'],
    ]);
    const tracked = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'))
      .map((r: any) => r.Properties.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType)
      .filter(Boolean);
    expect(tracked).toEqual(['ECSServiceAverageMemoryUtilization']);
  });

  test('step sizes, evaluation periods and cooldowns are written (prod scale-in cooldown by default)', () => {
    const { template } = build({
      profile: EnvironmentProfile.prod(),
      scaling: {
        cpuSteps: { scaleOutAbove: 80, scaleInBelow: 20, scaleOutBy: 3, scaleInBy: 2, evaluationPeriods: 5 },
        scaleOutCooldown: Duration.minutes(2),
      },
    });
    const policies = stepPolicies(template).map((p) => p.StepScalingPolicyConfiguration);
    expect(policies.map((c) => [c.StepAdjustments[0].ScalingAdjustment, c.Cooldown]).sort()).toEqual([[-2, 600], [3, 120]]);
    expect(cpuAlarms(template).map((a) => [a.Threshold, a.EvaluationPeriods]).sort()).toEqual([[20, 5], [80, 5]]);
  });

  test('cdk-nag clean', () => {
    expectNagClean(build(E).api);
  });
});

describe('FargateApiService step scaling refusals', () => {
  const refused = (props: ServiceOptions) => () => build(props);
  test('thresholds that overlap', () => {
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 50, scaleInBelow: 60 } } })).toThrow(
      "FargateApiService 'Stack/Api': scaling.cpuSteps.scaleInBelow (scaling.cpu_steps.scale_in_below) must be below scaleOutAbove (50): thresholds that overlap would add and remove tasks at the same CPU; got 60");
  });
  test('equal thresholds', () => {
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 50, scaleInBelow: 50 } } })).toThrow('scaling.cpuSteps.scaleInBelow (scaling.cpu_steps.scale_in_below) must be below scaleOutAbove (50)');
  });
  test('a threshold outside 0-100', () => {
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 120, scaleInBelow: 30 } } })).toThrow('scaling.cpuSteps.scaleOutAbove (scaling.cpu_steps.scale_out_above) must be between 1 and 100; got 120');
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: -1 } } })).toThrow('scaling.cpuSteps.scaleInBelow (scaling.cpu_steps.scale_in_below) must be between 0 and 99; got -1');
  });
  test('a step of no task', () => {
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30, scaleOutBy: 0 } } })).toThrow('scaling.cpuSteps.scaleOutBy (scaling.cpu_steps.scale_out_by) must be a whole number between 1 and 5000; got 0');
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30, scaleInBy: 1.5 } } })).toThrow('scaling.cpuSteps.scaleInBy (scaling.cpu_steps.scale_in_by) must be a whole number between 1 and 5000; got 1.5');
  });
  test('evaluation periods below 1', () => {
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30, evaluationPeriods: 0 } } })).toThrow('scaling.cpuSteps.evaluationPeriods (scaling.cpu_steps.evaluation_periods) must be a whole number between 1 and 1440; got 0');
  });
  test('steps and a CPU target together', () => {
    expect(refused({ scaling: { cpuSteps: { scaleOutAbove: 70, scaleInBelow: 30 }, targetCpuUtilization: 60 } })).toThrow(
      "FargateApiService 'Stack/Api': scaling.cpuSteps (scaling.cpu_steps) and scaling.targetCpuUtilization (scaling.target_cpu_utilization) cannot be combined: CPU scales by steps or by target tracking");
  });
});
