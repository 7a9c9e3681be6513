import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { build } from './fargate-api-service-fixture';
import { expectNagClean, nagFindings } from './nag';
import { EnvironmentProfile, Tracing } from '../src';

function containers(template: Template): any[] {
  const taskDefinition: any = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0];
  return taskDefinition.Properties.ContainerDefinitions;
}

function taskRoleStatements(template: Template): any[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => JSON.stringify(p.Properties.Roles).includes('TaskRole'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('FargateApiService tracing', () => {
  test('an OpenTelemetry collector sidecar: not essential, read-only, logged, traces-only config; the app gets its addresses and waits for it', () => {
    const { api, template } = build({ tracing: Tracing.openTelemetryCollector() });
    const [app, collector] = containers(template);
    expect(collector).toMatchObject({
      Name: 'otel-collector',
      Image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
      Essential: false,
      MemoryReservation: 64,
      ReadonlyRootFilesystem: true,
      LogConfiguration: { LogDriver: 'awslogs', Options: expect.objectContaining({ 'awslogs-stream-prefix': 'otel-collector' }) },
    });
    const config = collector.Environment.find((e: any) => e.Name === 'AOT_CONFIG_CONTENT').Value;
    expect(config).toContain('exporters: [awsxray]');
    expect(config).not.toContain('awsemf');
    expect(app.Environment).toEqual(expect.arrayContaining([
      { Name: 'OTEL_EXPORTER_OTLP_ENDPOINT', Value: 'http://127.0.0.1:4317' },
      { Name: 'AWS_XRAY_DAEMON_ADDRESS', Value: '127.0.0.1:2000' },
    ]));
    expect(app.DependsOn).toEqual([{ ContainerName: 'otel-collector', Condition: 'START' }]);
    expect(api.tracingCollector?.containerName).toBe('otel-collector');
  });

  test('least privilege: the task role may write traces and read sampling rules, nothing else', () => {
    const { template } = build({ tracing: Tracing.openTelemetryCollector() });
    const statements = taskRoleStatements(template);
    expect(statements).toEqual([{
      Effect: 'Allow',
      Resource: '*',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
    }]);
  });

  test('image and memory reservation can be changed', () => {
    const { template } = build({
      tracing: Tracing.openTelemetryCollector({ image: ecs.ContainerImage.fromRegistry('example.com/otel:1'), memoryReservationMiB: 128 }),
    });
    expect(containers(template)[1]).toMatchObject({ Image: 'example.com/otel:1', MemoryReservation: 128 });
  });

  test.each([undefined, EnvironmentProfile.dev(), EnvironmentProfile.staging(), EnvironmentProfile.prod()])('off by default (profile %o)', (profile) => {
    const { api, template } = build({ profile });
    expect(containers(template)).toHaveLength(1);
    expect(api.tracingCollector).toBeUndefined();
    expect(taskRoleStatements(template).filter((s) => JSON.stringify(s).includes('xray'))).toEqual([]);
  });

  test('a memory reservation below 6 MiB is refused', () => {
    expect(() => build({ tracing: Tracing.openTelemetryCollector({ memoryReservationMiB: 4 }) }))
      .toThrow("FargateApiService 'Stack/Api': tracing memoryReservationMiB must be a whole number between 6 and 100000; got 4");
  });

  test('cdk-nag clean', () => {
    expectNagClean(build({ tracing: Tracing.openTelemetryCollector() }).api);
  });
});

describe('the tracing ECS2 acknowledgement', () => {
  test('is not made when the application has plain variables of its own: the finding reaches the user', () => {
    const { api } = build({ tracing: Tracing.openTelemetryCollector(), environment: { FEATURE: 'on' } });
    expect(nagFindings(api)).toMatch(/AwsSolutions-ECS2/);
  });
});
