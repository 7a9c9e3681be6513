// Benchmark: prints synth time and resource count of each example app. Figures, not a test.
import { App } from 'aws-cdk-lib';
import { buildSecureVpcExample } from '../test/examples/secure-vpc-example';

type Builder = (app: App) => unknown;
const EXAMPLES: Array<[string, Builder]> = [['SecureVpc example', buildSecureVpcExample]];

function measure(build: Builder): { ms: number; resources: number } {
  const start = process.hrtime.bigint();
  const app = new App();
  build(app);
  const assembly = app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const resources = assembly.stacks.reduce((n, s) => n + Object.keys((s.template as any).Resources ?? {}).length, 0);
  return { ms, resources };
}

measure(buildSecureVpcExample); // warm-up: module loading is not synth time
console.log('example                               synth ms  resources');
for (const [name, build] of EXAMPLES) {
  const runs = [1, 2, 3].map(() => measure(build));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[1];
  console.log(`${name.padEnd(36)} ${ms.toFixed(0).padStart(9)}  ${String(runs[0].resources).padStart(9)}`);
}
