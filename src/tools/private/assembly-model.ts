import * as fs from 'fs';
import * as path from 'path';
import { refuse } from '../../private/validation';

/**
 * A read-only model of a synthesized cloud assembly (a `cdk.out` directory), shared by the tools
 * that analyse what an app deploys (the deploy-readiness check; the cost estimate and diagram build
 * on it too). It knows nothing about particular rules:
 *
 * - {@link AssemblyModel.load} reads `manifest.json`, follows nested assemblies (Stages) and loads
 *   every CloudFormation stack's template with the account and region of its environment;
 * - each {@link ModelStack} holds its {@link ModelResource}s by logical id, its outputs and exports;
 * - {@link AssemblyModel.resolve} follows a CloudFormation value through `Ref`, `Fn::GetAtt`,
 *   `Fn::ImportValue`, `Fn::GetStackOutput` (weak cross-stack references) and aws-cdk-lib's
 *   cross-region export reader/writer to the resource (and attribute) or literal it stands for;
 * - {@link AssemblyModel.referencedResources} lists the resources anything inside a value refers to;
 * - {@link AssemblyModel.literal} renders a value as a string when every part of it is known
 *   (pseudo parameters `AWS::Region`, `AWS::Partition`, `AWS::URLSuffix`, `AWS::StackName` included).
 */
export class AssemblyModel {
  /** Reads the cloud assembly in `directory` (and the nested assemblies of its Stages). */
  public static load(directory: string): AssemblyModel {
    const manifestFile = path.join(directory, 'manifest.json');
    if (!fs.existsSync(manifestFile)) {
      refuse(`${directory} is not a cloud assembly: it has no manifest.json (run 'cdk synth' first, or pass the cdk.out directory)`);
    }
    const stacks: ModelStack[] = [];
    readAssembly(directory, stacks);
    return new AssemblyModel(stacks);
  }

  /** Every stack of the assembly, nested assemblies included. */
  public readonly stacks: ModelStack[];

  private constructor(stacks: ModelStack[]) {
    this.stacks = stacks;
  }

  /** Every resource of every stack, or only those of the given CloudFormation type. */
  public resources(type?: string): ModelResource[] {
    return this.stacks.flatMap((s) => [...s.resources.values()]).filter((r) => type === undefined || r.type === type);
  }

