// Writes the API references with jsii-docgen, but only those whose inputs have changed:
//   API.md         TypeScript
//   API.python.md  Python (its examples are rosetta's translations, so `npx projen rosetta` runs first)
// Each ends with a line recording the key of its inputs (the compiled .jsii without its readme and
// fingerprint, the versions of jsii-docgen, aws-cdk-lib and constructs, and for Python the Python
// translations of the examples) and the hash of its own text. When both still match, that language is
// skipped (docgen spends ~40 s reading aws-cdk-lib's 87 MB assembly); otherwise it runs and the key
// is rewritten. With CI set, a regenerated reference that differs from the committed one fails the
// build: the staleness check of before, kept for both.
//   node scripts/docgen.js          regenerate only what is needed
//   node scripts/docgen.js --force  always regenerate both
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const TRAILER = /\n<!-- jsii-docgen inputs sha256:([0-9a-f]{64}) text sha256:([0-9a-f]{64}) -->\n$/;
const LANGUAGES = [
  { name: 'typescript', file: 'API.md', extraInputs: () => [] },
  { name: 'python', file: 'API.python.md', extraInputs: () => translations('python') },
];

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');
const versionOf = (pkg) => JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [root] }), 'utf8')).version;

/** The key of everything a reference is generated from. */
function inputsKey(language) {
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  // Not rendered into the references: the readme, the fingerprint (which hashes the readme too) and
  // the source line of each type and member (moving code would otherwise rerun docgen for nothing).
  delete assembly.readme;
  delete assembly.fingerprint;
  stripLocations(assembly);
  return sha256(JSON.stringify({
    assembly,
    versions: ['jsii-docgen', 'aws-cdk-lib', 'constructs'].map((p) => `${p}@${versionOf(p)}`),
    extra: language.extraInputs(),
  }));
}

/** The translations of the doc-comment examples (the README is not part of the references), sorted. */
function translations(lang) {
  const tablet = path.join(root, '.jsii.tabl.json');
  if (!fs.existsSync(tablet)) throw new Error(".jsii.tabl.json is missing: run 'npx projen rosetta' first");
  return Object.values(JSON.parse(fs.readFileSync(tablet, 'utf8')).snippets)
    .filter((s) => s.location.api.api !== 'moduleReadme')
    .map((s) => s.translations[lang]?.source ?? '')
    .sort();
}

function stripLocations(node) {
  if (Array.isArray(node)) node.forEach(stripLocations);
  else if (node && typeof node === 'object') {
    delete node.locationInModule;
    Object.values(node).forEach(stripLocations);
  }
}

function isCurrent(file, key) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const recorded = TRAILER.exec(current);
  return recorded && recorded[1] === key && recorded[2] === sha256(current.slice(0, recorded.index));
}

function main() {
  const force = process.argv.includes('--force');
  const stale = LANGUAGES.map((l) => ({ ...l, key: inputsKey(l) })).filter((l) => force || !isCurrent(path.join(root, l.file), l.key));
  for (const l of LANGUAGES.filter((x) => !stale.some((s) => s.name === x.name))) {
    console.log(`docgen: ${l.file} is current (its inputs are unchanged): skipped`);
  }
  if (stale.length === 0) return;

  const start = Date.now();
  const local = path.join(root, 'node_modules', '.bin', 'jsii-docgen');
  // One run for every stale language: with more than one, jsii-docgen names its files API.<language>.md.
  const args = stale.length === 1 ? ['-l', stale[0].name, '-o', stale[0].file] : [...stale.flatMap((l) => ['-l', l.name]), '-o', 'API'];
  execFileSync(fs.existsSync(local) ? local : 'jsii-docgen', args, { cwd: root, stdio: 'inherit' });
  for (const l of stale) {
    const written = path.join(root, stale.length === 1 ? l.file : `API.${l.name}.md`);
    const body = fs.readFileSync(written, 'utf8').replace(/\s*$/, '\n');
    if (written !== path.join(root, l.file)) fs.rmSync(written);
    fs.writeFileSync(path.join(root, l.file), `${body}\n<!-- jsii-docgen inputs sha256:${l.key} text sha256:${sha256(body)} -->\n`);
  }
  console.log(`docgen: ${stale.map((l) => l.file).join(' and ')} regenerated in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  if (process.env.CI) {
    const tracked = stale.map((l) => l.file).filter(isTracked);
    try {
      if (tracked.length > 0) execFileSync('git', ['diff', '--ignore-space-at-eol', '--exit-code', '--', ...tracked], { cwd: root, stdio: 'inherit' });
    } catch {
      console.error(`${tracked.join(' or ')} is stale: run 'npx projen compile' and commit it`);
      process.exit(1);
    }
  }
}

function isTracked(file) {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', file], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

main();
