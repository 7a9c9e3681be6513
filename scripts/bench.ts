// Benchmark: prints synth time and resource counts. Figures, not a test: nothing here fails on speed.
//  1. each reference architecture example (its profile as documented, and A in dev);
//  2. reference A against plain aws-cdk-lib: the same resources written without the library (equal
//     work), then what a user would write by default with ecs-patterns (less work);
//  3. how synth time and resource count grow with 1, 5 and 20 API services behind one shared ALB,
//     and 50 services on one ALB spread over stacks (each under CloudFormation's 500 resources);
//  4. what aws-cdk-lib's built-in CloudFormation validation costs, per fresh process and per synth;
//  5. how long the cost estimate and the architecture diagram of reference C take (target: under a second).
// Wall time suffers when other work shares the machine; CPU time (all threads of this process) less so.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ArchitectureDiagram, CostEstimate, EnvironmentProfile, FargateApiService, SecureVpc } from '../src';
import { buildPlainCdkBaseline } from '../test/examples/plain-cdk-baseline';
import { buildPlainCdkReferenceA } from '../test/examples/plain-cdk-reference-a';
import { buildReferenceA } from '../test/examples/reference-a-cdn-blog';
import { buildReferenceB } from '../test/examples/reference-b-rust-api';
import { buildReferenceC } from '../test/examples/reference-c-nextjs-ssr';
import { buildReferenceD } from '../test/examples/reference-d-express-api';
import { buildReferenceE } from '../test/examples/reference-e-pdf-service';

type Builder = (app: App) => unknown;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// Every App below says itself whether aws-cdk-lib's built-in validation runs; the environment must not override that.
delete process.env.CDK_VALIDATION;

interface Figure {
  readonly ms: number;
  readonly cpuMs: number;
  readonly resources: number;
  readonly stacks: number;
  /** Resource count per CloudFormation type, over all stacks. */
  readonly types: Record<string, number>;
}

