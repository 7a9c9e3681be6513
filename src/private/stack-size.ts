import { Annotations, Aspects, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

// CloudFormation declares at most 500 resources per template ("Resources: 500", AWS CloudFormation
// quotas, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html,
// checked 2026-12-01); aws-cdk-lib throws TooManyResourcesInStack above its context value
// '@aws-cdk/core:stackResourceLimit', 500 by default.
const DEFAULT_LIMIT = 500;
/** Warn from this share of the limit on: 450 of 500, about three services before the wall. */
const WARN_AT = 0.9;

const watched = new WeakSet<Stack>();

/**
 * Warns, once per stack, when the stack holding `scope` comes near CloudFormation's resource limit,
 * naming the remedy: attached services in another stack. Counted after the whole app is built.
 */
export function watchStackSize(scope: IConstruct): void {
  const stack = Stack.of(scope);
  if (watched.has(stack)) return;
  watched.add(stack);
  Aspects.of(stack).add(new StackSizeWarning(stack));
}

class StackSizeWarning implements IAspect {
  constructor(private readonly stack: Stack) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const limit = Number(this.stack.node.tryGetContext('@aws-cdk/core:stackResourceLimit') ?? DEFAULT_LIMIT);
    if (!Number.isFinite(limit) || limit <= 0) return;
    const count = this.stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === this.stack).length;
    if (count < limit * WARN_AT) return;
    Annotations.of(this.stack).addWarningV2('cdk-webapp-patterns:stackNearResourceLimit',
      `Stack '${this.stack.node.path}' holds ${count} resources, near CloudFormation's limit of ${limit} per stack ` +
      '(aws-cdk-lib refuses to synthesize above it). Each API service adds about 14: create further services that ' +
      'attach to this load balancer in another stack (new FargateApiService(otherStack, id, { attachTo: service, ... })); ' +
      "see the README's 'Services beyond one stack'.");
  }
}
