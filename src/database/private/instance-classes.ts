// Which DB instance classes each engine can run, so that a class RDS would refuse at deployment is
// refused at synth time instead (internal).
import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { invalidProp } from '../../private/validation';

/** Where an engine runs: a plain RDS instance or an Aurora cluster. */
export enum InstanceClassTable {
  RDS = 'RDS',
  AURORA = 'Aurora',
}

const UP_TO_16XL = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const UP_TO_24XL = [...UP_TO_16XL, '24xlarge'];
const UP_TO_32XL = [...UP_TO_24XL, '32xlarge'];
const BURSTABLE = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];

/**
 * The classes this library accepts, per family and size. Source: AWS RDS User Guide "Supported DB engines
 * for DB instance classes" and Aurora User Guide "Supported DB engines for DB instance classes", read 2026-12-01,
 * for RDS for MySQL 8.0/8.4, RDS for PostgreSQL 13 and later, Aurora MySQL 3 and Aurora PostgreSQL 13 and later.
 * db.t2 is refused everywhere: RDS for MySQL 8.0 and PostgreSQL 13 and later, and Aurora MySQL 3, do not offer it.
 * The table lags AWS (new generations, Optimized Reads `d` variants, larger sizes): a class it does not
 * list is refused only when no such class can exist (see `impossible` below), else synth warns.
 */
const CLASSES: Record<InstanceClassTable, Record<string, string[]>> = {
  [InstanceClassTable.RDS]: {
    t3: BURSTABLE,
    t4g: BURSTABLE,
    m5: UP_TO_24XL,
    m6g: UP_TO_16XL,
    m6i: UP_TO_32XL,
    m7g: UP_TO_16XL,
    m8g: UP_TO_16XL,
    r5: UP_TO_24XL,
    r6g: UP_TO_16XL,
    r6i: UP_TO_32XL,
    r7g: UP_TO_16XL,
    r8g: UP_TO_16XL,
  },
  // Aurora offers no micro or small classes and no general-purpose (db.m) classes.
  [InstanceClassTable.AURORA]: {
    t3: ['medium', 'large'],
    t4g: ['medium', 'large'],
    r5: UP_TO_24XL,
    r6g: UP_TO_16XL,
    r6i: UP_TO_32XL,
    r7g: UP_TO_16XL,
    r8g: UP_TO_16XL,
    x2g: UP_TO_16XL,
    // Optimized Reads (Aurora User Guide, same page, read 2026-12-01).
    r6gd: UP_TO_16XL,
    r6id: UP_TO_32XL,
  },
};

/** Sizes that exist only in burstable (db.t) families. */
const SMALL_SIZES = ['nano', 'micro', 'small', 'medium'];

/**
 * Why no class of this name can exist in `table`, or undefined when it may (the table may just lag):
 * db.t2 (see above), compute-optimized db.c families (no single DB instance runs on them), Aurora's missing
 * general-purpose db.m families and micro/small burstables, sizes below large outside the burstable
 * families, and burstable sizes the table does not list.
 */
function impossible(table: InstanceClassTable, family: string, size: string): boolean {
  if (family === 't2' || family.startsWith('c')) return true;
  if (table === InstanceClassTable.AURORA && family.startsWith('m')) return true;
  if (family.startsWith('t')) return !(CLASSES[table][family] ?? []).includes(size);
  return SMALL_SIZES.includes(size);
}

/** Refuses an instance type `table` does not offer, naming `prop`; unresolved tokens pass. */
export function checkInstanceClass(
  scope: IConstruct, prop: string, instanceType: ec2.InstanceType | undefined, table: InstanceClassTable, engine: string,
): void {
  if (!instanceType) return;
  const name = instanceType.toString();
  if (Token.isUnresolved(name)) return;
  const [family, size] = name.split('.');
  if (CLASSES[table][family]?.includes(size)) return;
  if (!impossible(table, family, size)) {
    Annotations.of(scope).addWarningV2('cdk-webapp-patterns:unlistedInstanceClass',
      `${prop} db.${name} is not in this library's table of the classes ${engine} offers (it may be newer than the table): `
      + 'check the class in the RDS documentation, since RDS refuses a class the engine does not offer only at deployment');
    return;
  }
  const allowed = Object.entries(CLASSES[table])
    .map(([f, sizes]) => `db.${f}.${sizes.length > 2 ? `${sizes[0]}-${sizes[sizes.length - 1]}` : sizes.join('/')}`)
    .join(', ');
  invalidProp(scope, prop, `db.${name}`, `must be a DB instance class ${engine} offers: ${allowed}`);
}
