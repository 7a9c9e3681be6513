import { Names, Stack, Stage, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalidProp } from '../../private/validation';

/** The only region where CloudFront accepts certificates and CLOUDFRONT-scope web ACLs. */
export const US_EAST_1 = 'us-east-1';

/** The construct id of the companion stack in its App or Stage (API: renaming replaces the stack). */
export const COMPANION_ID = 'UsEast1Companion';

/**
 * The scope to create a site's us-east-1 parts (certificate, web ACL) in: the site itself when its
 * stack is in us-east-1; otherwise a construct named after the site in `usEast1Stack` or in the
 * companion us-east-1 stack that the first such site of the App (or Stage) creates and later ones reuse.
 * The site stack then references them across regions (aws-cdk-lib's SSM-backed ExportWriter/Reader).
 */
export function usEast1Scope(site: Construct, reason: string, usEast1Stack?: Stack): { scope: Construct; companion?: Stack } {
  const stack = Stack.of(site);
  if (Token.isUnresolved(stack.region)) {
    invalidProp(site, 'the stack\'s env.region', undefined,
      `must be set (e.g. 'ap-northeast-1') when the site needs us-east-1 parts (${reason}): cross-region references need a known region`);
  }
  if (stack.region === US_EAST_1) return { scope: site };

  let companion = usEast1Stack;
  if (companion) {
    if (companion.region !== US_EAST_1) {
      invalidProp(site, 'usEast1Stack region', companion.region, `must be '${US_EAST_1}'`);
    }
  } else {
    const container: Construct = Stage.of(stack) ?? stack.node.root;
    const accountKnown = !Token.isUnresolved(stack.account);
    const id = accountKnown ? `${COMPANION_ID}${stack.account}` : COMPANION_ID;
    companion = container.node.tryFindChild(id) as Stack | undefined;
    if (!companion) {
      companion = new Stack(container, id, {
        env: { account: accountKnown ? stack.account : undefined, region: US_EAST_1 },
        // Named after the first site stack so that two apps in one account do not share a stack.
        stackName: `${stack.stackName}-UsEast1`,
        description: 'us-east-1 parts (ACM certificates, CLOUDFRONT-scope web ACLs) of cdk-webapp-patterns sites',
        crossRegionReferences: true,
      });
    }
  }
  const siteId = Names.uniqueId(site);
  const existing = companion.node.tryFindChild(siteId);
  return { scope: existing ?? new Construct(companion, siteId), companion };
}
