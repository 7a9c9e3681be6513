// One read-only EC2 describe call made at deploy time by aws-cdk-lib's AwsCustomResource, for values
// that differ by account or region and must not be looked up at synth (internal).
import { Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag';

/** What to call and which field of the answer to return. */
export interface Ec2Lookup {
  /** The EC2 API action, e.g. `describeManagedPrefixLists`. */
  readonly action: string;
  readonly parameters: Record<string, unknown>;
  /** The path of the returned field, e.g. `PrefixLists.0.PrefixListId`. */
  readonly outputPath: string;
  /** The IAM action, for the acknowledgement, e.g. `ec2:DescribeManagedPrefixLists`. */
  readonly iamAction: string;
}

/** The looked-up field (a token) and the custom resource that reads it. */
export interface Ec2LookupResult {
  readonly value: string;
  readonly resource: cr.AwsCustomResource;
}

/** Calls the EC2 action at each deployment and returns the field as a token. */
export function ec2LookupAtDeploy(scope: Construct, id: string, lookup: Ec2Lookup): Ec2LookupResult {
  const call: cr.AwsSdkCall = {
    service: 'EC2',
    action: lookup.action,
    parameters: lookup.parameters,
    physicalResourceId: cr.PhysicalResourceId.fromResponse(lookup.outputPath),
    outputPaths: [lookup.outputPath],
  };
  const resource = new cr.AwsCustomResource(scope, id, {
    onCreate: call,
    onUpdate: call,
    installLatestAwsSdk: false,
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
  });
  acknowledgeNag(resource, [
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${lookup.iamAction} is a read-only list action that supports no resource-level permissions; it is the only action this policy allows.` },
    { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: `aws-cdk-lib's AwsCustomResource writes the one action it calls (${lookup.iamAction}) into this inline policy of its provider's role; a managed policy would grant the same.` },
  ]);
  // The provider function is a stack-wide singleton that aws-cdk-lib creates beside the stack's constructs.
  const provider = Stack.of(scope).node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (provider) {
    acknowledgeNag(provider, [
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'The custom-resource provider of aws-cdk-lib only writes its own CloudWatch logs; the AWS managed basic execution policy grants exactly that.' },
      { id: 'AwsSolutions-L1', reason: 'The runtime of the aws-cdk-lib custom-resource provider is chosen and updated by aws-cdk-lib itself.' },
      { id: 'NIST.800.53.R5-LambdaConcurrency', reason: 'aws-cdk-lib\'s custom-resource provider runs only when CloudFormation creates, updates or deletes one of its custom resources, once per resource and deployment; reserved concurrency would only take capacity from the account\'s pool.' },
      { id: 'NIST.800.53.R5-LambdaDLQ', reason: 'aws-cdk-lib\'s custom-resource provider answers each CloudFormation request itself, a failure included, and CloudFormation reports it in the stack events and rolls back; a dead-letter queue would only keep requests nobody can replay.' },
      { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: 'aws-cdk-lib\'s custom-resource provider makes AWS API calls for CloudFormation during deployments (this library\'s are read-only EC2 describe calls) on AWS\'s public endpoints; it serves no requests and reaches nothing inside a VPC.' },
    ]);
  }
  return { value: resource.getResponseField(lookup.outputPath), resource };
}
