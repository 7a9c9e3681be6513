import { AssemblyModel, ModelResource } from '../assembly-model';
import { SecurityGroupModel } from '../network-model';

/** A finding of a rule, before it is reported: the resource it is about, the rule, the message, the fix. */
export interface RuleFinding {
  readonly ruleId: string;
  readonly resource: ModelResource;
  readonly message: string;
  readonly fix: string;
}

/** What every rule gets: the assembly and the models built on it once. */
export interface RuleContext {
  readonly model: AssemblyModel;
  readonly securityGroups: SecurityGroupModel;
}

/** One deploy-readiness rule: a function from the assembly to its findings. */
export type Rule = (context: RuleContext) => RuleFinding[];

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

/** The resources a value refers to anywhere inside it, references followed across stacks. */
export function referencedResources(model: AssemblyModel, from: ModelResource, value: unknown): ModelResource[] {
  const found: ModelResource[] = [];
  for (const v of walk(value)) {
    if (!isReference(v)) continue;
    const target = model.target(from.stack, v);
    if (target) found.push(target);
  }
  return found;
}