/** Synthesizes once; `validation` is aws-cdk-lib's built-in CloudFormation validation (on by default). */
function measureOnce(build: Builder, validation = true): Figure {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const app = new App({
    stackTraces: false,
    postCliContext: { 'aws:cdk:disable-creation-stack-traces': true },
    builtinCloudFormationValidation: validation,
  });
  build(app);
  const assembly = app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuUsed = process.cpuUsage(cpu);
  const types: Record<string, number> = {};
  for (const stack of assembly.stacks) {
    for (const resource of Object.values<any>((stack.template as any).Resources ?? {})) types[resource.Type] = (types[resource.Type] ?? 0) + 1;
  }
  const resources = Object.values(types).reduce((n, c) => n + c, 0);
  // Each synth writes a cloud assembly to a new temporary directory; a full run would leave a hundred behind.
  fs.rmSync(assembly.directory, { recursive: true, force: true });
  return { ms, cpuMs: (cpuUsed.user + cpuUsed.system) / 1e3, resources, stacks: assembly.stacks.length, types };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** The median wall and the median CPU time of several runs of the same work. */
function medianFigure(runs: Figure[]): Figure {
  return { ...runs[0], ms: median(runs.map((f) => f.ms)), cpuMs: median(runs.map((f) => f.cpuMs)) };
}

/** The median of RUNS timed runs after one warm-up run. */
function measure(build: Builder, validation = true): Figure {
  measureOnce(build, validation);
  return medianFigure(Array.from({ length: RUNS }, () => measureOnce(build, validation)));
}

/** Two measurements taken alternately (one warm-up each, then RUNS pairs), so load on the machine falls on both alike. */
function measurePair(first: () => Figure, second: () => Figure): [Figure, Figure] {
  first();
  second();
  const a: Figure[] = [];
  const b: Figure[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(first());
    b.push(second());
  }
  return [medianFigure(a), medianFigure(b)];
}

const NAME_WIDTH = 50;

function header(title: string): void {
  console.log(`\n${title.padEnd(NAME_WIDTH)} ${'synth ms'.padStart(8)} ${'cpu ms'.padStart(7)} ${'resources'.padStart(10)} ${'stacks'.padStart(7)}`);
}

function row(name: string, f: Figure): void {
  console.log(`${name.padEnd(NAME_WIDTH)} ${f.ms.toFixed(0).padStart(8)} ${f.cpuMs.toFixed(0).padStart(7)} ${String(f.resources).padStart(10)} ${String(f.stacks).padStart(7)}`);
}

/** 'wall x1.05, cpu x1.04': how much longer `a` took than `b`. */
function ratio(a: Figure, b: Figure): string {
  return `wall x${(a.ms / b.ms).toFixed(2)}, cpu x${(a.cpuMs / b.cpuMs).toFixed(2)}`;
}

function sharedAlb(services: number): Builder {
  return (app: App) => {
    const stack = new Stack(app, `SharedAlb${services}`);
    const network = new SecureVpc(stack, 'Network');
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable');
    const first = new FargateApiService(stack, 'Service0', { vpc: network.vpc, image });
    for (let i = 1; i < services; i++) {
      new FargateApiService(stack, `Service${i}`, {
        vpc: network.vpc, image, attachTo: first, pathPatterns: [`/svc${i}/*`], priority: i,
      });
    }
  };
}

const referenceA: Builder = (app) => buildReferenceA(app);

/** The resource types whose counts differ between two figures, as 'type a/b'; empty if they hold the same resources. */
function typeDifferences(a: Figure, b: Figure): string[] {
  const types = [...new Set([...Object.keys(a.types), ...Object.keys(b.types)])].sort();
  return types.filter((t) => a.types[t] !== b.types[t]).map((t) => `${t} ${a.types[t] ?? 0}/${b.types[t] ?? 0}`);
}

/** Section 2: reference A against the same resources in plain aws-cdk-lib, then against the ecs-patterns app. */
function libraryVsPlain(): void {
  header('2a. library vs plain aws-cdk-lib, equal work');
  console.log('    (same process, measured alternately; "validation" is aws-cdk-lib\'s built-in CloudFormation validation)');
  const ratios: string[] = [];
  for (const validation of [true, false]) {
    const [library, plain] = measurePair(() => measureOnce(referenceA, validation), () => measureOnce(buildPlainCdkReferenceA, validation));
    const label = validation ? 'validation on (default)' : 'validation off';
    row(`A (prod), library, ${label}`, library);
    row(`A (prod), plain aws-cdk-lib, ${label}`, plain);
    ratios.push(`validation ${validation ? 'on' : 'off'}: ${ratio(library, plain)}`);
    if (validation) {
      const differences = typeDifferences(library, plain);
      console.log(differences.length === 0
        ? `    same resources: ${Object.keys(library.types).length} types, the same count of each (${library.resources} resources)`
        : `    resource types that differ (library/plain): ${differences.join(', ')}`);
    }
  }
  console.log(`ratio library / plain, equal work: ${ratios.join('; ')}`);

  header('2b. library vs ecs-patterns app, not equal work');
  const [library, plain] = measurePair(() => measureOnce(referenceA), () => measureOnce(buildPlainCdkBaseline));
  row('A (prod), library, validation on (default)', library);
  row('plain: ecs-patterns + Vpc + DatabaseCluster + CDN', plain);
  console.log(`ratio A (prod) / ecs-patterns app: ${ratio(library, plain)}, resources x${(library.resources / plain.resources).toFixed(2)}`);
  console.log('    (the ecs-patterns app is not cdk-nag clean; the difference is the encryption, logging, WAF, alarms and endpoints it lacks)');
}

interface ProcessFigure { readonly wallMs: number; readonly cpuMs: number; readonly maxRssMiB: number }

/** A fresh `node` process that loads aws-cdk-lib and synthesizes one stack with one bucket. */
function freshProcess(validation: boolean): ProcessFigure {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validation-'));
  const script = `
    const { App, Stack } = require('aws-cdk-lib');
    const s3 = require('aws-cdk-lib/aws-s3');
    const app = new App({ outdir: ${JSON.stringify(outdir)}, builtinCloudFormationValidation: ${validation} });
    new s3.Bucket(new Stack(app, 'Small'), 'Bucket');
    app.synth();
    const usage = process.resourceUsage();
    console.log(JSON.stringify({ cpuUs: usage.userCPUTime + usage.systemCPUTime, maxRssKiB: usage.maxRSS }));`;
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`the validation ${validation ? 'on' : 'off'} process failed: ${child.stderr}`);
  const usage = JSON.parse(child.stdout.trim().split('\n').pop()!);
  return { wallMs, cpuMs: usage.cpuUs / 1e3, maxRssMiB: usage.maxRssKiB / 1024 };
}

