import { CfnResource, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** One cdk-nag rule that does not apply, with the reason a security reviewer would read. */
export interface NagAcknowledgement {
  readonly id: string;
  readonly reason: string;
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
    const existing: { rules_to_suppress?: NagAcknowledgement[] } = child.getMetadata('cdk_nag') ?? {};
    const rules = [...(existing.rules_to_suppress ?? [])];
    for (const ack of acknowledgements) {
      if (!rules.some((r) => r.id === ack.id)) rules.push({ id: ack.id, reason: ack.reason });
    }
    child.addMetadata('cdk_nag', { rules_to_suppress: rules });
  }
}
