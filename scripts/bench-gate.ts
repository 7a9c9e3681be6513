// Benchmark of the gate itself: clones the committed HEAD into a temporary folder and runs
// `bash .ci/run` there, as CI does on a clean clone, timing each phase from the task lines projen
// prints ("👾 task | ...") and the side-by-side jobs of scripts/parallel.js. Figures, not a test.
//   BENCH_GATE=0 skips it (it takes as long as the gate: a few minutes).
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The gate's target on a clean clone, 2 cores (issue 17): at most 3 minutes for the library as it was
 * then (src/ 5,619 lines of TypeScript), at most 5 minutes once it has doubled.
 */
const BASELINE_SRC_LINES = 5619;
function targetSeconds(lineCount: number): number {
  return lineCount >= 2 * BASELINE_SRC_LINES ? 300 : 180;
}

function srcLines(dir: string): number {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) n += srcLines(p);
    else if (entry.name.endsWith('.ts')) n += fs.readFileSync(p, 'utf8').split('\n').length;
  }
  return n;
}

interface Phase { readonly name: string; readonly start: number; end?: number }

function phaseName(line: string): string | undefined {
  // "👾 build » test | jest ..." -> "test"; "👾 test | ..." -> "test"
  const m = /^👾 ([^|]+?) \| /.exec(line);
  if (!m) return undefined;
  const chain = m[1].split(' » ');
  return chain[chain.length - 1];
}

async function main(): Promise<void> {
  if (process.env.BENCH_GATE === '0') {
    console.log('\n4. the gate: skipped (BENCH_GATE=0)');
    return;
  }
  const root = path.join(__dirname, '..');
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gate-'));
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, dir]);
  console.log(`\n4. the gate: bash .ci/run on a clean clone of ${head} (${os.cpus().length} cores)`);

  const phases: Phase[] = [{ name: 'install (apt-get if missing, npm install)', start: 0 }];
  const jobs: string[] = [];
  const began = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  for (const k of ['AWS_REGION', 'TS_NODE_TRANSPILE_ONLY', 'CDK_DISABLE_VERSION_CHECK', 'CDK_DISABLE_STACK_TRACE']) delete env[k];
  const child = spawn('bash', ['.ci/run'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  let insideJob = false;
  const log: string[] = [];
  const onData = (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const now = (Date.now() - began) / 1000;
    for (const line of lines) {
      log.push(line);
      // The side-by-side jobs print their whole output when they end: their task lines are not phases.
      if (line.startsWith('=== ')) insideJob = true;
      if (line.startsWith('parallel: ')) insideJob = false;
      const name = insideJob ? undefined : phaseName(line);
      if (name) {
        phases[phases.length - 1].end = now;
        phases.push({ name, start: now });
      }
      const job = /^=== (.+): (ok|FAILED.*) in ([\d.]+) s$/.exec(line);
      if (job) jobs.push(`     ${job[1].padEnd(44)} ${job[3].padStart(7)} s${job[2] === 'ok' ? '' : `  ${job[2]}`}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const total = (Date.now() - began) / 1000;
  phases[phases.length - 1].end = total;

  // Steps that only spawn others take no time of their own; merge repeats of a name.
  const byName = new Map<string, number>();
  for (const p of phases) byName.set(p.name, (byName.get(p.name) ?? 0) + (p.end! - p.start));
  for (const [name, seconds] of byName) {
    if (seconds < 0.05) continue;
    console.log(`   ${name.padEnd(46)} ${seconds.toFixed(1).padStart(7)} s`);
    if (name === 'test' && jobs.length) {
      console.log('     (side by side in the test phase:)');
      for (const j of jobs) console.log(j);
    }
  }
  const lines = srcLines(path.join(dir, 'src'));
  const target = targetSeconds(lines);
  console.log(`   ${'total'.padEnd(46)} ${total.toFixed(1).padStart(7)} s   target <= ${target} s (src/ ${lines} lines, `
    + `x${(lines / BASELINE_SRC_LINES).toFixed(2)} the issue's ${BASELINE_SRC_LINES}): ${total <= target ? 'met' : 'NOT met'}`);
  if (code !== 0) {
    console.log(`   the gate FAILED (exit ${code}); its last lines:`);
    console.log(log.slice(-20).map((l) => `     ${l}`).join('\n'));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
