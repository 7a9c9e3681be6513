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
