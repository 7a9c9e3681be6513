// The integ snapshot gate in one process: synthesizes every test/*.integ.ts app the way
// `cdk synth --no-version-reporting --no-asset-metadata --no-path-metadata` does, and either
// compares the output with the committed test/<name>.integ.snapshot/ (assert) or replaces it
// (update). One process instead of one `cdk synth` per example: the app start-up and aws-cdk-lib's
// built-in validation engine are paid once. cdk-nag runs inside every synth (integApp), and the
// built-in "CloudFormation Validate" stays on, so a finding of either fails the synth.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Files of a snapshot that are not compared: they hold versions, paths or hashes of the machine. */
const IGNORED = [/^asset\./, /^cdk\.out$/, /^manifest\.json$/, /^tree\.json$/];

/** The context the aws-cdk CLI passes for `--no-version-reporting --no-asset-metadata --no-path-metadata`. */
export const CLI_CONTEXT = { 'aws:cdk:disable-version-reporting': true, 'aws:cdk:bundling-stacks': ['**'] };

/** One difference between a committed snapshot and a fresh synth. */
export interface SnapshotDifference {
  /** The path relative to the snapshot folder. */
  readonly file: string;
  /** What differs: only in the snapshot, only in the synth, or changed. */
  readonly kind: 'missing' | 'added' | 'changed';
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.some((re) => re.test(entry.name))) continue;
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Compares two snapshot folders with the semantics of `diff -r -x asset.* -x cdk.out -x manifest.json -x tree.json`. */
export function compareSnapshots(expectedDir: string, actualDir: string): SnapshotDifference[] {
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  const diffs: SnapshotDifference[] = [];
  for (const file of expected) {
    if (!actual.includes(file)) diffs.push({ file, kind: 'missing' });
    else if (!fs.readFileSync(path.join(expectedDir, file)).equals(fs.readFileSync(path.join(actualDir, file)))) diffs.push({ file, kind: 'changed' });
  }
  for (const file of actual) if (!expected.includes(file)) diffs.push({ file, kind: 'added' });
  return diffs;
}

/** Synthesizes one integ app (a module that builds an App and calls `app.synth()`) into `outdir`. */
export function synthIntegApp(appFile: string, outdir: string): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  const saved = { outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON };
  process.env.CDK_OUTDIR = outdir;
  process.env.CDK_CONTEXT_JSON = JSON.stringify(CLI_CONTEXT);
  try {
    const resolved = require.resolve(path.resolve(appFile));
    delete require.cache[resolved];
    // The app module synthesizes itself when loaded, as `cdk synth --app` would run it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(resolved);
  } finally {
    restore('CDK_OUTDIR', saved.outdir);
    restore('CDK_CONTEXT_JSON', saved.context);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** The integ apps under `testDir`, by name (`test/<name>.integ.ts`). */
export function integApps(testDir: string): string[] {
  return fs.readdirSync(testDir).filter((f) => f.endsWith('.integ.ts')).map((f) => f.replace(/\.integ\.ts$/, '')).sort();
}

function main(): void {
  // The built-in validation stays on here, whatever the caller's environment says.
  delete process.env.CDK_VALIDATION;
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  const only = args.filter((a) => !a.startsWith('--'));
  const testDir = path.join(__dirname, '..', 'test');
  const names = only.length ? only : integApps(testDir);
  const unknown = names.filter((n) => !fs.existsSync(path.join(testDir, `${n}.integ.ts`)));
  if (unknown.length) {
    console.error(`integ: no test/<name>.integ.ts for ${unknown.join(', ')}`);
    process.exit(2);
  }
  let failed = 0;
  for (const name of names) {
    const snapshot = path.join(testDir, `${name}.integ.snapshot`);
    const outdir = update ? snapshot : path.join(testDir, '.tmp', `${name}.integ`, 'assert.cdk.out');
    const start = Date.now();
    try {
      if (!update && !fs.existsSync(snapshot)) throw new Error(`no snapshot: run 'npx projen integ:update ${name}' to capture one`);
      synthIntegApp(path.join(testDir, `${name}.integ.ts`), outdir);
    } catch (e) {
      failed++;
      console.error(`FAIL ${name}: ${(e as Error).message}`);
      continue;
    }
    const diffs = update ? [] : compareSnapshots(snapshot, outdir);
    if (diffs.length) {
      failed++;
      console.error(`FAIL ${name}: the synthesized app differs from test/${name}.integ.snapshot/ (run 'npx projen integ:update ${name}' if the change is intended)`);
      for (const d of diffs) console.error(`  ${d.kind.padEnd(7)} ${d.file}`);
      showDiff(snapshot, outdir, diffs);
    } else {
      console.log(`${update ? 'wrote' : 'ok   '} ${name} (${Date.now() - start} ms)`);
    }
  }
  console.log(`integ: ${names.length - failed} passed, ${failed} failed`);
  if (failed) process.exit(1);
}

/** Prints a unified diff of the first changed file, so a CI log shows what moved. */
function showDiff(expectedDir: string, actualDir: string, diffs: SnapshotDifference[]): void {
  const changed = diffs.find((d) => d.kind === 'changed');
  if (!changed) return;
  const out = spawnSync('diff', ['-u', path.join(expectedDir, changed.file), path.join(actualDir, changed.file)], { encoding: 'utf8' });
  const lines = (out.stdout ?? '').split('\n');
  console.error(lines.slice(0, 80).join('\n') + (lines.length > 80 ? `\n  ... ${lines.length - 80} more lines` : ''));
}

if (require.main === module) main();
