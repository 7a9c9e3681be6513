import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The text cdk-nag shows for a resolved CloudFormation value in granular findings such as
 * `AwsSolutions-IAM5[Resource::<Bucket1234.Arn>/*]`: Fn::Join joined, Fn::GetAtt as `<Id.Attr>`,
 * Ref as `<Id>`, `${x}` as `<x>`. Undefined when the value has another shape.
 */
export function nagResourceText(scope: IConstruct, value: string): string | undefined {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string | undefined {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (!node || typeof node !== 'object') return undefined;
  const obj = node as Record<string, any>;
  if (Array.isArray(obj['Fn::Join'])) {
    const [delimiter, items] = obj['Fn::Join'];
    const parts = (items as unknown[]).map(flatten);
    return parts.every((p) => p !== undefined) ? parts.join(delimiter) : undefined;
  }
  if (Array.isArray(obj['Fn::GetAtt'])) return `<${obj['Fn::GetAtt'][0]}.${obj['Fn::GetAtt'][1]}>`;
  if (typeof obj.Ref === 'string') return `<${obj.Ref}>`;
  return undefined;
}
