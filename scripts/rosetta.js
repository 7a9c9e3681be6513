// Compiles every TypeScript example of the README and the doc comments with jsii-rosetta in strict
// mode (the build fails when one stops compiling) and translates them for the other languages:
// jsii-pacmak puts the Python translations in the wheel's description and the docstrings.
// The setup lines the examples assume are in rosetta/default.ts-fixture.
// rosetta/tablet.json is the committed cache of the translations: an example whose text and the
// types it uses are unchanged is not compiled again (a run with nothing to compile takes a few
// seconds instead of ~30). The tablet rosetta writes next to the assembly (.jsii.tabl.json) is what
// jsii-pacmak reads.
//   node scripts/rosetta.js
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const cache = path.join('rosetta', 'tablet.json');

// The examples compile in a directory where `cdk-webapp-patterns` is this package and every other
// module (aws-cdk-lib, constructs, cdk-nag) is the one in ./node_modules: one copy of each, and no
// npm install of a scratch project on every run.
const compileDir = path.join(root, 'node_modules', '.cache', 'rosetta-compile');
const self = path.join(compileDir, 'node_modules', 'cdk-webapp-patterns');
fs.mkdirSync(path.dirname(self), { recursive: true });
if (!fs.existsSync(self)) fs.symlinkSync(path.relative(path.dirname(self), root), self, 'dir');

const start = Date.now();
const local = path.join(root, 'node_modules', '.bin', 'jsii-rosetta');
try {
  execFileSync(fs.existsSync(local) ? local : 'jsii-rosetta',
    ['extract', '--strict', '--directory', compileDir, '--cache', cache, '--trim-cache', '.jsii'],
    { cwd: root, stdio: 'inherit' });
} catch {
  console.error('rosetta: an example of the README or a doc comment does not compile (above); fix it or rosetta/default.ts-fixture');
  process.exit(1);
}
console.log(`rosetta: every example compiles (${((Date.now() - start) / 1000).toFixed(1)} s)`);
