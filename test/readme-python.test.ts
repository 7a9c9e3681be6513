// What Python users read: jsii-rosetta's Python translation of every TypeScript example of the
// README and the doc comments (the wheel's description and docstrings carry them; `npx projen
// rosetta` compiles the TypeScript in strict mode). The committed translations (rosetta/tablet.json)
// must cover every README example as it is now, and each translation parses with Python 3, imports
// only what it uses, and takes library and aws_cdk names from an import, not from thin air. Free
// names that stand for the reader's own objects (self, network, service, ...) are allowed; names of
// this library, of aws_cdk's core or of an aws_cdk module alias (ecs, route53, ...) are not.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';

const ROOT = path.join(__dirname, '..');

interface BlockNames {
  readonly error?: string;
  readonly imports: Array<[string, string]>; // [module, name]
  readonly unused: string[];
  readonly free: string[];
}

// Parses a block with Python's own parser and reports what it imports, leaves unused and uses unbound.
const ANALYZE = `
import ast, json, sys
code = sys.stdin.read()
try:
    tree = ast.parse(code)
except SyntaxError as e:
    print(json.dumps({"error": f"line {e.lineno}: {e.msg}", "imports": [], "unused": [], "free": []}))
    sys.exit(0)
imports, bound = [], set()
for node in ast.walk(tree):
    if isinstance(node, ast.ImportFrom):
        for a in node.names:
            imports.append([node.module, a.name]); bound.add(a.asname or a.name)
    elif isinstance(node, ast.Import):
        for a in node.names:
            imports.append([a.name, a.name]); bound.add(a.asname or a.name.split(".")[0])
assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
assigned |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
assigned |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args}
loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
print(json.dumps({
    "imports": imports,
    "unused": sorted(bound - loaded),
    "free": sorted(loaded - bound - assigned - set(dir(__builtins__))),
}))
`;

interface Snippet {
  readonly translations: { readonly [language: string]: { readonly source: string } };
  readonly location: { readonly api: { readonly api: string; readonly fqn?: string } };
  readonly didCompile?: boolean;
}

/** The TypeScript blocks of README.md, as rosetta sees them (the text between the fences). */
function typeScriptBlocks(markdown: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed ts block`);
    blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

function analyze(code: string): BlockNames {
  return JSON.parse(execFileSync('python3', ['-c', ANALYZE], { input: code, encoding: 'utf-8' }));
}

/** The names Python users import from cdk_webapp_patterns: every type API.md (generated from the jsii assembly) documents. */
function libraryNames(): Set<string> {
  const apiMd = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf-8');
  return new Set([...apiMd.matchAll(/id="cdk-webapp-patterns\.([A-Za-z0-9]+)"/g)].map((m) => m[1]));
}

/** aws_cdk module aliases as the README writes them: `aws_ecs as ecs` -> `ecs`. */
function isAwsCdkModuleAlias(name: string): boolean {
  return fs.existsSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', `aws-${name}`));
}

const README_BLOCKS = typeScriptBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8'));
const SNIPPETS: Snippet[] = Object.values(JSON.parse(fs.readFileSync(path.join(ROOT, 'rosetta', 'tablet.json'), 'utf-8')).snippets);
const README_SNIPPETS = new Map(SNIPPETS.filter((s) => s.location.api.api === 'moduleReadme').map((s) => [s.translations.$.source.trim(), s]));
const DOC_SNIPPETS = SNIPPETS.filter((s) => s.location.api.api !== 'moduleReadme');
const LIBRARY = libraryNames();

/** The text of every `@example` tag of the doc comments in src/ (what jsii puts in the assembly). */
function sourceExamples(): string[] {
  const examples: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) examples.push(...examplesOf(fs.readFileSync(file, 'utf-8')));
    }
  };
  walk(path.join(ROOT, 'src'));
  return examples;
}

function examplesOf(source: string): string[] {
  const examples: string[] = [];
  for (const comment of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment.split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, ''));
    const start = lines.findIndex((l) => l.startsWith('@example'));
    if (start < 0) continue;
    const end = lines.findIndex((l, i) => i > start && l.startsWith('@'));
    examples.push(lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim());
  }
  return examples;
}

function expectGoodPython(code: string): void {
  const names = analyze(code);
  expect(names.error).toBeUndefined();
  expect(names.unused).toEqual([]);
  const missing = names.free.filter((n) => LIBRARY.has(n) || n in cdk || isAwsCdkModuleAlias(n));
  expect(missing).toEqual([]);
  const unknown = names.imports.filter(([module, name]) => module === 'cdk_webapp_patterns' && !LIBRARY.has(name));
  expect(unknown).toEqual([]);
}

describe('README examples in Python', () => {
  test('there are examples to check, and the library names to check them against', () => {
    expect(README_BLOCKS.length).toBeGreaterThanOrEqual(25);
    expect(['EnvironmentProfile', 'SubnetPlan', 'Stage', 'WebAppBlueprint'].filter((n) => LIBRARY.has(n))).toHaveLength(4);
    expect(LIBRARY.has('WebAppBlueprintProps')).toBe(true);
  });

  test('the README has no hand-written Python: its Python is what rosetta translates', () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8')).not.toMatch(/^```python/m);
  });

  test.each(README_BLOCKS.map((b) => [b.line, b] as const))('block at README.md:%d compiled, and its Python translation is sound', (_line, block) => {
    // Missing: the README changed since rosetta/tablet.json was written (npx projen rosetta, then commit it).
    const snippet = README_SNIPPETS.get(block.code.trim());
    expect(snippet).toBeDefined();
    expect(snippet!.didCompile).toBe(true);
    expectGoodPython(snippet!.translations.python.source);
  });
});

