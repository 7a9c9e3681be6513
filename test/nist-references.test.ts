// The NIST 800-53 R5 pack over the reference examples in prod: every rule that is still reported
// (unacknowledged) is listed in the README ("cdk-nag NIST 800-53 R5"), at most 6 per reference.
// AwsSolutions stays the gating pack (integ synths); this one is measured here.
import { App } from 'aws-cdk-lib';
import { NIST80053R5Checks } from 'cdk-nag';
import { buildReferenceA } from './examples/reference-a-cdn-blog';
import { buildReferenceB } from './examples/reference-b-rust-api';
import { buildReferenceC } from './examples/reference-c-nextjs-ssr';
import { buildReferenceD } from './examples/reference-d-express-api';
import { buildReferenceE } from './examples/reference-e-pdf-service';
import { violatedRules } from './nag';

const MAX_RULES = 6;
const NIST = 'NIST.800.53.R5-';

const S3_COMMON = ['S3BucketReplicationEnabled', 'S3BucketVersioningEnabled', 'S3DefaultEncryptionKMS'];
const REMAINING: Array<[string, (app: App) => unknown, string[]]> = [
  ['A (CDN blog)', buildReferenceA, ['CloudWatchLogGroupEncrypted', 'RDSInBackupPlan', ...S3_COMMON]],
  ['B (Rust API)', buildReferenceB, ['CloudWatchLogGroupEncrypted', ...S3_COMMON]],
  ['C (Next.js SSR)', buildReferenceC, ['CloudTrailCloudWatchLogsEnabled', 'CloudTrailEncryptionEnabled', 'CloudWatchLogGroupEncrypted', ...S3_COMMON]],
  ['D (Express API)', buildReferenceD, ['CloudWatchLogGroupEncrypted', 'RDSInBackupPlan', ...S3_COMMON]],
  ['E (PDF service)', buildReferenceE, ['CloudWatchLogGroupEncrypted', ...S3_COMMON]],
];

describe('NIST 800-53 R5 over the reference examples in prod', () => {
  test.each(REMAINING)('reference %s: at most 6 unacknowledged rules, exactly those the README lists', (_name, build, expected) => {
    const app = new App();
    build(app);
    const rules = violatedRules(app, (a) => new NIST80053R5Checks(a));
    expect(rules).toEqual(expected.map((rule) => NIST + rule).sort());
    expect(rules.length).toBeLessThanOrEqual(MAX_RULES);
  });
});
