import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ApiServiceBaseProps, ApiServiceOptions } from './api-service-base-props';
import { FargateCapacity } from './scaling';

/** The options of a FargateApiService that do not wire it to its surroundings (WebAppBlueprint's `api`). */
export interface FargateApiServiceOptions extends ApiServiceOptions {
  /**
   * The CPU architecture of the image.
   * @default - ARM64 (Graviton) with the dev profile, X86_64 otherwise
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /**
   * Regular Fargate or a mix with Fargate Spot.
   * @default - FargateCapacity.spotMix({ onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 }) (Fargate Spot only) with dev, spotMix() with staging, onDemand() otherwise and on a cluster you bring (it may lack the Fargate Spot capacity provider)
   */
  readonly capacity?: FargateCapacity;
}

/** Properties of a FargateApiService. */
export interface FargateApiServiceProps extends ApiServiceBaseProps, FargateApiServiceOptions {}
