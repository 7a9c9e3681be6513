import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Throws a synth-time error that names the construct, the prop, the value received and what is
 * allowed, e.g. `SecureVpc 'Network': azCount must be 2 or 3; got 4`.
 */
export function invalidProp(scope: IConstruct, prop: string, value: unknown, allowed: string): never {
  throw new Error(`${scope.constructor.name} '${scope.node.path}': ${prop} ${allowed}; got ${describe(value)}`);
}

/** Throws when two props cannot be used together, naming both. */
export function conflictingProps(scope: IConstruct, first: string, second: string, why: string): never {
  throw new Error(`${scope.constructor.name} '${scope.node.path}': ${first} and ${second} ${why}`);
}

/** Validates an integer-or-fraction number prop lies within [min, max]; unresolved tokens pass. */
export function checkRange(scope: IConstruct, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isFinite(value) || value < min || value > max) {
    invalidProp(scope, prop, value, `must be between ${min} and ${max}`);
  }
}

/** Validates an integer prop lies within [min, max]; unresolved tokens pass. */
export function checkInteger(scope: IConstruct, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    invalidProp(scope, prop, value, `must be a whole number between ${min} and ${max}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/** An IPv4 CIDR block parsed into numeric bounds. */
export interface ParsedCidr {
  readonly cidr: string;
  readonly network: number;
  readonly prefix: number;
  /** First address (inclusive). */
  readonly first: number;
  /** Last address (inclusive). */
  readonly last: number;
}

/** Parses `a.b.c.d/n`; returns undefined when it is not a valid IPv4 CIDR with a clean network part. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { cidr, network: address, prefix, first: address, last: address + size - 1 };
}

/** Formats a numeric network address and prefix as a CIDR string. */
export function formatCidr(network: number, prefix: number): string {
  return `${[2 ** 24, 2 ** 16, 2 ** 8, 1].map((unit) => Math.floor(network / unit) % 256).join('.')}/${prefix}`;
}

/** Whether two parsed CIDR blocks share any address. */
export function overlaps(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Whether `inner` lies wholly inside `outer`. */
export function contains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}
