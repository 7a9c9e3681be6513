// Benchmark: prints synth time and resource counts. Figures, not a test: nothing here fails on speed.
//  1. each reference architecture example (its profile as documented, and A in dev);
//  2. reference A against what a user would write instead with plain aws-cdk-lib, as ratios;
//  3. how synth time and resource count grow with 1, 5 and 20 API services behind one shared ALB,
//     and 50 services on one ALB spread over stacks (each under CloudFormation's 500 resources).
import * as os from 'os';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EnvironmentProfile, FargateApiService, SecureVpc } from '../src';
import { buildPlainCdkBaseline } from '../test/examples/plain-cdk-baseline';
import { buildReferenceA } from '../test/examples/reference-a-cdn-blog';
import { buildReferenceB } from '../test/examples/reference-b-rust-api';
import { buildReferenceC } from '../test/examples/reference-c-nextjs-ssr';
import { buildReferenceD } from '../test/examples/reference-d-express-api';
import { buildReferenceE } from '../test/examples/reference-e-pdf-service';

type Builder = (app: App) => unknown;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Figure { readonly ms: number; readonly resources: number; readonly stacks: number }

function measureOnce(build: Builder): Figure {
  const start = process.hrtime.bigint();
  const app = new App({ stackTraces: false, postCliContext: { 'aws:cdk:disable-creation-stack-traces': true } });
  build(app);
  const assembly = app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const resources = assembly.stacks.reduce((n, s) => n + Object.keys((s.template as any).Resources ?? {}).length, 0);
  return { ms, resources, stacks: assembly.stacks.length };
}

/** The median of RUNS timed runs after one warm-up run. */
function measure(build: Builder): Figure {
  measureOnce(build);
  const runs = Array.from({ length: RUNS }, () => measureOnce(build)).sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

function row(name: string, f: Figure): void {
  console.log(`${name.padEnd(50)} ${f.ms.toFixed(0).padStart(8)} ${String(f.resources).padStart(10)} ${String(f.stacks).padStart(7)}`);
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

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; median of ${RUNS} runs after a warm-up`);
console.log(`\n${'1. reference examples'.padEnd(50)} ${'synth ms'.padStart(8)} ${'resources'.padStart(10)} ${'stacks'.padStart(7)}`);
const refs: Array<[string, Builder]> = [
  ['A CDN blog (prod)', (app) => buildReferenceA(app)],
  ['A CDN blog (dev)', (app) => buildReferenceA(app, EnvironmentProfile.dev())],
  ['B Rust API (prod)', (app) => buildReferenceB(app)],
  ['C Next.js SSR (prod, with us-east-1 companion)', (app) => buildReferenceC(app)],
  ['D Express API (prod)', (app) => buildReferenceD(app)],
  ['E PDF service (prod)', (app) => buildReferenceE(app)],
];
for (const [name, build] of refs) row(name, measure(build));

console.log('\n2. library vs plain aws-cdk-lib (same process)');
const plain = measure(buildPlainCdkBaseline);
row('plain aws-cdk-lib: ecs-patterns + Vpc + DatabaseCluster + Distribution', plain);
// Measured again next to the plain app, so both get the same JIT warm-up.
const a = measure((app) => buildReferenceA(app));
row('library: reference A (prod) via WebAppBlueprint', a);
console.log(`ratio A (prod) / plain: synth time x${(a.ms / plain.ms).toFixed(2)}, resources x${(a.resources / plain.resources).toFixed(2)}`);
console.log('  (the plain app is not cdk-nag clean; the difference is the encryption, logging, WAF, alarms and budget it lacks)');

console.log('\n3. API services behind one shared ALB');
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
  const app = new App();
  spread(app);
  return app.synth().stacks.map((s) => `${s.stackName} ${Object.keys((s.template as any).Resources).length}`);
})();
console.log(`   resources per stack: ${perStack.join(', ')} (limit 500)`);
