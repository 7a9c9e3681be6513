// Per-stack summary of a synthesized app: resources by type, which library constructs made them,
// and the cdk-nag result. Used by the main job and the benchmark.
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import * as library from '../src';

const LIBRARY_CLASSES: unknown[] = Object.values(library).filter((v) => typeof v === 'function');

/** The nearest construct at or above `c` whose class this library exports. */
function owningLibraryConstruct(c: IConstruct): string {
  for (let node: IConstruct | undefined = c; node; node = node.node.scope) {
    if (LIBRARY_CLASSES.some((cls) => node!.constructor === cls)) return `${node.constructor.name} ${node.node.path}`;
  }
  return '(not made by a construct of this library: the app itself, aws-cdk-lib providers)';
}

/** The result of synthesizing an app with cdk-nag. */
export interface SynthResult {
  readonly assembly: cxapi.CloudAssembly;
  readonly nagFindings: number;
  readonly nagReport: string;
}

/** Registers cdk-nag AwsSolutions and synthesizes; nag findings are counted, not thrown. */
export function synthWithNag(app: App): SynthResult {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    const assembly = app.synth();
    return { assembly, nagFindings: 0, nagReport: '' };
  } catch (e) {
    const message = (e as Error).message;
    const findings = (message.match(/^\s*ERROR /gm) ?? []).length || 1;
    // The assembly is still on disk; read it back for the summary.
    return { assembly: new cxapi.CloudAssembly(app.outdir), nagFindings: findings, nagReport: message };
  }
}

/** Prints resources by type and by owning construct for every stack of the app. */
export function printSummary(app: App, result: SynthResult): void {
  const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  for (const stack of stacks) {
    const artifact = result.assembly.getStackArtifact(stack.artifactId);
    const template = JSON.parse(fs.readFileSync(path.join(result.assembly.directory, artifact.templateFile), 'utf8'));
    const byType = new Map<string, number>();
    for (const r of Object.values<any>(template.Resources ?? {})) byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);
    const byOwner = new Map<string, number>();
    for (const c of stack.node.findAll()) {
      if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) {
        const owner = owningLibraryConstruct(c);
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
      }
    }
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    console.log(`\nStack ${stack.stackName} (${stack.region}) -> ${artifact.templateFile}: ${total} resources`);
    console.log('  by type:');
    for (const [type, n] of [...byType.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      console.log(`    ${String(n).padStart(4)}  ${type}`);
    }
    console.log('  by construct:');
    for (const [owner, n] of [...byOwner.entries()].sort()) console.log(`    ${String(n).padStart(4)}  ${owner}`);
  }
  console.log(`\ncdk-nag AwsSolutions: ${result.nagFindings === 0 ? 'clean (0 unacknowledged findings)' : `${result.nagFindings} unacknowledged findings`}`);
  if (result.nagFindings > 0) console.log(result.nagReport);
}
