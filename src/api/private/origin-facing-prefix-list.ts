import { Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../../private/nag';

/** The name of CloudFront's origin-facing managed prefix list; its id differs by region. */
const ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * The id of CloudFront's origin-facing prefix list in the stack's region, resolved at deploy time
 * (no AWS account lookup at synth).
 */
export function originFacingPrefixListId(scope: Construct, id: string): string {
  const call: cr.AwsSdkCall = {
    service: 'EC2',
    action: 'describeManagedPrefixLists',
    parameters: { Filters: [{ Name: 'prefix-list-name', Values: [ORIGIN_FACING_PREFIX_LIST] }] },
    physicalResourceId: cr.PhysicalResourceId.fromResponse('PrefixLists.0.PrefixListId'),
    outputPaths: ['PrefixLists.0.PrefixListId'],
  };
  const lookup = new cr.AwsCustomResource(scope, id, {
    onCreate: call,
    onUpdate: call,
    installLatestAwsSdk: false,
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  acknowledgeNag(lookup, [
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'ec2:DescribeManagedPrefixLists is a read-only list action that supports no resource-level permissions; it is the only action this policy allows.' },
  ]);
  // The provider function is a stack-wide singleton that aws-cdk-lib creates beside the stack's constructs.
  const provider = Stack.of(scope).node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (provider) {
    acknowledgeNag(provider, [
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'The custom-resource provider of aws-cdk-lib only writes its own CloudWatch logs; the AWS managed basic execution policy grants exactly that.' },
      { id: 'AwsSolutions-L1', reason: 'The runtime of the aws-cdk-lib custom-resource provider is chosen and updated by aws-cdk-lib itself.' },
    ]);
  }
  return lookup.getResponseField('PrefixLists.0.PrefixListId');
}
