import { Names, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { companionStack } from '../../private/companion-stack';
import { invalidProp } from '../../private/validation';

/** The only region where CloudFront accepts certificates and CLOUDFRONT-scope web ACLs. */
export const US_EAST_1 = 'us-east-1';

/** The construct id prefix of a companion stack in its App or Stage (API: renaming replaces the stack). */
export const COMPANION_ID = 'UsEast1Companion';

/**
 * The scope to create a site's us-east-1 parts (certificate, web ACL) in: the site itself when its
 * stack is in us-east-1; otherwise a construct named after the site in `usEast1Stack` or in the
 * companion us-east-1 stack of the site's stack, which every site of that stack shares.
 * The site stack then references them across regions (aws-cdk-lib's SSM-backed ExportWriter/Reader).
 *
 * There is one companion per site stack, named after that stack and its region, so that its name (and
 * with it the CloudFormation stack) never changes when other stacks are added to the app, in any order.
 */
export function usEast1Scope(site: Construct, reason: string, usEast1Stack?: Stack): { scope: Construct; companion?: Stack } {
  const stack = Stack.of(site);
  if (Token.isUnresolved(stack.region)) {
    invalidProp(site, 'the stack\'s env.region', undefined,
      `must be set (e.g. 'ap-northeast-1') when the site needs us-east-1 parts (${reason}): cross-region references need a known region`);
  }
  if (usEast1Stack && usEast1Stack.region !== US_EAST_1) {
    invalidProp(site, 'usEast1Stack region', usEast1Stack.region, `must be '${US_EAST_1}'`);
  }
  // A stack you name is used even when the site is in us-east-1 itself; otherwise us-east-1 sites keep them in place.
  if (usEast1Stack === stack || (!usEast1Stack && stack.region === US_EAST_1)) return { scope: site };
  const companion = usEast1Stack ?? companionOf(site);
  const siteId = Names.uniqueId(site);
  const existing = companion.node.tryFindChild(siteId);
  return { scope: existing ?? new Construct(companion, siteId), companion };
}

/** The companion us-east-1 stack of a (top-level) site stack, created on first use. */
function companionOf(site: Construct): Stack {
  return companionStack(site, {
    region: US_EAST_1,
    idPrefix: COMPANION_ID,
    nameSuffix: '-UsEast1',
    description: 'us-east-1 parts (ACM certificate, CLOUDFRONT-scope web ACL) of the cdk-webapp-patterns sites of %s',
    ownerLabel: 'the site stack\'s id',
    alternative: 'or pass usEast1Stack',
    crossRegionReferences: true,
  });
}
