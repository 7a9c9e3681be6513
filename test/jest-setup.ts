// Runs before every test file. aws-cdk-lib's built-in "CloudFormation Validate" plugin compiles a
// WebAssembly engine in every fresh process (about 2 s and 330 MiB per jest worker file); unit tests
// assert templates directly, so they skip it. It stays on in the integ snapshot synths
// (scripts/integ-snapshots.ts), where its findings fail the build. Set CDK_VALIDATION=true to
// run the unit tests with it.
process.env.CDK_VALIDATION ??= 'false';