  /**
   * What a value in `stack`'s template stands for: a resource (with the attribute read, if any), a
   * literal, a parameter, or unknown. References across stacks and regions are followed.
   */
  public resolve(stack: ModelStack, value: unknown, depth = 0): Resolved {
    if (depth > 20) return { kind: 'unknown' };
    if (typeof value === 'string') {
      const dynamic = /^\{\{resolve:ssm:([^}]+)\}\}$/.exec(value);
      if (dynamic) return this.resolveSsmExport(stack, dynamic[1], depth);
      return { kind: 'literal', value };
    }
    if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value: String(value) };
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { kind: 'unknown' };
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length !== 1) return { kind: 'unknown' };
    const [fn, arg] = entries[0];
    switch (fn) {
      case 'Ref': {
        const name = String(arg);
        if (name.startsWith('AWS::')) return { kind: 'pseudo', name };
        const resource = stack.resources.get(name);
        if (resource) return { kind: 'resource', resource };
        if (stack.parameters.has(name)) return { kind: 'parameter', name, stack };
        return { kind: 'unknown' };
      }
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
        const resource = stack.resources.get(logicalId);
        if (!resource) return { kind: 'unknown' };
        if (resource.type === 'Custom::CrossRegionExportReader' && attribute.startsWith('/cdk/exports/')) {
          return this.resolveSsmExport(stack, attribute, depth);
        }
        return { kind: 'resource', resource, attribute };
      }
      case 'Fn::ImportValue': {
        const name = this.literal(stack, arg);
        if (name === undefined) return { kind: 'unknown' };
        const exporter = this.stacks.find((s) => sameEnvironment(s, stack) && s.exports.has(name));
        if (!exporter) return { kind: 'missing-import', name };
        return this.resolve(exporter, exporter.exports.get(name), depth + 1);
      }
      case 'Fn::GetStackOutput': {
        const spec = arg as Record<string, unknown>;
        const stackName = this.literal(stack, spec.StackName);
        const region = spec.Region === undefined ? stack.region : this.literal(stack, spec.Region);
        const outputName = this.literal(stack, spec.OutputName);
        const producer = this.stacks.find((s) => s.stackName === stackName && (s.region === region || s.region === undefined));
        const output = producer?.outputs.get(outputName ?? '');
        if (!producer || output === undefined) return { kind: 'missing-import', name: `${stackName}.${outputName} in ${region}` };
        return this.resolve(producer, output, depth + 1);
      }
      default:
        return { kind: 'unknown' };
    }
  }

  /** The resource a value refers to (through any chain of references), or undefined. */
  public target(stack: ModelStack, value: unknown): ModelResource | undefined {
    const resolved = this.resolve(stack, value);
    return resolved.kind === 'resource' ? resolved.resource : undefined;
  }

  /** The resources a value refers to anywhere inside it (references followed across stacks). */
  public referencedResources(from: ModelResource, value: unknown): ModelResource[] {
    const found: ModelResource[] = [];
    for (const v of walk(value)) {
      if (!isReference(v)) continue;
      const target = this.target(from.stack, v);
      if (target) found.push(target);
    }
    return found;
  }

  /** A value as a string when all of it is known, e.g. a `Fn::Join` of literals and `AWS::Region`. */
  public literal(stack: ModelStack, value: unknown): string | undefined {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const join = (value as Record<string, unknown>)['Fn::Join'];
      if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) {
        const parts = join[1].map((p: unknown) => this.literal(stack, p));
        return parts.every((p) => p !== undefined) ? parts.join(String(join[0])) : undefined;
      }
    }
    const resolved = this.resolve(stack, value);
    if (resolved.kind === 'literal') return resolved.value;
    if (resolved.kind === 'pseudo') {
      switch (resolved.name) {
        case 'AWS::Region': return stack.region;
        case 'AWS::Partition': return 'aws';
        case 'AWS::URLSuffix': return 'amazonaws.com';
        case 'AWS::StackName': return stack.stackName;
        case 'AWS::AccountId': return stack.account;
        default: return undefined;
      }
    }
    return undefined;
  }

  /** aws-cdk-lib's cross-region references: an SSM parameter the writer in the producing stack fills. */
  private resolveSsmExport(stack: ModelStack, parameterName: string, depth: number): Resolved {
    for (const producer of this.stacks) {
      for (const writer of producer.resources.values()) {
        if (writer.type !== 'Custom::CrossRegionExportWriter') continue;
        const props = writer.properties.WriterProps as { region?: string; exports?: Record<string, unknown> } | undefined;
        if (props?.exports && parameterName in props.exports && (props.region === stack.region || stack.region === undefined)) {
          return this.resolve(producer, props.exports[parameterName], depth + 1);
        }
      }
    }
    return { kind: 'missing-import', name: parameterName };
  }
}

/** What a CloudFormation value stands for. */
export type Resolved =
  | { readonly kind: 'resource'; readonly resource: ModelResource; readonly attribute?: string }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'pseudo'; readonly name: string }
  | { readonly kind: 'parameter'; readonly name: string; readonly stack: ModelStack }
  /** An import or cross-region reference whose producer is not in the assembly. */
  | { readonly kind: 'missing-import'; readonly name: string }
  | { readonly kind: 'unknown' };

