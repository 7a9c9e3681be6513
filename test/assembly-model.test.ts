// The assembly model follows references across stacks and regions to the resource they stand for.
import * as fs from 'fs';
import { Stack, Stage } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { checkApp, ruleIds, tempApp } from './deploy-readiness-fixture';
import { EnvironmentProfile } from '../src';
import { buildReferenceC } from './examples/reference-c-nextjs-ssr';
import { AssemblyModel } from '../src/tools/private/assembly-model';

describe('AssemblyModel', () => {
  test('reference C: the Tokyo distribution\'s certificate (weak stack output) and web ACL (SSM export) resolve to the us-east-1 companion', () => {
    const app = tempApp();
    buildReferenceC(app, EnvironmentProfile.prod());
    const directory = app.synth().directory;
    try {
      const model = AssemblyModel.load(directory);
      expect(model.stacks.map((s) => [s.stackName, s.region]).sort()).toEqual([
        ['NextjsSsr-prod', 'ap-northeast-1'],
        ['NextjsSsr-prod-ap-northeast-1-UsEast1', 'us-east-1'],
        ['NextjsSsr-prod-ap-northeast-1-UsEast1Alarms', 'us-east-1'],
      ]);
      const [distribution] = model.resources('AWS::CloudFront::Distribution');
      const config = distribution.properties.DistributionConfig;
      const certificate = model.target(distribution.stack, config.ViewerCertificate.AcmCertificateArn);
      const webAcl = model.resolve(distribution.stack, config.WebACLId);
      expect([certificate?.type, certificate?.stack.region]).toEqual(['AWS::CertificateManager::Certificate', 'us-east-1']);
      expect(webAcl).toMatchObject({ kind: 'resource', attribute: 'Arn', resource: { type: 'AWS::WAFv2::WebACL', stack: { region: 'us-east-1' } } });
      expect(distribution.path).toBe('NextjsSsr-prod/Site/Distribution/Resource');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('nested assemblies of Stages are read, and literal() renders joins with pseudo parameters', () => {
    const app = tempApp();
    const stack = new Stack(new Stage(app, 'Prod', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Api');
    new cloudfront.CfnFunction(stack, 'Function', { name: `${stack.stackName}-${stack.region}`, autoPublish: false, functionCode: 'x', functionConfig: { comment: 'x', runtime: 'cloudfront-js-2.0' } });
    const directory = app.synth().directory;
    try {
      const model = AssemblyModel.load(directory);
      const [fn] = model.resources('AWS::CloudFront::Function');
      expect([fn.stack.stackName, fn.stack.account, fn.stack.region]).toEqual(['Prod-Api', '111111111111', 'eu-west-1']);
      expect(model.literal(fn.stack, { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, { Ref: 'AWS::Region' }, 'x']] })).toBe('Prod-Api-eu-west-1-x');
      expect(model.literal(fn.stack, { Ref: 'AWS::NotificationARNs' })).toBeUndefined();
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('a certificate resource of a Tokyo stack, referenced by a distribution, is found out of region', () => {
    const app = tempApp();
    const stack = new Stack(app, 'Site', { env: { account: '111111111111', region: 'ap-northeast-1' } });
    const certificate = new acm.Certificate(stack, 'Certificate', { domainName: 'www.example.com' });
    new cloudfront.CfnDistribution(stack, 'Distribution', {
      distributionConfig: {
        enabled: true,
        viewerCertificate: { acmCertificateArn: certificate.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only', cachePolicyId: 'id' },
        origins: [{ id: 'o', domainName: 'example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
      },
    });
    expect(ruleIds(checkApp(app))).toEqual(['region-cloudfront-certificate Site/Distribution']);
  });
});
