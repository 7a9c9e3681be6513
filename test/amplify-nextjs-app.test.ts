import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { expectNagClean } from './nag';
import { AlarmSet, AmplifyBranchStage, AmplifyNextjsApp, AmplifyNextjsAppProps } from '../src';

function build(props: (stack: Stack) => Partial<AmplifyNextjsAppProps> = () => ({})) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
  const web = new AmplifyNextjsApp(stack, 'Web', { branches: [{ branchName: 'main' }], ...props(stack) });
  return { stack, web, template: Template.fromStack(stack) };
}

const zone = (stack: Stack) => route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
const token = (stack: Stack) => secretsmanager.Secret.fromSecretNameV2(stack, 'Token', 'amplify/github-token');
const basicAuth = (stack: Stack) => secretsmanager.Secret.fromSecretNameV2(stack, 'BasicAuth', 'amplify/dev-basic-auth');

describe('AmplifyNextjsApp', () => {
  test('a WEB_COMPUTE app with the Next.js build spec and a least-privilege service role for SSR logs; manual deployments; cdk-nag clean', () => {
    const { web, template } = build();
    template.hasResourceProperties('AWS::Amplify::App', {
      Platform: 'WEB_COMPUTE',
      IAMServiceRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebServiceRole'), 'Arn'] },
      BuildSpec: Match.stringLikeRegexp('npm run build[\\s\\S]*baseDirectory: .next'),
      Repository: Match.absent(),
      AccessToken: Match.absent(),
    });
    template.hasResourceProperties('AWS::Amplify::Branch', { BranchName: 'main', Stage: 'PRODUCTION', Framework: 'Next.js - SSR', EnableAutoBuild: false });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'amplify.amazonaws.com' } })] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups'],
          Resource: [
            { 'Fn::Join': ['', Match.arrayWith([':log-group:/aws/amplify/*'])] },
            { 'Fn::Join': ['', Match.arrayWith([':log-group:/aws/amplify/*:log-stream:*'])] },
          ],
        })],
      },
    });
    template.resourceCountIs('AWS::Amplify::Domain', 0);
    expectNagClean(web);
  });

  test('a repository with its token read from Secrets Manager through a dynamic reference, auto build on', () => {
    const { template } = build((s) => ({ repository: 'https://github.com/org/web', accessTokenSecret: token(s) }));
    const app = Object.values(template.findResources('AWS::Amplify::App'))[0] as any;
    expect(app.Properties.Repository).toBe('https://github.com/org/web');
    expect(JSON.stringify(app.Properties.AccessToken)).toContain('{{resolve:secretsmanager:');
    template.hasResourceProperties('AWS::Amplify::Branch', { EnableAutoBuild: true });
  });

  test('branches per environment with subdomains of the zone, app and branch variables, basic auth on dev (reference B)', () => {
    const { web, template } = build((s) => ({
      hostedZone: zone(s),
      environment: { NEXT_PUBLIC_API_URL: 'https://api.example.com' },
      branches: [
        { branchName: 'main', subdomain: 'www' },
        { branchName: 'develop', subdomain: 'dev', stage: AmplifyBranchStage.DEVELOPMENT, environment: { NEXT_PUBLIC_API_URL: 'https://dev-api.example.com' }, basicAuthSecret: basicAuth(s) },
      ],
    }));
    template.hasResourceProperties('AWS::Amplify::App', { EnvironmentVariables: [{ Name: 'NEXT_PUBLIC_API_URL', Value: 'https://api.example.com' }] });
    template.hasResourceProperties('AWS::Amplify::Branch', {
      BranchName: 'develop',
      Stage: 'DEVELOPMENT',
      EnvironmentVariables: [{ Name: 'NEXT_PUBLIC_API_URL', Value: 'https://dev-api.example.com' }],
      BasicAuthConfig: { EnableBasicAuth: true, Username: Match.anyValue(), Password: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Amplify::Branch', { BranchName: 'main', BasicAuthConfig: Match.absent() });
    template.hasResource('AWS::Amplify::Domain', {
      Properties: {
        DomainName: 'example.com',
        CertificateSettings: { CertificateType: 'AMPLIFY_MANAGED' },
        SubDomainSettings: [{ Prefix: 'www', BranchName: 'main' }, { Prefix: 'dev', BranchName: 'develop' }],
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^WebBranchDevelop'), Match.stringLikeRegexp('^WebBranchMain')]),
    });
    expect(web.urlOf('main')).toBe('https://www.example.com');
    expect(web.urlOf('develop')).toBe('https://dev.example.com');
    expectNagClean(web);
  });

  test('metrics from AWS/AmplifyHosting per app', () => {
    const { stack, web } = build();
    const metric = web.metric5xxErrors();
    expect(metric.namespace).toBe('AWS/AmplifyHosting');
    expect(metric.metricName).toBe('5xxErrors');
    expect(stack.resolve(metric.dimensions)).toEqual({ App: { 'Fn::GetAtt': [expect.stringMatching(/^WebApp/), 'AppId'] } });
    expect(web.metricLatency().statistic).toBe('p95');
  });

  test('an apex branch and a basic-auth dev branch; cdk-nag clean', () => {
    const { web, template } = build((s) => ({ hostedZone: zone(s), branches: [{ branchName: 'main', subdomain: '' }, { branchName: 'dev', subdomain: 'dev', basicAuthSecret: basicAuth(s) }] }));
    template.hasResourceProperties('AWS::Amplify::Domain', { SubDomainSettings: [{ Prefix: '', BranchName: 'main' }, { Prefix: 'dev', BranchName: 'dev' }] });
    expect(web.urlOf('main')).toBe('https://example.com');
    expectNagClean(web);
  });
});

describe('AmplifyNextjsApp refusals', () => {
  test.each<[string, (s: Stack) => Partial<AmplifyNextjsAppProps>, RegExp]>([
    ['a repository without a token', () => ({ repository: 'https://github.com/org/web' }), /accessTokenSecret \(access_token_secret\) must be given with repository/],
    ['a token without a repository', (s) => ({ accessTokenSecret: token(s) }), /accessTokenSecret \(access_token_secret\) and repository go together/],
    ['a repository that is not an HTTPS URL', (s) => ({ repository: 'git@github.com:org/web.git', accessTokenSecret: token(s) }), /repository must be the HTTPS URL.*got 'git@github.com:org\/web.git'/],
    ['no branch', () => ({ branches: [] }), /branches must list at least one branch/],
    ['more than 50 branches', () => ({ branches: Array.from({ length: 51 }, (_, i) => ({ branchName: `b${i}` })) }), /must list at most 50 branches.*got '51 branches'/],
    ['a repeated branch', () => ({ branches: [{ branchName: 'main' }, { branchName: 'main' }] }), /must not repeat a branch name; 'main'/],
    ['two branch names written alike', () => ({ branches: [{ branchName: 'feature/x' }, { branchName: 'feature-x' }] }),
      /branches must not hold two names that differ only in punctuation.*'feature\/x' and 'feature-x' would both be the branch construct BranchFeatureX/],
    ['basic auth on production', (s) => ({ branches: [{ branchName: 'main', basicAuthSecret: basicAuth(s) }] }), /branches\[0\].basicAuthSecret \(branches\[0\].basic_auth_secret\) and stage PRODUCTION cannot be combined/],
    ['a subdomain without a zone', () => ({ branches: [{ branchName: 'main', subdomain: 'www' }] }), /branches\[0\].subdomain needs hostedZone/],
    ['a subdomain that is not a DNS label', (s) => ({ hostedZone: zone(s), branches: [{ branchName: 'main', subdomain: 'WWW.x' }] }), /subdomain must be one DNS label/],
    ['a zone without a subdomain', (s) => ({ hostedZone: zone(s) }), /hostedZone \(hosted_zone\) needs a branch with a subdomain/],
  ])('%s', (_name, props, error) => {
    expect(() => build(props)).toThrow(error);
  });
});

describe('AlarmSet.monitorAmplifyApp', () => {
  test('a critical 5xx alarm and a warning p95 time-to-first-byte alarm on AWS/AmplifyHosting', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
    const web = new AmplifyNextjsApp(stack, 'Web', { branches: [{ branchName: 'main' }] });
    const alarms = new AlarmSet(stack, 'Alarms', { emailAddresses: ['oncall@example.com'] });
    expect(alarms.monitorAmplifyApp(web)).toHaveLength(2);
    const template = Template.fromStack(stack);
    const stat = (metricName: string, statistic: string) => [Match.objectLike({
      MetricStat: Match.objectLike({
        Metric: { Namespace: 'AWS/AmplifyHosting', MetricName: metricName, Dimensions: [{ Name: 'App', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebApp'), 'AppId'] } }] },
        Stat: statistic,
      }),
    })];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Metrics: stat('5xxErrors', 'Sum'), Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Metrics: stat('Latency', 'p95'), Threshold: 2000, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expectNagClean(web);
  });
});
