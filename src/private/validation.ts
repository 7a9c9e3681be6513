import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The error every refusal of this library throws.
 *
 * Outside TypeScript, the jsii kernel wraps an error thrown from a method, a property or a static
 * method (not from a constructor) in an error of its own whose message is `String(error)`: for a
 * plain `Error` that is `Error: <message>`. This one's string is its message alone, so a Python user
 * reads the same message as a TypeScript user.
 */
export class RefusalError extends Error {
  public toString(): string {
    return this.message;
  }
}

/** Throws a refusal with this message (messages that name no prop of a construct). */
export function refuse(message: string): never {
  throw new RefusalError(message);
}

/**
 * A prop as messages name it: its TypeScript path, and the Python one after it when that differs,
 * e.g. `subnetPlan.publicCidrs (subnet_plan.public_cidrs)` or `deregistrationDelay (deregistration_delay) (seconds)`. The leading
 * path (names joined by `.`, `/` or `[...]`) is converted; words after it are kept as they are.
 */
export function propName(prop: string): string {
  const path = /^[A-Za-z0-9_.[\]/]+/.exec(prop)?.[0] ?? '';
  const python = path.replace(/[A-Za-z][A-Za-z0-9]*/g, snakeCase);
  return python === path ? prop : `${path} (${python})${prop.slice(path.length)}`;
}

/**
 * A camelCase name as jsii-pacmak writes it for Python (codemaker's toSnakeCase: `KiB`, `MiB` and
 * `GiB` stay one word, then decamelize). Type names (PascalCase) are the same in both languages.
 */
function snakeCase(name: string): string {
  if (/^[A-Z]/.test(name)) return name;
  return name
    .replace(/(^|[^A-Z])(KiB|MiB|GiB)($|[^a-z])/g, (_, before: string, abbr: string, after: string) => before + abbr[0] + abbr.slice(1).toLowerCase() + after)
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z]+)/g, '$1_$2')
    .toLowerCase();
}

/**
 * Throws a synth-time error that names the construct, the prop, the value received and what is
 * allowed, e.g. `SecureVpc 'Network': azCount (az_count) must be 2 or 3; got 4`.
 */
export function invalidProp(scope: IConstruct, prop: string, value: unknown, allowed: string): never {
  refuse(`${scope.constructor.name} '${scope.node.path}': ${propName(prop)} ${allowed}; got ${describe(value)}`);
}

/** Throws when two props cannot be used together, naming both. */
export function conflictingProps(scope: IConstruct, first: string, second: string, why: string): never {
  refuse(`${scope.constructor.name} '${scope.node.path}': ${propName(first)} and ${propName(second)} ${why}`);
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
