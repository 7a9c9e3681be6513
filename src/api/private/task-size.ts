import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp } from '../../private/validation';

/** Fargate's supported memory (MiB) for each CPU size (units): [min, max, step]. */
const FARGATE_SIZES: Record<number, [number, number, number]> = {
  256: [512, 2048, 0],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

function allowedMemory(cpu: number): number[] {
  const [min, max, step] = FARGATE_SIZES[cpu];
  // 0.25 vCPU is the odd one out: 512, 1024 or 2048 MiB.
  if (step === 0) return [512, 1024, 2048];
  const values: number[] = [];
  for (let m = min; m <= max; m += step) values.push(m);
  return values;
}

/** Refuses a CPU/memory pair Fargate does not run; unresolved tokens pass. */
export function checkTaskSize(scope: IConstruct, cpu: number, memoryLimitMiB: number): void {
  if (Token.isUnresolved(cpu)) return;
  if (!(cpu in FARGATE_SIZES)) {
    invalidProp(scope, 'cpu', cpu, `must be one of ${Object.keys(FARGATE_SIZES).join(', ')}`);
  }
  if (Token.isUnresolved(memoryLimitMiB)) return;
  const allowed = allowedMemory(cpu);
  if (!allowed.includes(memoryLimitMiB)) {
    const [min, max, step] = FARGATE_SIZES[cpu];
    const range = step === 0 ? allowed.join(', ') : `${min} to ${max} in steps of ${step}`;
    invalidProp(scope, 'memoryLimitMiB', memoryLimitMiB, `must be ${range} with cpu ${cpu}`);
  }
}
