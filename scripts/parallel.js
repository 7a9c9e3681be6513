// Runs shell commands side by side and fails if any of them fails. Each command's output is held
// back and printed whole when it ends, under a header with its time, so the log reads in order.
//   node scripts/parallel.js "npx projen eslint" "npx projen integ"
const { spawn } = require('child_process');

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node scripts/parallel.js "command" ["command" ...]');
  process.exit(2);
}

const start = Date.now();
const jobs = commands.map((command) => new Promise((resolve) => {
  const began = Date.now();
  const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  child.stdout.on('data', (d) => chunks.push(d));
  child.stderr.on('data', (d) => chunks.push(d));
  child.on('close', (code, signal) => {
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    const status = code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`;
    process.stdout.write(`\n=== ${command}: ${status} in ${seconds} s\n${Buffer.concat(chunks).toString()}`);
    resolve(code === 0);
  });
}));

Promise.all(jobs).then((results) => {
  const failed = results.filter((ok) => !ok).length;
  console.log(`\nparallel: ${commands.length} commands in ${((Date.now() - start) / 1000).toFixed(1)} s, ${failed} failed`);
  process.exit(failed ? 1 : 0);
});
