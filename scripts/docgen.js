// Writes API.md with jsii-docgen, but only when what API.md is made from has changed.
// API.md ends with a line recording the key of its inputs (the compiled .jsii without its readme
// and fingerprint, and the versions of jsii-docgen, aws-cdk-lib and constructs) and the hash of its
// own text. When both still match, docgen is skipped (it spends ~40 s reading aws-cdk-lib's 87 MB
// assembly); otherwise it runs and the key is rewritten. With CI set, a regenerated API.md that
// differs from the committed one fails the build: the staleness check of before, kept.
//   node scripts/docgen.js          regenerate only if needed
//   node scripts/docgen.js --force  always regenerate
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const apiMd = path.join(root, 'API.md');
const TRAILER = /\n<!-- jsii-docgen inputs sha256:([0-9a-f]{64}) text sha256:([0-9a-f]{64}) -->\n$/;

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');
const versionOf = (pkg) => JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [root] }), 'utf8')).version;

/** The key of everything API.md is generated from. */
function inputsKey() {
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  // Not rendered into API.md: the readme, the fingerprint (which hashes the readme too) and the
  // source line of each type and member (moving code would otherwise rerun docgen for nothing).
  delete assembly.readme;
  delete assembly.fingerprint;
  stripLocations(assembly);
  return sha256(JSON.stringify({
    assembly,
    versions: ['jsii-docgen', 'aws-cdk-lib', 'constructs'].map((p) => `${p}@${versionOf(p)}`),
  }));
}

function stripLocations(node) {
  if (Array.isArray(node)) node.forEach(stripLocations);
  else if (node && typeof node === 'object') {
    delete node.locationInModule;
    Object.values(node).forEach(stripLocations);
  }
}

function main() {
  const force = process.argv.includes('--force');
  const key = inputsKey();
  const current = fs.existsSync(apiMd) ? fs.readFileSync(apiMd, 'utf8') : '';
  const recorded = TRAILER.exec(current);
  if (!force && recorded && recorded[1] === key && recorded[2] === sha256(current.slice(0, recorded.index))) {
    console.log('docgen: API.md is current (its inputs are unchanged): skipped');
    return;
  }
  const start = Date.now();
  const local = path.join(root, 'node_modules', '.bin', 'jsii-docgen');
  execFileSync(fs.existsSync(local) ? local : 'jsii-docgen', ['-o', 'API.md'], { cwd: root, stdio: 'inherit' });
  const body = fs.readFileSync(apiMd, 'utf8').replace(/\s*$/, '\n');
  fs.writeFileSync(apiMd, `${body}\n<!-- jsii-docgen inputs sha256:${key} text sha256:${sha256(body)} -->\n`);
  console.log(`docgen: API.md regenerated in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  if (process.env.CI && isTracked()) {
    try {
      execFileSync('git', ['diff', '--ignore-space-at-eol', '--exit-code', '--', 'API.md'], { cwd: root, stdio: 'inherit' });
    } catch {
      console.error("API.md is stale: run 'npx projen compile' and commit API.md");
      process.exit(1);
    }
  }
}

function isTracked() {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', 'API.md'], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

main();
