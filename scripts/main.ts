// The main job: synthesize the example app to cdk.out/ with no AWS account and print a per-stack
// summary (resources by type, the constructs that made them, the cdk-nag result).
import { App } from 'aws-cdk-lib';
import { printSummary, synthWithNag } from './summary';
import { buildSecureVpcExample } from '../test/examples/secure-vpc-example';

const app = new App({ outdir: 'cdk.out' });
buildSecureVpcExample(app);
const result = synthWithNag(app);
printSummary(app, result);
console.log(`\nCloud assembly written to ${result.assembly.directory}`);
process.exit(result.nagFindings === 0 ? 0 : 1);
