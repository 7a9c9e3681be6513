// Runs cfn-lint over every committed integ snapshot template; any error or warning fails.
// Ignored rules and their reasons live in .cfnlintrc.yaml.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const testDir = path.join(__dirname, '..', 'test');
const templates = [];
for (const entry of fs.readdirSync(testDir)) {
  if (!entry.endsWith('.integ.snapshot')) continue;
  const dir = path.join(testDir, entry);
  for (const file of fs.readdirSync(dir)) {
    // The integ DeployAssert stacks are empty by design (E1001 on an empty template).
    if (file.endsWith('.template.json') && !file.includes('DeployAssert')) templates.push(path.join(dir, file));
  }
}
if (templates.length === 0) {
  console.error('cfn-lint: no snapshot templates found under test/*.integ.snapshot');
  process.exit(1);
}
try {
  execFileSync('cfn-lint', ['--format', 'parseable', '--', ...templates], { stdio: 'inherit' });
} catch (e) {
  console.error(`cfn-lint: findings in ${templates.length} templates (exit ${e.status})`);
  process.exit(1);
}
console.log(`cfn-lint: ${templates.length} templates, 0 errors, 0 warnings`);
