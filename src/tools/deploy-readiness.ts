import { AssemblyModel } from './private/assembly-model';
import { SecurityGroupModel } from './private/network-model';
import { refuse } from '../private/validation';
import { egressRule } from './private/rules/egress';
import { Rule, RuleFinding } from './private/rules/finding';
import { namesRule } from './private/rules/names';
import { pathsRule } from './private/rules/paths';
import { regionsRule } from './private/rules/regions';

/** One problem the check found: where, which rule, what happens at deployment, and the fix. */
export interface DeployReadinessFinding {
  /** The rule that found it, e.g. `egress-unreachable` (see the README for the list). */
  readonly ruleId: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The construct path of the resource (or `<stack>/<logicalId>` without path metadata). */
  readonly resource: string;
  /** The resource's logical id in its template. */
  readonly logicalId: string;
  /** What is wrong and what it breaks. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A finding a user accepts, with the reason. */
export interface DeployReadinessAcknowledgement {
  /** The rule id, e.g. `name-fixed`. */
  readonly ruleId: string;
  /**
   * The construct path of the resource, or of a construct above it (every resource below is meant).
   * @default - every resource
   */
  readonly resource?: string;
  /** Why the finding does not apply: shown nowhere else, so make it true and specific. */
  readonly reason: string;
}

/** Options of a deploy-readiness check. */
export interface DeployReadinessOptions {
  /**
   * Findings to accept.
   * @default - none
   */
  readonly acknowledgements?: DeployReadinessAcknowledgement[];
}

/** The result of a deploy-readiness check. */
export interface DeployReadinessReport {
  /** The unacknowledged findings; empty when the assembly is ready to deploy as far as the check can tell. */
  readonly findings: DeployReadinessFinding[];
  /** How many findings acknowledgements accepted. */
  readonly acknowledged: number;
  /** How many stacks were checked. */
  readonly stackCount: number;
  /** How many resources were checked. */
  readonly resourceCount: number;
}

/** Every rule of the check, in report order. */
const RULES: Rule[] = [egressRule, pathsRule, namesRule, regionsRule];

/**
 * Checks a synthesized cloud assembly for faults that tests, cdk-nag and cfn-lint pass but AWS hits at
 * the first deployment: subnets whose tasks cannot reach ECR, S3, CloudWatch Logs or their secrets;
 * security-group paths (CloudFront -> load balancer -> task -> database) that are closed or wider than
 * their port; physical names that collide when the app is deployed twice into one account and region;
 * and region-bound resources (CloudFront certificates and web ACLs) outside the region AWS takes them.
 *
 * Run it on `cdk.out` with `npx cdk-webapp-patterns check cdk.out`, or in a test on
 * `app.synth().directory`.
 */
export class DeployReadiness {
  /** Checks the cloud assembly in `assemblyDirectory` (e.g. `cdk.out`) and returns every finding. */
  public static check(assemblyDirectory: string, options: DeployReadinessOptions = {}): DeployReadinessReport {
    const model = AssemblyModel.load(assemblyDirectory);
    const context = { model, securityGroups: new SecurityGroupModel(model) };
    const all = RULES.flatMap((rule) => rule(context)).map(toFinding);
    const acknowledgements = options.acknowledgements ?? [];
    for (const a of acknowledgements) {
      if (!a.reason || a.reason.trim().length === 0) {
        refuse(`DeployReadiness: the acknowledgement of '${a.ruleId}'${a.resource ? ` on ${a.resource}` : ''} needs a reason`);
      }
    }
    const accepted = (f: DeployReadinessFinding) => acknowledgements.some((a) => a.ruleId === f.ruleId
      && (a.resource === undefined || f.resource === a.resource || f.resource.startsWith(`${a.resource}/`)));
    const findings = all.filter((f) => !accepted(f));
    return {
      findings,
      acknowledged: all.length - findings.length,
      stackCount: model.stacks.length,
      resourceCount: model.resources().length,
    };
  }

  /** Checks the assembly and throws an error listing every finding, if there are any (for tests). */
  public static assertReady(assemblyDirectory: string, options: DeployReadinessOptions = {}): void {
    const report = DeployReadiness.check(assemblyDirectory, options);
    if (report.findings.length > 0) refuse(DeployReadiness.format(report));
  }

  /** A report as text: one paragraph per finding (resource, rule, message, fix), then a summary line. */
  public static format(report: DeployReadinessReport): string {
    const lines = report.findings.map((f) => `[${f.ruleId}] ${f.resource} (stack ${f.stackName}, ${f.logicalId})\n  ${f.message}\n  fix: ${f.fix}`);
    const summary = `${report.findings.length} finding(s) in ${report.stackCount} stack(s), ${report.resourceCount} resource(s)`
      + (report.acknowledged > 0 ? `; ${report.acknowledged} acknowledged` : '');
    return [...lines, summary].join('\n');
  }
}

function toFinding(f: RuleFinding): DeployReadinessFinding {
  return {
    ruleId: f.ruleId,
    stackName: f.resource.stack.stackName,
    resource: f.resource.path,
    logicalId: f.resource.logicalId,
    message: f.message,
    fix: f.fix,
  };
}
