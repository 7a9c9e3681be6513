// The tracing sidecar of an API service's task (internal, not exported).
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { acknowledgeNag } from '../../private/nag';
import { checkInteger } from '../../private/validation';
import { Tracing } from '../tracing';

/** The collector's container name, also its host name for bridge-mode links. */
const COLLECTOR = 'otel-collector';

/** Traces only: OTLP and X-Ray SDK segments in, X-Ray out (no metrics, so no CloudWatch permission). */
const COLLECTOR_CONFIG = [
  'receivers:',
  '  otlp:',
  '    protocols:',
  '      grpc:',
  '        endpoint: 0.0.0.0:4317',
  '      http:',
  '        endpoint: 0.0.0.0:4318',
  '  awsxray:',
  '    endpoint: 0.0.0.0:2000',
  '    transport: udp',
  'processors:',
  '  batch/traces:',
  '    timeout: 1s',
  '    send_batch_size: 50',
  'exporters:',
  '  awsxray:',
  'service:',
  '  pipelines:',
  '    traces:',
  '      receivers: [otlp, awsxray]',
  '      processors: [batch/traces]',
  '      exporters: [awsxray]',
  '',
].join('\n');

/** The X-Ray actions a trace exporter needs (the AWSXRayDaemonWriteAccess actions); none has resource-level permissions. */
const XRAY_ACTIONS = [
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries',
];

/**
 * Adds the collector next to the application container: not essential (the application keeps
 * serving when it fails), read-only root filesystem, logs in the service's log group; the task
 * role may write traces only; the application gets the collector's addresses.
 */
export function addTracingSidecar(
  scope: IConstruct, tracing: Tracing, taskDefinition: ecs.TaskDefinition, app: ecs.ContainerDefinition, logGroup: logs.ILogGroup,
  hasOwnEnvironment: boolean,
): ecs.ContainerDefinition {
  checkInteger(scope, 'tracing memoryReservationMiB', tracing.memoryReservationMiB, 6, 100000);
  const collector = taskDefinition.addContainer('TracingCollector', {
    containerName: COLLECTOR,
    image: tracing.image,
    essential: false,
    memoryReservationMiB: tracing.memoryReservationMiB,
    readonlyRootFilesystem: true,
    environment: { AOT_CONFIG_CONTENT: COLLECTOR_CONFIG },
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: COLLECTOR }),
  });
  // awsvpc tasks share one network namespace; bridge-mode containers reach each other through a link.
  const bridge = taskDefinition.networkMode === ecs.NetworkMode.BRIDGE;
  if (bridge) app.addLink(collector, COLLECTOR);
  const host = bridge ? COLLECTOR : '127.0.0.1';
  app.addEnvironment('OTEL_EXPORTER_OTLP_ENDPOINT', `http://${host}:4317`);
  app.addEnvironment('AWS_XRAY_DAEMON_ADDRESS', `${host}:2000`);
  app.addContainerDependencies({ container: collector, condition: ecs.ContainerDependencyCondition.START });
  taskDefinition.addToTaskRolePolicy(new iam.PolicyStatement({ actions: XRAY_ACTIONS, resources: ['*'] }));
  acknowledgeNag(taskDefinition.taskRole, [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Tracing was asked for: the X-Ray trace and sampling actions support no resource-level permissions; no other X-Ray action is granted.',
  }]);
  // Only where the application itself has no plain variables: the acknowledgement covers the whole task.
  if (!hasOwnEnvironment) {
    acknowledgeNag(taskDefinition, [{
      id: 'AwsSolutions-ECS2',
      reason: 'No environment was given: the plain variables are the ones tracing adds, the collector\'s configuration and its addresses in the application container, which are not secret.',
    }]);
  }
  return collector;
}
