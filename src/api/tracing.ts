import * as ecs from 'aws-cdk-lib/aws-ecs';

/** Options of `Tracing.openTelemetryCollector()`. */
export interface OpenTelemetryCollectorOptions {
  /**
   * The collector image (AWS Distro for OpenTelemetry).
   * @default - public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0
   */
  readonly image?: ecs.ContainerImage;
  /**
   * Memory (MiB) reserved for the collector out of the task's memory.
   * @default 64
   */
  readonly memoryReservationMiB?: number;
}

/**
 * Distributed tracing of a service's requests in AWS X-Ray through a sidecar in each task.
 *
 * The AWS Distro for OpenTelemetry collector receives OTLP (gRPC 4317, HTTP 4318) and X-Ray SDK
 * segments (UDP 2000) and sends them to X-Ray: the X-Ray daemon reaches its end of support on
 * 2027-02-25 (AWS X-Ray developer guide, read 2026-12-01), and OpenTelemetry is what AWS recommends.
 */
export class Tracing {
  /** An AWS Distro for OpenTelemetry collector sidecar that exports traces to X-Ray (and nothing else). */
  public static openTelemetryCollector(options: OpenTelemetryCollectorOptions = {}): Tracing {
    return new Tracing(
      options.image ?? ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0'),
      options.memoryReservationMiB ?? 64,
    );
  }

  private constructor(
    /** The collector image. */
    public readonly image: ecs.ContainerImage,
    /** Memory (MiB) reserved for the collector. */
    public readonly memoryReservationMiB: number,
  ) {}
}
