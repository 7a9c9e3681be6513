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

// Every reference: log groups without a KMS key, buckets without replication, log buckets without versioning.
const COMMON = ['CloudWatchLogGroupEncrypted', 'S3BucketReplicationEnabled', 'S3BucketVersioningEnabled'];
// With a site: its buckets (and C's CloudTrail bucket) with SSE-S3 instead of a KMS key.
const SITE = [...COMMON, 'S3DefaultEncryptionKMS'];
const REMAINING: Array<[string, (app: App) => unknown, string[]]> = [
  ['A (CDN blog)', buildReferenceA, [...SITE, 'RDSInBackupPlan']],
  ['B (Rust API)', buildReferenceB, COMMON],
  ['C (Next.js SSR)', buildReferenceC, [...SITE, 'CloudTrailCloudWatchLogsEnabled', 'CloudTrailEncryptionEnabled']],
  ['D (Express API)', buildReferenceD, [...COMMON, 'RDSInBackupPlan']],
  ['E (PDF service)', buildReferenceE, SITE],
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
