// The integ snapshot gate (scripts/integ-snapshots.ts) must fail on a changed template, a stack
// that appeared or vanished, and a cdk-nag finding, and ignore only what `diff -r -x ...` ignored.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareSnapshots, integApps, synthIntegApp } from '../scripts/integ-snapshots';

const TEST_DIR = __dirname;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'integ-snapshots-'));
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

describe('compareSnapshots', () => {
  const committed = path.join(TEST_DIR, 'secure-vpc.integ.snapshot');

  test('a copy of a committed snapshot has no differences', () => {
    const copy = tempDir();
    copyDir(committed, copy);
    expect(compareSnapshots(committed, copy)).toEqual([]);
  });

  test('a changed template is reported as changed', () => {
    const copy = tempDir();
    copyDir(committed, copy);
    const template = fs.readdirSync(copy).find((f) => f.endsWith('.template.json'))!;
    const parsed = JSON.parse(fs.readFileSync(path.join(copy, template), 'utf8'));
    parsed.Description = 'changed';
    fs.writeFileSync(path.join(copy, template), JSON.stringify(parsed, undefined, 1));
    expect(compareSnapshots(committed, copy)).toEqual([{ file: template, kind: 'changed' }]);
  });

  test('a stack that vanished or appeared is reported', () => {
    const copy = tempDir();
    copyDir(committed, copy);
    const template = fs.readdirSync(copy).find((f) => f.endsWith('.template.json'))!;
    fs.renameSync(path.join(copy, template), path.join(copy, 'Other.template.json'));
    expect(compareSnapshots(committed, copy)).toEqual([
      { file: template, kind: 'missing' },
      { file: 'Other.template.json', kind: 'added' },
    ]);
  });

  test('manifest.json, tree.json, cdk.out and asset.* are not compared (they hold versions and machine paths)', () => {
    const copy = tempDir();
    copyDir(committed, copy);
    for (const f of ['manifest.json', 'tree.json', 'cdk.out', 'asset.1234.zip']) fs.writeFileSync(path.join(copy, f), 'anything');
    fs.mkdirSync(path.join(copy, 'asset.abcd'));
    fs.writeFileSync(path.join(copy, 'asset.abcd', 'index.js'), 'x');
    expect(compareSnapshots(committed, copy)).toEqual([]);
  });

  test('a file in a nested assembly (a stage) is compared too', () => {
    const expected = tempDir();
    const actual = tempDir();
    for (const dir of [expected, actual]) fs.mkdirSync(path.join(dir, 'assembly-Stage'));
    fs.writeFileSync(path.join(expected, 'assembly-Stage', 'S.template.json'), '{}');
    fs.writeFileSync(path.join(actual, 'assembly-Stage', 'S.template.json'), '{"Resources":{}}');
    expect(compareSnapshots(expected, actual)).toEqual([{ file: path.join('assembly-Stage', 'S.template.json'), kind: 'changed' }]);
  });
});

describe('synthIntegApp', () => {
  function writeApp(dir: string, body: string): string {
    const file = path.join(dir, 'probe.integ.js');
    const lib = (m: string) => JSON.stringify(require.resolve(m));
    fs.writeFileSync(file, `
      const { App, CfnWaitConditionHandle, Stack, Validations } = require(${lib('aws-cdk-lib')});
      const s3 = require(${lib('aws-cdk-lib/aws-s3')});
      const { AwsSolutionsChecks } = require(${lib('cdk-nag')});
      const app = new App({ stackTraces: false });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      const stack = new Stack(app, 'Probe');
      ${body}
      app.synth();
    `);
    return file;
  }

  test('writes the assembly into the given folder', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    synthIntegApp(writeApp(dir, "new CfnWaitConditionHandle(stack, 'Handle');"), out);
    expect(fs.existsSync(path.join(out, 'Probe.template.json'))).toBe(true);
    // The CLI's --no-version-reporting: no AWS::CDK::Metadata resource.
    const template = JSON.parse(fs.readFileSync(path.join(out, 'Probe.template.json'), 'utf8'));
    expect(Object.values(template.Resources).map((r: any) => r.Type)).toEqual(['AWS::CloudFormation::WaitConditionHandle']);
  });

  test('a cdk-nag finding fails the synth', () => {
    const dir = tempDir();
    // A bucket with no SSL policy, no access logs: AwsSolutions-S1/S10.
    const app = writeApp(dir, "new s3.Bucket(stack, 'Open');");
    expect(() => synthIntegApp(app, path.join(dir, 'out'))).toThrow(/AwsSolutions-S1|Validation failed/);
  });

  test('leaves CDK_OUTDIR and CDK_CONTEXT_JSON as they were', () => {
    const dir = tempDir();
    const before = { outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON };
    synthIntegApp(writeApp(dir, ''), path.join(dir, 'out'));
    expect({ outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON }).toEqual(before);
  });
});

test('every integ example has a committed snapshot, and every snapshot an example', () => {
  const apps = integApps(TEST_DIR);
  const snapshots = fs.readdirSync(TEST_DIR).filter((f) => f.endsWith('.integ.snapshot')).map((f) => f.replace(/\.integ\.snapshot$/, '')).sort();
  expect(apps.length).toBeGreaterThan(0);
  expect(snapshots).toEqual(apps);
});
