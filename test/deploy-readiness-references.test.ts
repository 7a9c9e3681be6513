// The deploy-readiness check over every reference architecture in every profile, and over two
// copies of one in two Stages (the "deployed twice into one account and region" case).
import { App, Stage } from 'aws-cdk-lib';
import { checkApp, tempApp } from './deploy-readiness-fixture';
import { DeployReadiness, EnvironmentProfile } from '../src';
import { buildReferenceA } from './examples/reference-a-cdn-blog';
import { buildReferenceB } from './examples/reference-b-rust-api';
import { buildReferenceC } from './examples/reference-c-nextjs-ssr';
import { buildReferenceD } from './examples/reference-d-express-api';
import { buildReferenceE } from './examples/reference-e-pdf-service';

const REFERENCES: Array<[string, (app: App, profile: EnvironmentProfile) => unknown]> = [
  ['A (CDN blog)', buildReferenceA],
  ['B (Rust API)', buildReferenceB],
  ['C (Next.js SSR)', buildReferenceC],
  ['D (Express API)', buildReferenceD],
  ['E (PDF service)', buildReferenceE],
];
const PROFILES = [EnvironmentProfile.dev(), EnvironmentProfile.staging(), EnvironmentProfile.prod()];

describe('every reference architecture is ready to deploy', () => {
  test.each(REFERENCES.flatMap(([name, build]) => PROFILES.map((profile) => [name, profile.stage, build, profile] as const)))(
    'reference %s, %s profile', (_name, _stage, build, profile) => {
      const app = tempApp();
      build(app, profile);
      const report = checkApp(app);
      expect(DeployReadiness.format(report)).toMatch(/^0 finding\(s\)/);
      expect(report.resourceCount).toBeGreaterThan(50);
    });

  test('two Stages of one app in one account and region claim no name twice (dev: NAT instance, alarms, backup-less)', () => {
    const app = tempApp();
    for (const stage of ['Main', 'Feature']) buildReferenceA(new Stage(app, stage) as App, EnvironmentProfile.dev());
    const report = checkApp(app);
    expect(report.stackCount).toBe(2);
    expect(report.findings).toEqual([]);
  });

  test('two Stages of reference E in prod (backup plan and vault) claim no name twice', () => {
    const app = tempApp();
    for (const stage of ['Blue', 'Green']) buildReferenceE(new Stage(app, stage) as App, EnvironmentProfile.prod());
    expect(checkApp(app).findings).toEqual([]);
  });
});
