// The README sections that are generated, not hand-written: each is the output of the library's own
// tools on a reference example, written between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`.
// `npx projen readme` rewrites them; test/readme-generated.test.ts fails while one is stale.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { ArchitectureDiagram, CostEstimate, CostEstimateReport, EnvironmentProfile } from '../../src';
import { buildReferenceA } from '../examples/reference-a-cdn-blog';
import { buildReferenceCEnvironments } from '../examples/reference-c-nextjs-ssr';
import { buildReferenceD } from '../examples/reference-d-express-api';

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

/** The estimator's totals for references C (three environments) and D beside the documents' own figures. */
function referencesCAndD(): string {
  const rows = ['| Reference, environment | The document says | The estimator says (idle) | Its three largest constructs |', '| --- | ---: | ---: | --- |'];
  const documents: Record<string, string> = {
    'NextjsSsr-dev': '~$50', 'NextjsSsr-staging': '~$150', 'NextjsSsr-prod': '~$300', 'ExpressApi-prod': '$82 without a database; $112 with RDS db.t3.micro Multi-AZ; $112-202 with Aurora 0.5-2 ACU',
  };
  const add = (report: CostEstimateReport) => {
    for (const stack of report.stacks.filter((st) => documents[st.stackName])) {
      const companion = report.stacks.find((st) => st.stackName.startsWith(`${stack.stackName}-`));
      const total = stack.monthly + (companion?.monthly ?? 0);
      const top = stack.constructs.slice(0, 3).map((k) => `${k.construct} $${k.monthly.toFixed(2)}`).join(', ');
      rows.push(`| ${stack.stackName}${companion ? ' + its us-east-1 companion' : ''} | ${documents[stack.stackName]} | $${total.toFixed(2)} | ${top}${companion ? `; WAF (companion) $${companion.monthly.toFixed(2)}` : ''} |`);
    }
  };
  withAssembly((app) => buildReferenceCEnvironments(app), (directory) => add(CostEstimate.fromAssembly(directory)));
  withAssembly((app) => buildReferenceD(app, EnvironmentProfile.prod()), (directory) => add(CostEstimate.fromAssembly(directory)));
  return rows.join('\n');
}

/** Every generated section by name. */
export function generatedSections(): Record<string, string> {
  return {
    'diagram-reference-a-dev': withAssembly((app) => buildReferenceA(app, EnvironmentProfile.dev()),
      (directory) => ['```mermaid', ArchitectureDiagram.fromAssembly(directory), '```'].join('\n')),
    'cost-references-c-d': referencesCAndD(),
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
