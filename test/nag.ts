// Test helper: runs cdk-nag's AwsSolutions pack over a whole app and returns its findings.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stage, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * Synthesizes the app that holds `scope` with cdk-nag AwsSolutions registered and returns every
 * unacknowledged finding as text ('' when clean). Call it after building the whole app.
 */
export function nagFindings(scope: IConstruct, pack?: (app: App) => NagPack): string {
  const violations = nagViolations(scope, pack);
  return typeof violations === 'string' ? violations : violations.length ? JSON.stringify(violations, undefined, 2) : '';
}

/**
 * Synthesizes the app that holds `scope` with one cdk-nag pack registered (AwsSolutions unless told)
 * and returns the unacknowledged violations of its report, or the synth error's text when there is no report.
 */
export function nagViolations(scope: IConstruct, pack?: (app: App) => NagPack): any[] | string {
  const app = (Stage.isStage(scope) ? scope : Stage.of(scope)) as App | undefined;
  if (!app) throw new Error('nagFindings: the construct is not in an App');
  Validations.of(app).addPlugins(pack ? pack(app) : new AwsSolutionsChecks(app));
  let report: string | undefined;
  try {
    const assembly = app.synth({ force: true });
    report = path.join(assembly.directory, 'validation-report.json');
  } catch (e) {
    // A failed validation names its report; any other error is the finding.
    report = /can be found in: (\S+)/.exec((e as Error).message)?.[1];
    if (!report) return (e as Error).message;
  }
  if (!fs.existsSync(report)) return [];
  // A clean run still writes a report; only plugin reports with violations are findings.
  const parsed = JSON.parse(fs.readFileSync(report, 'utf8'));
  return (parsed.pluginReports ?? []).flatMap((r: any) => r.violations ?? []);
}

/** The rule ids (granular findings folded into their rule) of the unacknowledged violations. */
export function violatedRules(scope: IConstruct, pack?: (app: App) => NagPack): string[] {
  const violations = nagViolations(scope, pack);
  if (typeof violations === 'string') throw new Error(violations);
  return [...new Set(violations.map((v: any) => String(v.ruleName).replace(/\[.*\]$/, '')))].sort();
}

/**
 * The reasons of the cdk-nag acknowledgements of `ruleId` (e.g. `AwsSolutions-EC28`) written in the
 * `cdk_nag` metadata of the template's resources, optionally of one resource type only.
 */
export function acknowledgedReasons(template: Template, ruleId: string, type?: string): string[] {
  const resources = Object.values(template.toJSON().Resources ?? {}) as any[];
  return resources
    .filter((r) => type === undefined || r.Type === type)
    .flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? [])
    .filter((rule: any) => rule.id === ruleId)
    .map((rule: any) => rule.reason);
}

/** Asserts cdk-nag AwsSolutions reports nothing unacknowledged for the app holding `scope`. */
export function expectNagClean(scope: IConstruct): void {
  expect(nagFindings(scope)).toBe('');
}
