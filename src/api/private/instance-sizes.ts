// vCPUs and memory of the instance types an Ec2ApiService is likely to run on, to refuse a task that
// cannot be placed on them at synth time (internal, not exported).
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** vCPUs and installed memory (GiB) of one instance type. */
export interface InstanceSize {
  readonly vcpus: number;
  readonly memoryGiB: number;
}

// Source: Amazon EC2 instance type specifications (docs.aws.amazon.com/ec2/latest/instancetypes), read 2026-12-01.
const BURSTABLE: Record<string, InstanceSize> = {
  nano: { vcpus: 2, memoryGiB: 0.5 },
  micro: { vcpus: 2, memoryGiB: 1 },
  small: { vcpus: 2, memoryGiB: 2 },
  medium: { vcpus: 2, memoryGiB: 4 },
  large: { vcpus: 2, memoryGiB: 8 },
  xlarge: { vcpus: 4, memoryGiB: 16 },
  ['2xlarge']: { vcpus: 8, memoryGiB: 32 },
};
const SIZE_VCPUS: Record<string, number> = {
  'medium': 1, 'large': 2, 'xlarge': 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '12xlarge': 48, '16xlarge': 64,
};
/** GiB of memory per vCPU of the compute (c), general purpose (m) and memory optimized (r) families. */
const GIB_PER_VCPU: Record<string, number> = { c: 2, m: 4, r: 8 };
const BURSTABLE_FAMILIES = ['t3', 't3a', 't4g'];
const FIXED_FAMILIES = /^([cmr])([5-8])(a|i|g|gd|gn)?$/;

/**
 * Memory the ECS agent leaves for tasks: the kernel and platform keep part of the installed memory
 * (an m4.large registers 7985 of 8192 MiB: AWS ECS developer guide, "Reserving Amazon ECS Linux container
 * instance memory", read 2026-12-01; 5 % is assumed to cover smaller types too), and the launch template
 * reserves `reservedMiB` more for the ECS agent and SSM agent (ECS_RESERVED_MEMORY).
 */
export function memoryForTasksMiB(size: InstanceSize, reservedMiB: number): number {
  return Math.floor(size.memoryGiB * 1024 * 0.95) - reservedMiB;
}

/** The size of an instance type, or undefined when this table does not know it. */
export function instanceSize(instanceType: ec2.InstanceType): InstanceSize | undefined {
  const [family, size] = instanceType.toString().split('.');
  if (!family || !size) return undefined;
  if (BURSTABLE_FAMILIES.includes(family)) return BURSTABLE[size];
  const fixed = FIXED_FAMILIES.exec(family);
  const vcpus = SIZE_VCPUS[size];
  if (!fixed || vcpus === undefined) return undefined;
  // Only Graviton (g) and AMD 7th generation families have a medium size.
  if (size === 'medium' && !(family.endsWith('g') || family.endsWith('7a'))) return undefined;
  return { vcpus, memoryGiB: vcpus * GIB_PER_VCPU[fixed[1]] };
}
