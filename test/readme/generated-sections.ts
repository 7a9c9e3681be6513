// The README sections that are generated, not hand-written: each is the output of the library's own
// tools on a reference example, written between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`.
// `npx projen readme` rewrites them; test/readme-generated.test.ts fails while one is stale.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CostEstimate, EnvironmentProfile } from '../../src';
import { buildReferenceA } from '../examples/reference-a-cdn-blog';

/** Synthesizes an app built by `build` into a temporary directory, runs `use` on it and removes it. */
function withAssembly<T>(build: (app: App) => void, use: (directory: string) => T): T {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'readme-')) });
  build(app);
  const directory = app.synth().directory;
  try {
    return use(directory);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** Every generated section by name. */
export function generatedSections(): Record<string, string> {
  return {
    'cost-reference-a-dev': withAssembly((app) => buildReferenceA(app, EnvironmentProfile.dev()), (directory) => {
      const report = CostEstimate.fromAssembly(directory);
      const usage = [...new Set(report.usageBased.map((u) => u.resourceType.replace(/^AWS::/, '')))].join(', ');
      return [
        CostEstimate.formatMarkdown(report),
        '',
        `Priced with the table of ${report.pricesAsOf}; ${report.unpriced.length} unpriced resource(s). `
          + `$0 at idle (billed by usage only): ${usage}.`,
        '',
        ...report.assumptions.map((a) => `- ${a}`),
      ].join('\n');
    }),
  };
}

/** `text` with every generated section replaced by `sections` (a missing marker is an error). */
export function withSections(text: string, sections: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} markers`);
    out = `${out.slice(0, from + start.length)}\n${body}\n${out.slice(to)}`;
  }
  return out;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', '..', 'README.md');
  fs.writeFileSync(file, withSections(fs.readFileSync(file, 'utf8'), generatedSections()));
  console.log(`README.md: ${Object.keys(generatedSections()).join(', ')} regenerated`);
}
