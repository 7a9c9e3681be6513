// The main job: synthesize reference architecture A (the CDN blog) in the dev profile to cdk.out/
// with no AWS account, and print a per-stack summary (resources by type, the constructs that made
// them, the cdk-nag result), the deploy-readiness check and the monthly cost estimate, and write the Mermaid
// architecture diagram to cdk.out/architecture.mmd.
import { App } from 'aws-cdk-lib';
import { printSummary, synthWithNag } from './summary';
import { ArchitectureDiagram, CostEstimate, DeployReadiness, EnvironmentProfile } from '../src';
import { buildReferenceA } from '../test/examples/reference-a-cdn-blog';

const app = new App({ outdir: 'cdk.out' });
buildReferenceA(app, EnvironmentProfile.dev());
const result = synthWithNag(app);
printSummary(app, result);
console.log(`\nCloud assembly written to ${result.assembly.directory}`);
// The same check as `cdk-webapp-patterns check cdk.out`: faults only a deployment would show.
const readiness = DeployReadiness.check(result.assembly.directory);
console.log(`\nDeploy readiness: ${DeployReadiness.format(readiness)}`);
// The same estimate as `cdk-webapp-patterns cost cdk.out`: what the stack costs idle, line by line.
// The same diagram as `cdk-webapp-patterns diagram cdk.out`, written next to the templates.
console.log(`\nArchitecture diagram (Mermaid) written to ${ArchitectureDiagram.writeToAssembly(result.assembly.directory)}`);
console.log(`\nMonthly cost estimate:\n${CostEstimate.format(CostEstimate.fromAssembly(result.assembly.directory))}`);
process.exit(result.nagFindings === 0 && readiness.findings.length === 0 ? 0 : 1);
