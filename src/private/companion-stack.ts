import { Names, Stack, Stage, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalidProp } from './validation';

/** What a companion stack is for and where it lives. */
export interface CompanionStackOptions {
  /** The region of the companion stack. */
  readonly region: string;
  /** The construct id prefix of the companion in its App or Stage (API: renaming replaces the stack). */
  readonly idPrefix: string;
  /** The end of the companion's stack name, after `<owner stack name>-<owner region>`. */
  readonly nameSuffix: string;
  /** The companion's description. */
  readonly description: string;
  /** How an error names the requester's stack, e.g. `the site stack's id`. */
  readonly ownerLabel: string;
  /** What else the user can do when two stack ids collide, e.g. `or pass usEast1Stack`. */
  readonly alternative: string;
  /** Whether the owner reads values of the companion through aws-cdk-lib's cross-region references. */
  readonly crossRegionReferences: boolean;
}

/**
 * The companion stack in another region of the (top-level) stack of `requester`, created on first use.
 * There is one companion per owner stack and region, named after the owner stack and its region, so
 * that its name (and with it the CloudFormation stack) never changes when other stacks are added to
 * the app, in any order. The owner stack's region must be known.
 */
export function companionStack(requester: Construct, options: CompanionStackOptions): Stack {
  let stack = Stack.of(requester);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  const container: Construct = Stage.of(stack) ?? stack.node.root;
  const id = `${options.idPrefix}${Names.uniqueId(stack)}`;
  const suffix = `-${stack.region}${options.nameSuffix}`;
  const stackName = `${stack.stackName.slice(0, 128 - suffix.length)}${suffix}`;
  const found = container.node.tryFindChild(id) as Stack | undefined;
  if (found) {
    // Stack ids that differ only in punctuation ('Web-1', 'Web1') would share an id; never share a companion.
    if (found.stackName !== stackName) {
      invalidProp(requester, options.ownerLabel, stack.node.path, `must not reduce to the ${options.region} companion id '${id}' of another `
        + `stack (its companion is '${found.stackName}'); rename one of the stacks ${options.alternative}`);
    }
    return found;
  }
  return new Stack(container, id, {
    env: { account: Token.isUnresolved(stack.account) ? undefined : stack.account, region: options.region },
    // The owner stack's name and region: unique per account, and unchanged by other stacks of the app.
    stackName,
    description: options.description.replace('%s', stack.stackName),
    crossRegionReferences: options.crossRegionReferences ? true : undefined,
  });
}