/** One CloudFormation stack of the assembly. */
export interface ModelStack {
  /** The artifact id in the manifest (unique in its assembly). */
  readonly artifactId: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The construct path of the stack, e.g. `Prod/Api` (the artifact's display name). */
  readonly displayName: string;
  /** The account, or undefined for an environment-agnostic stack. */
  readonly account?: string;
  /** The region, or undefined for an environment-agnostic stack. */
  readonly region?: string;
  /** The whole template as parsed JSON. */
  readonly template: Record<string, any>;
  /** Resources by logical id. */
  readonly resources: Map<string, ModelResource>;
  /** Output values by output name. */
  readonly outputs: Map<string, unknown>;
  /** Output values by export name (literal export names only). */
  readonly exports: Map<string, unknown>;
  /** Logical ids of the template's parameters. */
  readonly parameters: Set<string>;
}

/** One resource of a stack's template. */
export interface ModelResource {
  readonly stack: ModelStack;
  readonly logicalId: string;
  /** The CloudFormation type, e.g. `AWS::EC2::Subnet`. */
  readonly type: string;
  /** `Properties` of the template entry ({} when absent). */
  readonly properties: Record<string, any>;
  /** The construct path (template or manifest metadata), or `<stack>/<logicalId>` without either. */
  readonly path: string;
}

/** Every value nested in a CloudFormation value (objects and arrays walked depth-first). */
export function* walk(value: unknown): Generator<unknown> {
  yield value;
  if (Array.isArray(value)) for (const v of value) yield* walk(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* walk(v);
}

/** Whether a value is a CloudFormation reference (Ref, GetAtt, ImportValue, GetStackOutput). */
export function isReference(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ['Ref', 'Fn::GetAtt', 'Fn::ImportValue', 'Fn::GetStackOutput'].includes(keys[0]);
}

/** Whether two stacks deploy to the same account and region (an unknown side matches anything). */
export function sameEnvironment(a: ModelStack, b: ModelStack): boolean {
  const same = (x?: string, y?: string) => x === undefined || y === undefined || x === y;
  return same(a.account, b.account) && same(a.region, b.region);
}

function readAssembly(directory: string, stacks: ModelStack[]): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'manifest.json'), 'utf8'));
  for (const [artifactId, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly') {
      readAssembly(path.join(directory, artifact.properties.directoryName), stacks);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const template = JSON.parse(fs.readFileSync(path.join(directory, artifact.properties.templateFile), 'utf8'));
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
    const known = (v?: string) => (v && !v.startsWith('unknown-') ? v : undefined);
    const stack = {
      artifactId,
      stackName: artifact.properties.stackName ?? artifactId,
      displayName: artifact.displayName ?? artifactId,
      account: known(env?.[1]),
      region: known(env?.[2]),
      template,
      resources: new Map<string, ModelResource>(),
      outputs: new Map<string, unknown>(),
      exports: new Map<string, unknown>(),
      parameters: new Set(Object.keys(template.Parameters ?? {})),
    };
    const paths = constructPaths(directory, artifact);
    for (const [logicalId, r] of Object.entries<any>(template.Resources ?? {})) {
      stack.resources.set(logicalId, {
        stack,
        logicalId,
        type: r.Type,
        properties: r.Properties ?? {},
        path: r.Metadata?.['aws:cdk:path'] ?? paths.get(logicalId) ?? `${stack.displayName}/${logicalId}`,
      });
    }
    for (const [name, output] of Object.entries<any>(template.Outputs ?? {})) {
      stack.outputs.set(name, output.Value);
      if (typeof output.Export?.Name === 'string') stack.exports.set(output.Export.Name, output.Value);
    }
    stacks.push(stack);
  }
}

/** Construct paths by logical id, from the artifact's `aws:cdk:logicalId` metadata (inline or in its metadata file). */
function constructPaths(directory: string, artifact: any): Map<string, string> {
  const metadata: Record<string, Array<{ type: string; data: unknown }>> = { ...(artifact.metadata ?? {}) };
  if (artifact.additionalMetadataFile) {
    const file = path.join(directory, artifact.additionalMetadataFile);
    if (fs.existsSync(file)) Object.assign(metadata, JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  const paths = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const entry of entries ?? []) {
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') paths.set(entry.data, constructPath.replace(/^\//, ''));
    }
  }
  return paths;
}
