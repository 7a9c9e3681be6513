// Parses the Mermaid text on stdin with the real Mermaid parser (npm `mermaid`, ESM-only, so it runs
// in its own Node process; jsdom provides the window and document it needs) and prints the diagram
// type as JSON, or the parse error with exit code 1.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {
  const result = await mermaid.parse(Buffer.concat(chunks).toString('utf8'));
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(String(e.message ?? e));
  process.exit(1);
}
