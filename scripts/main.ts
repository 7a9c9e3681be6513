// The main job: synthesize reference architecture A (the CDN blog) in the dev profile to cdk.out/
// with no AWS account, and print a per-stack summary (resources by type, the constructs that made
// them, the cdk-nag result).
import { App } from 'aws-cdk-lib';
import { printSummary, synthWithNag } from './summary';
import { EnvironmentProfile } from '../src';
import { buildReferenceA } from '../test/examples/reference-a-cdn-blog';

const app = new App({ outdir: 'cdk.out' });
buildReferenceA(app, EnvironmentProfile.dev());
const result = synthWithNag(app);
printSummary(app, result);
console.log(`\nCloud assembly written to ${result.assembly.directory}`);
process.exit(result.nagFindings === 0 ? 0 : 1);
