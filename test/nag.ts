// Test helper: runs cdk-nag's AwsSolutions pack over a whole app and returns its findings.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * Synthesizes the app that holds `scope` with cdk-nag AwsSolutions registered and returns every
 * unacknowledged finding as text ('' when clean). Call it after building the whole app.
 */
export function nagFindings(scope: IConstruct): string {
  const app = Stage.of(scope) as App | undefined;
  if (!app) throw new Error('nagFindings: the construct is not in an App');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    const assembly = app.synth({ force: true });
    const report = path.join(assembly.directory, 'validation-report.json');
    if (!fs.existsSync(report)) return '';
    // A clean run still writes a report; only plugin reports with violations are findings.
    const parsed = JSON.parse(fs.readFileSync(report, 'utf8'));
    const withViolations = (parsed.pluginReports ?? []).filter((r: any) => (r.violations ?? []).length > 0);
    return withViolations.length ? JSON.stringify(withViolations, undefined, 2) : '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Asserts cdk-nag AwsSolutions reports nothing unacknowledged for the app holding `scope`. */
export function expectNagClean(scope: IConstruct): void {
  expect(nagFindings(scope)).toBe('');
}
