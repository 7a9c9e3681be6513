// Shared setup of the deploy-readiness tests: synthesize an app into a fresh directory and check it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps } from 'aws-cdk-lib';
import { DeployReadiness, DeployReadinessOptions, DeployReadinessReport } from '../src';

/** A new App that synthesizes into its own temporary directory. */
export function tempApp(props: AppProps = {}): App {
  return new App({ ...props, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-readiness-')) });
}

/** Synthesizes `app`, checks its assembly and removes the directory. */
export function checkApp(app: App, options?: DeployReadinessOptions): DeployReadinessReport {
  const directory = app.synth().directory;
  try {
    return DeployReadiness.check(directory, options);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** The rule ids of a report with the resource each names, e.g. `egress-unreachable Stack/Api/Service/Service`. */
export function ruleIds(report: DeployReadinessReport): string[] {
  return report.findings.map((f) => `${f.ruleId} ${f.resource}`);
}
