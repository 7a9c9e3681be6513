// Every ```python block of README.md parses with Python 3, imports only what it uses, and takes
// library and aws_cdk names from an import, not from thin air. Free names that stand for the
// reader's own objects (self, network, service, ...) are allowed; names of this library, of
// aws_cdk's core or of an aws_cdk module alias (ecs, route53, ...) are not.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';

const ROOT = path.join(__dirname, '..');

interface PythonBlock {
  readonly line: number;
  readonly code: string;
}

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

function pythonBlocks(markdown: string): PythonBlock[] {
  const blocks: PythonBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```python') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed python block`);
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

const BLOCKS = pythonBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8'));
const LIBRARY = libraryNames();

describe('README python blocks', () => {
  test('there are python blocks to check, and the library names to check them against', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(9);
    expect(['EnvironmentProfile', 'SubnetPlan', 'Stage', 'WebAppBlueprint'].filter((n) => LIBRARY.has(n))).toHaveLength(4);
    expect(LIBRARY.has('WebAppBlueprintProps')).toBe(true);
  });

  test.each(BLOCKS.map((b) => [b.line, b] as const))('block at README.md:%d parses, imports what it uses and uses what it imports', (_line, block) => {
    const names = analyze(block.code);
    expect(names.error).toBeUndefined();
    expect(names.unused).toEqual([]);
    const missing = names.free.filter((n) => LIBRARY.has(n) || n in cdk || isAwsCdkModuleAlias(n));
    expect(missing).toEqual([]);
    const unknown = names.imports.filter(([module, name]) => module === 'cdk_webapp_patterns' && !LIBRARY.has(name));
    expect(unknown).toEqual([]);
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
