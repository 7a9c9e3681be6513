import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildPlainCdkReferenceA } from './examples/plain-cdk-reference-a';
import { buildReferenceA } from './examples/reference-a-cdn-blog';

/** Resource count per CloudFormation type. */
function typeCounts(build: (app: App) => Stack): Record<string, number> {
  const resources = Template.fromStack(build(new App())).toJSON().Resources as Record<string, { Type: string }>;
  const counts: Record<string, number> = {};
  for (const { Type } of Object.values(resources)) counts[Type] = (counts[Type] ?? 0) + 1;
  return counts;
}

// The benchmark's equal-work comparison holds only while the plain app builds what reference A builds.
describe('plain aws-cdk-lib reference A (benchmark)', () => {
  test('has the same resource types and counts as reference A (prod)', () => {
    // GIVEN / WHEN
    const library = typeCounts((app) => buildReferenceA(app));
    const plain = typeCounts(buildPlainCdkReferenceA);
    // THEN: if this fails after a library change, change the plain app to match (scripts/bench.ts section 2a)
    expect(plain).toEqual(library);
  });
});
