import { RuleContext, RuleFinding } from './finding';
import { AssemblyModel, ModelResource, Resolved, walk } from '../assembly-model';

/** Rule ids of the region-bound rule. */
export const REGION_CERTIFICATE = 'region-cloudfront-certificate';
export const REGION_WEB_ACL = 'region-web-acl';
export const REGION_REFERENCE = 'region-reference-unresolved';

const US_EAST_1 = 'us-east-1';

/**
 * Region-bound resources are where AWS takes them: CloudFront's certificate and CLOUDFRONT-scope web
 * ACL in us-east-1, a regional web ACL in its load balancer's region; and every cross-stack or
 * cross-region reference finds its producer in the assembly (Fn::ImportValue only within a region).
 */
export function regionsRule({ model }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const distribution of model.resources('AWS::CloudFront::Distribution')) {
    const config = distribution.properties.DistributionConfig ?? {};
    const certificate = config.ViewerCertificate?.AcmCertificateArn;
    if (certificate !== undefined) {
      const region = regionOf(model, distribution, certificate, 'acm');
      if (region !== undefined && region !== US_EAST_1) {
        findings.push({
          ruleId: REGION_CERTIFICATE,
          resource: distribution,
          message: `uses an ACM certificate in ${region}; CloudFront accepts only certificates in ${US_EAST_1}`,
          fix: `create the certificate in a ${US_EAST_1} stack (StaticSiteWithApiOrigin does so in its us-east-1 companion) and reference it across regions`,
        });
      }
    }
    if (config.WebACLId !== undefined) {
      const region = regionOf(model, distribution, config.WebACLId, 'wafv2');
      if (region !== undefined && region !== US_EAST_1) {
        findings.push({
          ruleId: REGION_WEB_ACL,
          resource: distribution,
          message: `uses a web ACL in ${region}; CloudFront accepts only CLOUDFRONT-scope web ACLs in ${US_EAST_1}`,
          fix: `create the web ACL with Scope CLOUDFRONT in a ${US_EAST_1} stack`,
        });
      }
    }
  }
  for (const acl of model.resources('AWS::WAFv2::WebACL')) {
    if (acl.properties.Scope === 'CLOUDFRONT' && acl.stack.region !== undefined && acl.stack.region !== US_EAST_1) {
      findings.push({
        ruleId: REGION_WEB_ACL,
        resource: acl,
        message: `has Scope CLOUDFRONT in a stack in ${acl.stack.region}; WAF creates CLOUDFRONT-scope web ACLs only in ${US_EAST_1}`,
        fix: `move the web ACL to a ${US_EAST_1} stack (or use Scope REGIONAL for a load balancer)`,
      });
    }
  }
  for (const association of model.resources('AWS::WAFv2::WebACLAssociation')) {
    const acl = model.target(association.stack, association.properties.WebACLArn);
    const target = model.target(association.stack, association.properties.ResourceArn);
    if (!acl || !target || acl.stack.region === undefined || target.stack.region === undefined) continue;
    if (acl.properties.Scope !== 'REGIONAL' || acl.stack.region !== target.stack.region) {
      findings.push({
        ruleId: REGION_WEB_ACL,
        resource: association,
        message: `associates ${acl.path} (Scope ${acl.properties.Scope}, ${acl.stack.region}) with ${target.path} in ${target.stack.region}; a load balancer takes only a REGIONAL web ACL of its own region`,
        fix: `create a REGIONAL web ACL in ${target.stack.region}`,
      });
    }
  }
  for (const resource of model.resources()) {
    for (const missing of missingReferences(model, resource)) {
      findings.push({
        ruleId: REGION_REFERENCE,
        resource,
        message: `refers to '${missing}', which no stack of the assembly in its account and region provides`
          + (exportedElsewhere(model, resource, missing) ? ' (a stack in another region exports it: Fn::ImportValue does not cross regions)' : ''),
        fix: 'reference the producing stack across regions with crossRegionReferences (aws-cdk-lib writes and reads the value through SSM), or move the producer into this region',
      });
    }
  }
  return findings;
}

/** The region of the ARN a value stands for: its resource's stack region, or the region field of a literal ARN. */
function regionOf(model: AssemblyModel, from: ModelResource, value: unknown, service: string): string | undefined {
  const resolved: Resolved = model.resolve(from.stack, value);
  if (resolved.kind === 'resource') return resolved.resource.stack.region;
  const arn = model.literal(from.stack, value);
  const match = arn === undefined ? undefined : new RegExp(`^arn:[^:]+:${service}:([^:]*):`).exec(arn);
  return match ? match[1] : undefined;
}

/** References inside a resource that name a producer the assembly lacks (imports of exports made elsewhere excepted). */
function missingReferences(model: AssemblyModel, resource: ModelResource): string[] {
  const missing: string[] = [];
  for (const v of walk(resource.properties)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const keys = Object.keys(v);
    if (keys.length !== 1 || !['Fn::ImportValue', 'Fn::GetStackOutput', 'Fn::GetAtt'].includes(keys[0])) continue;
    const resolved = model.resolve(resource.stack, v);
    if (resolved.kind !== 'missing-import') continue;
    // An import of an export no stack of the assembly makes may come from a stack deployed separately.
    if (keys[0] === 'Fn::ImportValue' && !exportedElsewhere(model, resource, resolved.name)) continue;
    missing.push(resolved.name);
  }
  return missing;
}

function exportedElsewhere(model: AssemblyModel, resource: ModelResource, name: string): boolean {
  return model.stacks.some((s) => s !== resource.stack && s.exports.has(name) && s.region !== resource.stack.region);
}
