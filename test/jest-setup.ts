// Runs before every test file. aws-cdk-lib's built-in "CloudFormation Validate" plugin compiles a
// WebAssembly engine in every fresh process (about 2 s and 330 MiB per jest worker file); unit tests
// assert templates directly, so they skip it. It stays on in the integ snapshot synths
// (scripts/integ-snapshots.ts), where its findings fail the build. Set CDK_VALIDATION=true to
// run the unit tests with it.
process.env.CDK_VALIDATION ??= 'false';

// aws-cdk-lib records a creation stack trace on every CloudFormation element and every annotation
// (cloud-assembly metadata only: templates do not change). Under jest each trace goes through its
// source-map call-site rewriting: measured 2026-12-01 on three test files (145 tests), 19.3 s of CPU
// without the traces against 24.9 s with them. Unit tests assert templates and annotation messages,
// never the traces, so they run without them. Set CDK_STACK_TRACES=true
// to run the unit tests with them.
if (process.env.CDK_STACK_TRACES !== 'true') {
  process.env.CDK_DISABLE_STACK_TRACE ??= '1';
  const context = process.env.CDK_CONTEXT_JSON ? JSON.parse(process.env.CDK_CONTEXT_JSON) : {};
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true, ...context });
}
