import { RuleContext, RuleFinding } from './finding';
import { isReference, ModelResource, ModelStack, walk } from '../assembly-model';

/** Rule ids of the physical-names rule. */
export const NAME_FIXED = 'name-fixed';
export const NAME_DUPLICATE = 'name-duplicate';
export const EXPORT_DUPLICATE = 'export-duplicate';

/** Where a name must be unique: in the account (IAM, S3 is even global), or in the account and region. */
type NameScope = 'global' | 'account' | 'region';

/**
 * Resource types whose physical name must be unique in an account (and region), with the property
 * that sets it. Scoped names (a policy inside a role, a service inside a cluster) are not here.
 */
const NAMED_TYPES: Record<string, { readonly property: string[]; readonly scope: NameScope }> = {
  'AWS::S3::Bucket': { property: ['BucketName'], scope: 'global' },
  'AWS::IAM::Role': { property: ['RoleName'], scope: 'account' },
  'AWS::IAM::ManagedPolicy': { property: ['ManagedPolicyName'], scope: 'account' },
  'AWS::IAM::User': { property: ['UserName'], scope: 'account' },
  'AWS::IAM::Group': { property: ['GroupName'], scope: 'account' },
  'AWS::IAM::InstanceProfile': { property: ['InstanceProfileName'], scope: 'account' },
  'AWS::Budgets::Budget': { property: ['Budget', 'BudgetName'], scope: 'account' },
  'AWS::Chatbot::SlackChannelConfiguration': { property: ['ConfigurationName'], scope: 'account' },
  'AWS::CloudFront::CachePolicy': { property: ['CachePolicyConfig', 'Name'], scope: 'account' },
  'AWS::CloudFront::OriginRequestPolicy': { property: ['OriginRequestPolicyConfig', 'Name'], scope: 'account' },
  'AWS::CloudFront::ResponseHeadersPolicy': { property: ['ResponseHeadersPolicyConfig', 'Name'], scope: 'account' },
  'AWS::CloudFront::OriginAccessControl': { property: ['OriginAccessControlConfig', 'Name'], scope: 'account' },
  'AWS::CloudFront::Function': { property: ['Name'], scope: 'account' },
  'AWS::CloudFront::KeyValueStore': { property: ['Name'], scope: 'account' },
  'AWS::EC2::LaunchTemplate': { property: ['LaunchTemplateName'], scope: 'region' },
  'AWS::EC2::KeyPair': { property: ['KeyName'], scope: 'region' },
  'AWS::Lambda::Function': { property: ['FunctionName'], scope: 'region' },
  'AWS::Logs::LogGroup': { property: ['LogGroupName'], scope: 'region' },
  'AWS::SNS::Topic': { property: ['TopicName'], scope: 'region' },
  'AWS::SQS::Queue': { property: ['QueueName'], scope: 'region' },
  'AWS::CloudWatch::Alarm': { property: ['AlarmName'], scope: 'region' },
  'AWS::CloudWatch::CompositeAlarm': { property: ['AlarmName'], scope: 'region' },
  'AWS::CloudWatch::Dashboard': { property: ['DashboardName'], scope: 'account' },
  'AWS::Backup::BackupVault': { property: ['BackupVaultName'], scope: 'region' },
  'AWS::Backup::BackupPlan': { property: ['BackupPlan', 'BackupPlanName'], scope: 'region' },
  'AWS::ECS::Cluster': { property: ['ClusterName'], scope: 'region' },
  'AWS::ECR::Repository': { property: ['RepositoryName'], scope: 'region' },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { property: ['Name'], scope: 'region' },
  'AWS::ElasticLoadBalancingV2::TargetGroup': { property: ['Name'], scope: 'region' },
  'AWS::RDS::DBCluster': { property: ['DBClusterIdentifier'], scope: 'region' },
  'AWS::RDS::DBInstance': { property: ['DBInstanceIdentifier'], scope: 'region' },
  'AWS::RDS::DBSubnetGroup': { property: ['DBSubnetGroupName'], scope: 'region' },
  'AWS::RDS::DBClusterParameterGroup': { property: ['DBClusterParameterGroupName'], scope: 'region' },
  'AWS::RDS::DBParameterGroup': { property: ['DBParameterGroupName'], scope: 'region' },
  'AWS::SecretsManager::Secret': { property: ['Name'], scope: 'region' },
  'AWS::SSM::Parameter': { property: ['Name'], scope: 'region' },
  'AWS::KMS::Alias': { property: ['AliasName'], scope: 'region' },
  'AWS::WAFv2::WebACL': { property: ['Name'], scope: 'region' },
  'AWS::WAFv2::IPSet': { property: ['Name'], scope: 'region' },
  'AWS::Events::Rule': { property: ['Name'], scope: 'region' },
  'AWS::DynamoDB::Table': { property: ['TableName'], scope: 'region' },
  'AWS::StepFunctions::StateMachine': { property: ['StateMachineName'], scope: 'region' },
};

