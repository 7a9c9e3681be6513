import { awscdk, javascript } from 'projen';

// aws-cdk-lib >= 2.258 is the first release whose native Validations API cdk-nag 3 can run on
// (2.257 fails with "NagPack requires a construct tree on the validation context").
const CDK_VERSION = '2.276.0';
// The newest CLI measured to read the schema-55 cloud assembly that aws-cdk-lib 2.276 writes.
const CDK_CLI_VERSION = '2.1148.1';

// Every synth on this project runs without AWS credentials and without the EC2 metadata probe.
const SYNTH_ENV = { AWS_REGION: 'us-east-1', TS_NODE_TRANSPILE_ONLY: '1', CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_STACK_TRACE: '1' };

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-webapp-patterns',
  description: 'Opinionated, secure-by-default AWS CDK building blocks for production web applications: VPC, Fargate API, Aurora, CloudFront site and alarms.',
  author: 'cdk-webapp-patterns maintainers',
  authorAddress: 'maintainers@cdk-webapp-patterns.dev',
  license: 'Apache-2.0',
  repositoryUrl: 'https://github.com/cdk-webapp-patterns/cdk-webapp-patterns.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  tsconfigDevFile: 'tsconfig.dev.json',
  keywords: ['cdk', 'aws-cdk', 'awscdk', 'ecs', 'fargate', 'aurora', 'cloudfront', 'vpc', 'waf'],

  cdkVersion: CDK_VERSION,
  cdkCliVersion: CDK_CLI_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  minNodeVersion: '20.0.0',

  devDeps: ['cdk-nag@^3.0.2'],
  // `cdk-webapp-patterns check cdk.out`: the deploy-readiness check on a synthesized app (src/cli.ts).
  bin: { 'cdk-webapp-patterns': 'lib/cli.js' },
  // One type-checked project for src, test and scripts: tsconfig.dev.json.
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'scripts'], tsconfigPath: './tsconfig.dev.json', projectService: false },

  publishToPypi: {
    distName: 'cdk-webapp-patterns',
    module: 'cdk_webapp_patterns',
  },

  jestOptions: {
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
      testPathIgnorePatterns: ['/node_modules/', '/test/.tmp/', '\\.integ\\.snapshot/'],
    },
  },

  gitignore: ['/cdk.out/', '/bench.out/', 'test/.tmp/', '__pycache__/', '*.pyc'],
});

// --- Integration snapshots: synthesize without credentials, with a CLI that reads our schema.
for (const task of project.tasks.all) {
  if (task.name.startsWith('integ:')) {
    for (const [k, v] of Object.entries(SYNTH_ENV)) task.env(k, v);
  }
  // cdk synth -o into an existing folder keeps files of stacks that no longer exist, which the
  // assert's diff then reports: start every snapshot from an empty folder.
  const snapshot = /^integ:(.+):snapshot$/.exec(task.name);
  if (snapshot) task.prependExec(`rm -rf test/${snapshot[1]}.integ.snapshot`);
}

// --- cfn-lint over every committed snapshot template (zero errors and zero warnings).
const cfnLint = project.addTask('cfn-lint', {
  description: 'Lint every committed integ snapshot template with cfn-lint (errors and warnings fail)',
  exec: 'node scripts/cfn-lint.js',
});
project.testTask.spawn(cfnLint);

// --- API.md must be what jsii-docgen writes from the current source.
const docgenCheck = project.addTask('docgen:check', {
  description: 'Fail when the committed API.md differs from what jsii-docgen generates',
  exec: 'bash scripts/check-api-md.sh',
});
project.postCompileTask.spawn(docgenCheck);

// --- Python packaging that works offline (PyPI unreachable): pacmak code-only + Debian's build tools.
// The stock pacmak build stays for a real release runner (GitHub Actions, or PYPI_OFFLINE=0).
const pythonTask = project.tasks.tryFind('package:python');
if (pythonTask) {
  pythonTask.reset();
  pythonTask.exec('bash scripts/package-python.sh');
}

// --- The main job: synthesize the example app and print a per-stack summary.
project.addTask('main', {
  description: 'Synthesize the example app to cdk.out/ (no AWS account) and print a per-stack summary',
  env: SYNTH_ENV,
  exec: 'ts-node --project tsconfig.dev.json scripts/main.ts',
});

// --- Benchmarks print figures; they are not tests.
project.addTask('bench', {
  description: 'Print synth time and resource counts for the examples',
  env: SYNTH_ENV,
  exec: 'ts-node --project tsconfig.dev.json scripts/bench.ts',
});

for (const p of ['/cdk.out/', '/bench.out/', '/scripts/', '/run.sh', '/.ci/', '/.cfnlintrc.yaml']) project.addPackageIgnore(p);

// eslint covers the helper scripts too.
project.tsconfigDev.addInclude('scripts/**/*.ts');
project.tsconfigDev.addInclude('.projenrc.ts');

project.synth();