describe('doc-comment examples in Python', () => {
  test('the main constructs carry an example', () => {
    const documented = DOC_SNIPPETS.map((s) => s.location.api.fqn);
    for (const name of ['SecureVpc', 'FargateApiService', 'AuroraCluster', 'StaticSiteWithApiOrigin', 'AlarmSet', 'WebAppBlueprint', 'EnvironmentProfile']) {
      expect(documented).toContain(`cdk-webapp-patterns.${name}`);
    }
  });

  test('every @example of src/ is in the committed translations as it is now', () => {
    // Missing: an example changed since rosetta/tablet.json was written (npx projen rosetta, then commit it).
    const translated = new Set(DOC_SNIPPETS.map((s) => s.translations.$.source.trim()));
    const examples = sourceExamples();
    expect(examples.length).toBe(DOC_SNIPPETS.length);
    expect(examples.filter((e) => !translated.has(e))).toEqual([]);
  });

  test.each(DOC_SNIPPETS.map((s) => [s.location.api.fqn, s] as const))('the example of %s compiled, and its Python translation is sound', (_fqn, snippet) => {
    expect(snippet.didCompile).toBe(true);
    expectGoodPython(snippet.translations.python.source);
  });
});

describe('the check itself', () => {
  test('finds a syntax error, an unused import and a module used without import', () => {
    expect(analyze('x = (').error).toMatch(/^line 1: /);
    expect(analyze('from aws_cdk import Duration, Stack\nStack(app, "S")').unused).toEqual(['Duration']);
    const names = analyze('from cdk_webapp_patterns import WebAppBlueprint\nWebAppBlueprint(self, "B", image=ecs.ContainerImage.from_registry("x"))');
    expect(names.free).toEqual(['ecs', 'self']);
    expect(names.free.filter(isAwsCdkModuleAlias)).toEqual(['ecs']);
  });

  test('names of this library and of aws_cdk core count as missing imports', () => {
    const names = analyze('AlarmSet(self, "A")\nDuration.minutes(5)');
    expect(names.free.filter((n) => LIBRARY.has(n) || n in cdk)).toEqual(['AlarmSet', 'Duration']);
  });
});