/**
 * Explicit physical names survive a second copy of the app in one account and region (another Stage,
 * or the same app deployed under other stack names), and no two resources or exports of the assembly
 * claim the same name. A name that CloudFormation generates, that refers to another resource, or that
 * contains its stack's name (which CloudFormation keeps unique) is safe; any other literal collides.
 */
export function namesRule({ model }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const claimed = new Map<string, ModelResource>();
  for (const resource of model.resources()) {
    const named = NAMED_TYPES[resource.type];
    if (!named) continue;
    const value = named.property.reduce<any>((v, key) => v?.[key], resource.properties);
    if (value === undefined || dependsOnGenerated(resource.stack, value)) continue;
    const name = model.literal(resource.stack, value);
    if (name === undefined) continue;
    const scope = named.scope === 'global' ? 'global' : named.scope === 'account' ? resource.stack.account : `${resource.stack.account}/${resource.stack.region}`;
    const key = `${resource.type}|${scope}|${resource.type === 'AWS::S3::Bucket' ? name : name.toLowerCase()}`;
    const first = claimed.get(key);
    if (first) {
      findings.push({
        ruleId: NAME_DUPLICATE,
        resource,
        message: `is named '${name}', like ${first.path} in the same ${named.scope === 'region' ? 'account and region' : 'account'}: the second to deploy fails with 'already exists'`,
        fix: `remove the explicit ${named.property.join('.')} so CloudFormation generates one, or give each a different name`,
      });
    } else {
      claimed.set(key, resource);
    }
    if (!containsStackName(name, resource.stack)) {
      findings.push({
        ruleId: NAME_FIXED,
        resource,
        message: `has the fixed ${named.property.join('.')} '${name}', which does not change with the stack's name: a second copy of this app `
          + `(another Stage, or the same app under other stack names) in the same ${named.scope === 'region' ? 'account and region' : 'account'} fails with 'already exists'`,
        fix: `remove the explicit ${named.property.join('.')} so CloudFormation generates one, or derive it from the stack name (Stack.of(this).stackName)`,
      });
    }
  }

  const exported = new Map<string, ModelStack>();
  for (const stack of model.stacks) {
    for (const [name, output] of Object.entries<any>(stack.template.Outputs ?? {})) {
      const exportName = output.Export?.Name === undefined ? undefined : model.literal(stack, output.Export.Name);
      if (exportName === undefined) continue;
      const resource = outputResource(stack, name);
      const key = `${stack.account}/${stack.region}|${exportName}`;
      const first = exported.get(key);
      if (first) {
        findings.push({
          ruleId: EXPORT_DUPLICATE,
          resource,
          message: `exports '${exportName}', which stack ${first.stackName} exports too in the same account and region: the second to deploy fails`,
          fix: 'give the exports different names (export names are unique per account and region)',
        });
      } else {
        exported.set(key, stack);
      }
      if (!dependsOnGenerated(stack, output.Export.Name) && !containsStackName(exportName, stack)) {
        findings.push({
          ruleId: NAME_FIXED,
          resource,
          message: `exports the fixed name '${exportName}', which does not change with the stack's name: a second copy of this app in the same account and region fails`,
          fix: 'include the stack name in the export name (or let aws-cdk-lib name cross-stack exports)',
        });
      }
    }
  }
  return findings;
}

/** Whether a name is built from something CloudFormation makes unique (a generated resource name or id, the stack name or id). */
function dependsOnGenerated(stack: ModelStack, value: unknown): boolean {
  for (const v of walk(value)) {
    if (!isReference(v)) continue;
    const ref = (v as Record<string, unknown>).Ref;
    if (ref === 'AWS::StackName' || ref === 'AWS::StackId') return true;
    if (typeof ref === 'string' && ref.startsWith('AWS::')) continue;
    if (typeof ref === 'string' && stack.parameters.has(ref)) continue;
    return true;
  }
  return false;
}

/** The fewest leading letters and digits of a stack's name a shortened name must keep to count as derived from it. */
const SHORTENED_PREFIX = 12;

/**
 * Whether a literal name is derived from the stack's name, compared on letters and digits only (aws-cdk-lib
 * drops the rest): it contains the whole name, or, shortened to fit a length limit, at least its first
 * SHORTENED_PREFIX letters and digits followed by an 8-digit hex hash at the end (the shape of
 * stackUniqueName in src/private/physical-name.ts, which hashes the whole stack name into it).
 */
function containsStackName(name: string, stack: ModelStack): boolean {
  const squash = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const whole = squash(stack.stackName);
  if (squash(name).includes(whole)) return true;
  const shortened = /^(.*)-[0-9a-f]{8}$/.exec(name);
  if (!shortened) return false;
  const kept = squash(shortened[1]);
  for (let n = whole.length - 1; n >= Math.min(SHORTENED_PREFIX, whole.length); n--) {
    if (kept.endsWith(whole.slice(0, n))) return true;
  }
  return false;
}

/** A pseudo resource standing for an output of a stack, so that findings on outputs read like the others. */
function outputResource(stack: ModelStack, outputName: string): ModelResource {
  return { stack, logicalId: outputName, type: 'AWS::CloudFormation::Output', properties: {}, path: `${stack.displayName}/Outputs/${outputName}` };
}
