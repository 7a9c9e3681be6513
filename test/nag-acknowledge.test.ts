import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { nagFindings } from './nag';
import { acknowledgeNag } from '../src/private/nag';

describe('acknowledgeNag', () => {
  test('acknowledges for cdk-nag 3: the finding disappears', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    expect(nagFindings(bucket)).toContain('AwsSolutions-S1');

    const app2 = new App();
    const stack2 = new Stack(app2, 'Stack');
    const bucket2 = new s3.Bucket(stack2, 'Bucket', { enforceSSL: true });
    acknowledgeNag(bucket2, [{ id: 'AwsSolutions-S1', reason: 'A log bucket.' }]);
    expect(nagFindings(bucket2)).toBe('');
  });

  test('writes the cdk-nag 2 metadata, with granular findings as appliesTo of one entry per rule', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken', 's3:Get*'], resources: ['*'] }));
    acknowledgeNag(role, [
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'GetAuthorizationToken takes no resource.' },
      { id: 'AwsSolutions-IAM5[Action::s3:Get*]', reason: 'Read-only.' },
      { id: 'AwsSolutions-IAM4', reason: 'Managed policy.' },
    ]);
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0] as any;
    expect(policy.Metadata.cdk_nag.rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5', reason: 'GetAuthorizationToken takes no resource. Read-only.', appliesTo: ['Resource::*', 'Action::s3:Get*'] },
      { id: 'AwsSolutions-IAM4', reason: 'Managed policy.' },
    ]);
  });

  test('a second call merges into the existing metadata without duplicates', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    acknowledgeNag(bucket, [{ id: 'AwsSolutions-S1', reason: 'A log bucket.' }]);
    acknowledgeNag(bucket, [{ id: 'AwsSolutions-S1', reason: 'A log bucket.' }, { id: 'AwsSolutions-S10', reason: 'x' }]);
    const resource = Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket'))[0] as any;
    expect(resource.Metadata.cdk_nag.rules_to_suppress.map((r: any) => r.id)).toEqual(['AwsSolutions-S1', 'AwsSolutions-S10']);
  });
});
