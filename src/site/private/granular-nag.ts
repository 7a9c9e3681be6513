import { Aspects, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { acknowledgeNag, nagText } from '../../private/nag';

/**
 * Acknowledges cdk-nag's granular IAM4 (AWS managed policy) and IAM5 (wildcard) findings on the IAM
 * resources below `scope` once their policies are complete (at synth), each finding by its exact id,
 * e.g. `AwsSolutions-IAM5[Action::s3:GetObject*]`. For resources that aws-cdk-lib owns (singleton
 * handlers) whose grants this library cannot narrow.
 */
export function acknowledgeIamFindingsAtSynth(scope: IConstruct, managedPolicyReason: string, wildcardReason: string): void {
  Aspects.of(scope).add(new IamFindingsAcknowledger(managedPolicyReason, wildcardReason));
}

class IamFindingsAcknowledger implements IAspect {
  constructor(private readonly managedPolicyReason: string, private readonly wildcardReason: string) {}

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const stack = Stack.of(node);
    const findings: { id: string; reason: string }[] = [];
    if (node instanceof iam.CfnRole) {
      const arns: unknown[] = stack.resolve(node.managedPolicyArns) ?? [];
      for (const arn of arns.map((a) => nagText(stack.resolve(a))).filter((a) => a.includes(':iam::aws:'))) {
        findings.push({ id: `AwsSolutions-IAM4[Policy::${arn}]`, reason: this.managedPolicyReason });
      }
    }
    if (node instanceof iam.CfnPolicy) {
      for (const finding of wildcards(stack.resolve(node.policyDocument))) {
        findings.push({ id: `AwsSolutions-IAM5[${finding}]`, reason: this.wildcardReason });
      }
    }
    acknowledgeNag(node, findings);
  }
}

/** The wildcard actions and resources of a resolved policy document's Allow statements, as cdk-nag names them. */
function wildcards(document: any): string[] {
  const result = new Set<string>();
  for (const statement of document?.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of ([] as unknown[]).concat(statement.Action ?? [])) {
      if (typeof action === 'string' && action.includes('*')) result.add(`Action::${action}`);
    }
    for (const resource of ([] as unknown[]).concat(statement.Resource ?? []).map(nagText)) {
      if (resource.includes('*')) result.add(`Resource::${resource}`);
    }
  }
  return [...result];
}
