import { CfnResource, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * One cdk-nag rule that does not apply, with the reason a security reviewer would read. The id may
 * name one finding of a granular rule, e.g. `AwsSolutions-IAM5[Resource::*]`.
 */
export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
}

/** The cdk-nag 2 metadata form: a granular finding is `appliesTo` of its rule, not part of the id. */
interface NagV2Suppression {
  id: string;
  reason: string;
  appliesTo?: string[];
}

/**
 * Acknowledges cdk-nag findings on a construct and everything below it, in both forms users read:
 * cdk-nag 3 (aws-cdk-lib's native `Validations.acknowledge`) and cdk-nag 2 (`cdk_nag` metadata on
 * each CloudFormation resource).
 */
export function acknowledgeNag(scope: IConstruct, acknowledgements: NagAcknowledgement[]): void {
  if (acknowledgements.length === 0) return;
  Validations.of(scope).acknowledge(...acknowledgements);
  for (const child of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(child)) continue;
    const existing: { rules_to_suppress?: NagV2Suppression[] } = child.getMetadata('cdk_nag') ?? {};
    const rules = (existing.rules_to_suppress ?? []).map((r) => ({ ...r }));
    for (const ack of acknowledgements) addV2Suppression(rules, ack);
    child.addMetadata('cdk_nag', { rules_to_suppress: rules });
  }
}

function addV2Suppression(rules: NagV2Suppression[], ack: NagAcknowledgement): void {
  const granular = /^([^[]+)\[(.+)\]$/.exec(ack.id);
  const id = granular ? granular[1] : ack.id;
  const finding = granular?.[2];
  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    rules.push(finding ? { id, reason: ack.reason, appliesTo: [finding] } : { id, reason: ack.reason });
  } else if (finding && rule.appliesTo && !rule.appliesTo.includes(finding)) {
    // One cdk-nag 2 entry per rule: its findings are listed together, its reasons joined.
    rule.appliesTo.push(finding);
    if (!rule.reason.includes(ack.reason)) rule.reason = `${rule.reason} ${ack.reason}`;
  } else if (!finding) {
    delete rule.appliesTo; // the whole rule is acknowledged
  }
}

/**
 * The text cdk-nag shows for a resolved CloudFormation value in granular findings such as
 * `AwsSolutions-IAM5[Resource::<Bucket1234.Arn>/*]`: Fn::Join joined, Fn::GetAtt as `<Id.Attr>`,
 * Ref as `<Id>`, `${x}` as `<x>`, Fn::Sub and Fn::ImportValue by their argument.
 */
export function nagText(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\${/g, '<').replace(/}/g, '>');
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return items.map(nagText).join(delimiter);
  }
  if (node['Fn::Sub']) return nagText(node['Fn::Sub']);
  if (node['Fn::GetAtt']) return `<${nagText(node['Fn::GetAtt'][0])}.${nagText(node['Fn::GetAtt'][1])}>`;
  if (node['Fn::ImportValue']) return nagText(node['Fn::ImportValue']);
  if (node.Ref) return `<${nagText(node.Ref)}>`;
  return JSON.stringify(node);
}

/**
 * Acknowledges NIST 800-53 R5 IAMNoInlinePolicy on a role whose permissions aws-cdk-lib's grants
 * write into its `DefaultPolicy`, an AWS::IAM::Policy attached to this role alone; `holder` names
 * whose grants they are, e.g. 'the VPC flow log delivery'.
 */
export function acknowledgeGrantPolicy(role: IConstruct, holder: string): void {
  acknowledgeNag(role, [{
    id: 'NIST.800.53.R5-IAMNoInlinePolicy',
    reason: `The inline policy is the DefaultPolicy that aws-cdk-lib writes the grants of ${holder} into, attached to this role alone; a customer managed policy with the same statements would grant exactly the same (any wildcard in them is acknowledged by its exact finding under AwsSolutions-IAM5).`,
  }]);
}
