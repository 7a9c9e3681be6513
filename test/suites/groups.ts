// The gate runs jest over the suites in this folder, not over the test files one by one.
//
// jest gives every test file a fresh module registry, so each file compiles aws-cdk-lib, cdk-nag
// and the library again (vm.compileFunction gets no code cache). Measured 2026-12-01 on 2 cores:
// the 9 alarm-set and aurora-cluster files (248 tests) took 27.4 s of CPU as 9 jest files and
// 16.8 s as one. A suite loads a family of test files into one registry; the files stay as they
// are, and `npx jest test/<file>.test.ts` still runs one of them alone.
//
// Every test/*.test.ts belongs to exactly one suite: the first whose pattern matches it, or
// `other`, which takes the rest (so a new test file runs even before it is given a family).
import * as fs from 'fs';
import * as path from 'path';

const TEST_DIR = path.join(__dirname, '..');

/** Suite name -> the test files (names in test/) it loads. Balance: about 10-25 s of CPU each. */
export const SUITES: { readonly [name: string]: RegExp } = {
  'alarm-set': /^alarm-set/,
  'databases': /^(aurora-cluster|rds-database)/,
  'ec2-api-service': /^(ec2-api-service|image-repository|security-baseline)/,
  'fargate-api-service': /^fargate-api-service(-load-balancer|-refusals|-stability|-stacks)?\.test\.ts$/,
  'fargate-api-service-features': /^fargate-api-service-/,
  'static-site': /^(static-site|amplify)/,
  'network': /^(secure-vpc|profile|physical-name|nag-acknowledge|plain-cdk)/,
  'blueprint': /^(web-app-blueprint|reference-)/,
  'tools': /^(deploy-readiness|assembly-model|cost-estimate|architecture-diagram|integ-snapshots|readme-)/,
};

/** The suite that runs a test file: the first pattern that matches, else `other`. */
export function suiteOf(file: string): string {
  return Object.keys(SUITES).find((name) => SUITES[name].test(file)) ?? 'other';
}

/** Every test file of the project (test/*.test.ts), sorted. */
export function allTestFiles(): string[] {
  return fs.readdirSync(TEST_DIR).filter((f) => f.endsWith('.test.ts')).sort();
}

/** Loads the test files of one suite into the calling jest file; returns their names. */
export function loadSuite(name: string): string[] {
  const files = allTestFiles().filter((f) => suiteOf(f) === name);
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(TEST_DIR, file));
  }
  return files;
}