/** Section 4: the built-in validation compiles its engine once per process, then checks every template of every synth. */
function validationCost(): void {
  console.log(`\n4a. aws-cdk-lib built-in validation, per fresh process (node -e: load aws-cdk-lib, synth one bucket; median of ${RUNS} after a warm-up, alternately)`);
  freshProcess(true);
  freshProcess(false);
  const on: ProcessFigure[] = [];
  const off: ProcessFigure[] = [];
  for (let i = 0; i < RUNS; i++) {
    on.push(freshProcess(true));
    off.push(freshProcess(false));
  }
  const summary = (runs: ProcessFigure[]): ProcessFigure => ({
    wallMs: median(runs.map((f) => f.wallMs)), cpuMs: median(runs.map((f) => f.cpuMs)), maxRssMiB: median(runs.map((f) => f.maxRssMiB)),
  });
  const [withValidation, without] = [summary(on), summary(off)];
  for (const [label, f] of [['on (default)', withValidation], ['off', without]] as Array<[string, ProcessFigure]>) {
    console.log(`validation ${label.padEnd(13)} wall ${f.wallMs.toFixed(0).padStart(6)} ms, cpu ${f.cpuMs.toFixed(0).padStart(6)} ms, max RSS ${f.maxRssMiB.toFixed(0).padStart(4)} MiB`);
  }
  console.log(`cost per process: +${(withValidation.wallMs - without.wallMs).toFixed(0)} ms wall, +${(withValidation.cpuMs - without.cpuMs).toFixed(0)} ms cpu, `
    + `+${(withValidation.maxRssMiB - without.maxRssMiB).toFixed(0)} MiB max RSS`);

  header('4b. per synth, warm process (engine compiled)');
  for (const [name, build] of [['A (prod), library', referenceA], ['A (prod), plain aws-cdk-lib', buildPlainCdkReferenceA]] as Array<[string, Builder]>) {
    const [validated, unvalidated] = measurePair(() => measureOnce(build, true), () => measureOnce(build, false));
    row(`${name}, validation on`, validated);
    row(`${name}, validation off`, unvalidated);
    console.log(`    validation per synth of ${validated.resources} resources: +${(validated.ms - unvalidated.ms).toFixed(0)} ms wall, +${(validated.cpuMs - unvalidated.cpuMs).toFixed(0)} ms cpu`);
  }
}

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; `
  + `load average ${os.loadavg()[0].toFixed(1)}; median of ${RUNS} runs after a warm-up`);
header('1. reference examples');
const refs: Array<[string, Builder]> = [
  ['A CDN blog (prod)', referenceA],
  ['A CDN blog (dev)', (app) => buildReferenceA(app, EnvironmentProfile.dev())],
  ['B Rust API (prod)', (app) => buildReferenceB(app)],
  ['C Next.js SSR (prod, with us-east-1 companion)', (app) => buildReferenceC(app)],
  ['D Express API (prod)', (app) => buildReferenceD(app)],
  ['E PDF service (prod)', (app) => buildReferenceE(app)],
];
for (const [name, build] of refs) row(name, measure(build));

libraryVsPlain();

header('3. API services behind one shared ALB');
let base: Figure | undefined;
for (const n of [1, 5, 20]) {
  const f = measure(sharedAlb(n));
  base ??= f;
  row(`${n} service(s)`, f);
  if (n > 1) console.log(`   per added service: ${((f.ms - base.ms) / (n - 1)).toFixed(1)} ms, ${((f.resources - base.resources) / (n - 1)).toFixed(1)} resources`);
}

// 50 services on one ALB: the first 32 in the load balancer's stack, the rest attached from a second.
const SPREAD = 50;
const PER_STACK = 32;
const spread: Builder = (app: App) => {
  const front = new Stack(app, 'Front');
  const network = new SecureVpc(front, 'Network');
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable');
  const first = new FargateApiService(front, 'Service0', { vpc: network.vpc, image });
  const stacks = [front];
  for (let i = 1; i < SPREAD; i++) {
    const index = Math.floor(i / PER_STACK);
    stacks[index] ??= new Stack(app, `Services${index}`);
    new FargateApiService(stacks[index], `Service${i}`, {
      vpc: network.vpc, image, attachTo: first, pathPatterns: [`/svc${i}/*`], priority: i,
    });
  }
};
const spreadFigure = measure(spread);
row(`${SPREAD} services over stacks of at most ${PER_STACK}`, spreadFigure);
const perStack = (() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spread-'));
  const app = new App({ outdir });
  spread(app);
  const counts = app.synth().stacks.map((s) => `${s.stackName} ${Object.keys((s.template as any).Resources).length}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  return counts;
})();
console.log(`   resources per stack: ${perStack.join(', ')} (limit 500)`);

validationCost();

// 5. Estimate and draw reference C (prod and its us-east-1 companion) from its synthesized assembly.
(() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cost-'));
  const app = new App({ outdir });
  buildReferenceC(app);
  const directory = app.synth().directory;
  const resources = app.synth().stacks.reduce((a, st) => a + Object.keys((st.template as any).Resources).length, 0);
  const times: number[] = [];
  let monthly = 0;
  for (let i = 0; i <= RUNS; i++) {
    const start = process.hrtime.bigint();
    monthly = CostEstimate.fromAssembly(directory).monthly;
    ArchitectureDiagram.fromAssembly(directory);
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  console.log(`\n5. cost estimate + architecture diagram of reference C (prod + companion, ${resources} resources, $${monthly.toFixed(2)}/month): `
    + `median ${median(times).toFixed(0)} ms of ${RUNS} after a warm-up (target: under 1000 ms)`);
})();
