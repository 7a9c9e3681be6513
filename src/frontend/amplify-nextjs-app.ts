import { Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import * as amplify from 'aws-cdk-lib/aws-amplify';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { checkKnownAtSynth, NAMES_CONSTRUCTS } from '../private/input-rules';
import { acknowledgeGrantPolicy, acknowledgeNag } from '../private/nag';
import { conflictingProps, invalidProp } from '../private/validation';

/** The stage of an Amplify branch, which Amplify shows and uses for its defaults. */
export enum AmplifyBranchStage {
  /** The live site. Basic auth is refused on it. */
  PRODUCTION = 'PRODUCTION',
  /** A beta or staging site. */
  BETA = 'BETA',
  /** A development site. */
  DEVELOPMENT = 'DEVELOPMENT',
  /** An experimental site. */
  EXPERIMENTAL = 'EXPERIMENTAL',
}

/** One branch of the repository, deployed as one environment. */
export interface AmplifyBranchOptions {
  /** The branch name in the repository (or the name of a manual-deployment branch), e.g. `main`. */
  readonly branchName: string;
  /**
   * The stage of the branch.
   * @default AmplifyBranchStage.PRODUCTION for the first branch, AmplifyBranchStage.DEVELOPMENT for the others
   */
  readonly stage?: AmplifyBranchStage;
  /**
   * The subdomain prefix of the branch under the hosted zone, e.g. `www` or `dev`; `''` for the apex.
   * Needs `hostedZone`.
   * @default - the branch gets no custom domain name
   */
  readonly subdomain?: string;
  /**
   * Environment variables of this branch (build time and SSR runtime), added to the app's.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * A Secrets Manager secret with `username` and `password` keys that protects this branch with basic
   * auth (refused on a PRODUCTION branch).
   * @default - no basic auth
   */
  readonly basicAuthSecret?: secretsmanager.ISecret;
}

/** Properties of an AmplifyNextjsApp. */
export interface AmplifyNextjsAppProps {
  /**
   * The app's name in the Amplify console.
   * @default - the construct's path, made unique in the account
   */
  readonly appName?: string;
  /**
   * The HTTPS URL of the Git repository, e.g. `https://github.com/org/web`.
   * @default - no repository: deploy manually (zip upload or `aws amplify create-deployment`)
   */
  readonly repository?: string;
  /**
   * The secret that holds the repository's access token (for GitHub, a token Amplify installs its app with);
   * read at deployment through a CloudFormation dynamic reference. Needs `repository`.
   * @default - none: required with `repository`
   */
  readonly accessTokenSecret?: secretsmanager.ISecret;
  /**
   * The JSON key of the token in the secret, when the secret holds JSON.
   * @default - the whole secret string
   */
  readonly accessTokenKey?: string;
  /** The branches to deploy (at least one), e.g. `main` at `www` and `develop` at `dev`. */
  readonly branches: AmplifyBranchOptions[];
  /**
   * The Route 53 zone whose name is the app's custom domain; Amplify creates the branches' subdomain
   * records in it and a managed certificate.
   * @default - the Amplify default domain only (`<branch>.<appId>.amplifyapp.com`)
   */
  readonly hostedZone?: route53.IHostedZone;
  /**
   * Environment variables of every branch, e.g. `NEXT_PUBLIC_API_URL` from FargateApiService's domain.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * The build specification (amplify.yml) of the app.
   * @default - Node.js `npm ci` and `npm run build`, `.next` as the artifact, `node_modules` and `.next/cache` cached
   */
  readonly buildSpec?: string;
}

/** The default build specification for a Next.js SSR app (Amplify Hosting compute). */
const NEXTJS_BUILD_SPEC = [
  'version: 1',
  'frontend:',
  '  phases:',
  '    preBuild:',
  '      commands:',
  '        - npm ci',
  '    build:',
  '      commands:',
  '        - npm run build',
  '  artifacts:',
  '    baseDirectory: .next',
  '    files:',
  "      - '**/*'",
  '  cache:',
  '    paths:',
  "      - 'node_modules/**/*'",
  "      - '.next/cache/**/*'",
  '',
].join('\n');

/**
 * A Next.js server-rendered front end on AWS Amplify Hosting (the WEB_COMPUTE platform): one branch per
 * environment, a custom domain with a subdomain per branch in the Route 53 zone, environment variables,
 * a Next.js build specification, a least-privilege service role for the SSR compute logs, the
 * repository token from Secrets Manager (or manual deployments without a repository), and optional
 * basic auth on non-production branches.
 */
export class AmplifyNextjsApp extends Construct {
  /** The Amplify app. */
  public readonly app: amplify.CfnApp;
  /** The branches, in the order given. */
  public readonly branches: amplify.CfnBranch[];
  /** The custom domain, when a hosted zone was given. */
  public readonly domain?: amplify.CfnDomain;
  /** The service role Amplify writes the SSR compute logs with. */
  public readonly serviceRole: iam.Role;
  /** The app id. */
  public readonly appId: string;
  /** The app's default domain, e.g. `d1a2b3c4.amplifyapp.com`. */
  public readonly defaultDomain: string;
  private readonly subdomains = new Map<string, string>();
  private readonly zoneName?: string;

  constructor(scope: Construct, id: string, props: AmplifyNextjsAppProps) {
    super(scope, id);
    validate(this, props);

    this.serviceRole = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('amplify.amazonaws.com'),
      description: 'Amplify Hosting: writes the SSR compute logs of this app',
    });
    // The log group is /aws/amplify/<appId>; the app id exists only after the app, which takes this role.
    const logGroups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/amplify/*`;
    this.serviceRole.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups'],
      resources: [logGroups, `${logGroups}:log-stream:*`],
    }));
    acknowledgeGrantPolicy(this.serviceRole, 'Amplify Hosting (the SSR compute logs)');
    acknowledgeNag(this.serviceRole, [
      { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/amplify/*]', reason: 'Amplify names the SSR log group after the app id, which exists only once the app that takes this role is created; the grant covers Amplify\'s own log groups only.' },
      { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/amplify/*:log-stream:*]', reason: 'The SSR compute log streams are created by Amplify under its own log groups; the grant covers those only.' },
    ]);

    const secret = props.accessTokenSecret;
    // A dynamic reference: the token is resolved by CloudFormation and never written into the template.
    const token = secret && (props.accessTokenKey ? secret.secretValueFromJson(props.accessTokenKey) : secret.secretValue).unsafeUnwrap();
    this.app = new amplify.CfnApp(this, 'App', {
      name: props.appName ?? `${Stack.of(this).stackName}-${id}`.slice(0, 255),
      description: `Next.js SSR front end (${this.node.path})`.slice(0, 1000),
      platform: 'WEB_COMPUTE',
      repository: props.repository,
      accessToken: token,
      iamServiceRole: this.serviceRole.roleArn,
      buildSpec: props.buildSpec ?? NEXTJS_BUILD_SPEC,
      environmentVariables: variables(props.environment),
    });
    this.appId = this.app.attrAppId;
    this.defaultDomain = this.app.attrDefaultDomain;

    this.branches = props.branches.map((branch, i) => new amplify.CfnBranch(this, `Branch${pascal(branch.branchName)}`, {
      appId: this.appId,
      branchName: branch.branchName,
      stage: branch.stage ?? (i === 0 ? AmplifyBranchStage.PRODUCTION : AmplifyBranchStage.DEVELOPMENT),
      framework: 'Next.js - SSR',
      enableAutoBuild: props.repository !== undefined,
      environmentVariables: variables(branch.environment),
      basicAuthConfig: branch.basicAuthSecret ? {
        enableBasicAuth: true,
        username: branch.basicAuthSecret.secretValueFromJson('username').unsafeUnwrap(),
        password: branch.basicAuthSecret.secretValueFromJson('password').unsafeUnwrap(),
      } : undefined,
    }));

    const withDomain = props.branches
      .map((branch, i) => ({ branch, resource: this.branches[i] }))
      .filter(({ branch }) => branch.subdomain !== undefined);
    this.zoneName = props.hostedZone?.zoneName;
    for (const { branch } of withDomain) this.subdomains.set(branch.branchName, branch.subdomain!);
    if (props.hostedZone && withDomain.length > 0) {
      this.domain = new amplify.CfnDomain(this, 'Domain', {
        appId: this.appId,
        domainName: props.hostedZone.zoneName,
        certificateSettings: { certificateType: 'AMPLIFY_MANAGED' },
        enableAutoSubDomain: false,
        subDomainSettings: withDomain.map(({ branch, resource }) => ({ prefix: branch.subdomain!, branchName: resource.branchName })),
      });
      for (const { resource } of withDomain) this.domain.node.addDependency(resource);
    }
  }

  /** The custom URL of a branch (`https://www.example.com`), else its Amplify default URL. */
  public urlOf(branchName: string): string {
    const index = this.branches.findIndex((b) => b.branchName === branchName);
    if (index < 0) invalidProp(this, 'branchName', branchName, `must be one of the app's branches (${this.branches.map((b) => b.branchName).join(', ')})`);
    const prefix = this.subdomains.get(branchName);
    if (prefix !== undefined && this.zoneName) return `https://${prefix ? `${prefix}.` : ''}${this.zoneName}`;
    return `https://${branchName.replace(/[^a-zA-Z0-9-]/g, '-')}.${this.defaultDomain}`;
  }

  /** Server errors (5xx) Amplify Hosting answered (sum over 5 minutes by default). */
  public metric5xxErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('5xxErrors', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Client errors (4xx) (sum over 5 minutes by default). */
  public metric4xxErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('4xxErrors', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Requests served (sum over 5 minutes by default). */
  public metricRequests(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Requests', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Time to first byte in milliseconds (p95 over 5 minutes by default). */
  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Latency', { statistic: 'p95', ...props });
  }

  private metric(metricName: string, props: cloudwatch.MetricOptions): cloudwatch.Metric {
    // Amplify Hosting publishes per app in the AWS/AmplifyHosting namespace (Amplify User Guide, "Monitoring", read 2026-12-01).
    return new cloudwatch.Metric({ namespace: 'AWS/AmplifyHosting', metricName, dimensionsMap: { App: this.appId }, period: Duration.minutes(5), ...props });
  }
}

function variables(env?: { [key: string]: string }): amplify.CfnApp.EnvironmentVariableProperty[] | undefined {
  const entries = Object.entries(env ?? {});
  return entries.length ? entries.map(([name, value]) => ({ name, value })) : undefined;
}

function pascal(name: string): string {
  return name.split(/[^a-zA-Z0-9]+/).filter((p) => p).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

function validate(scope: Construct, props: AmplifyNextjsAppProps): void {
  if (props.repository && !props.accessTokenSecret) {
    invalidProp(scope, 'accessTokenSecret', undefined, 'must be given with repository: Amplify needs the token to connect the repository');
  }
  if (props.accessTokenSecret && !props.repository) {
    conflictingProps(scope, 'accessTokenSecret', 'repository', 'go together: without a repository the app is deployed manually and needs no token');
  }
  if (props.accessTokenKey && !props.accessTokenSecret) {
    conflictingProps(scope, 'accessTokenKey', 'accessTokenSecret', 'go together: the key names a field of the secret');
  }
  if (props.repository && !Token.isUnresolved(props.repository) && !/^https:\/\/[^\s/]+\/\S+$/.test(props.repository)) {
    invalidProp(scope, 'repository', props.repository, 'must be the HTTPS URL of the repository, e.g. \'https://github.com/org/web\'');
  }
  props.branches.forEach((branch, i) => checkKnownAtSynth(scope, `branches[${i}].branchName`, branch.branchName, NAMES_CONSTRUCTS));
  if (props.branches.length === 0) invalidProp(scope, 'branches', props.branches, 'must list at least one branch');
  // "Branches per app: 50, not adjustable" (Amplify Hosting User Guide, "Amplify Hosting service quotas", read 2026-12-01).
  if (props.branches.length > 50) invalidProp(scope, 'branches', `${props.branches.length} branches`, 'must list at most 50 branches (an Amplify quota that cannot be raised)');
  const names = props.branches.map((b) => b.branchName);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) invalidProp(scope, 'branches', names, `must not repeat a branch name; '${repeated}' appears twice`);
  // Each branch's construct id is its name in PascalCase: 'feature/x' and 'feature-x' would share one
  // (and Amplify's default branch URL, which writes every character but letters, digits and '-' as '-').
  const keys = names.map(pascal);
  const clash = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (clash >= 0) {
    invalidProp(scope, 'branches', names, `must not hold two names that differ only in punctuation or in the case of a word's first letter: '${names[keys.indexOf(keys[clash])]}' and '${names[clash]}' would both be the branch construct Branch${keys[clash]}`);
  }
  const prefixes = props.branches.map((b) => b.subdomain).filter((p): p is string => p !== undefined);
  const repeatedPrefix = prefixes.find((p, i) => prefixes.indexOf(p) !== i);
  if (repeatedPrefix !== undefined) invalidProp(scope, 'branches[].subdomain', prefixes, `must not repeat a subdomain; '${repeatedPrefix}' appears twice`);
  props.branches.forEach((branch, i) => {
    const stage = branch.stage ?? (i === 0 ? AmplifyBranchStage.PRODUCTION : AmplifyBranchStage.DEVELOPMENT);
    if (branch.basicAuthSecret && stage === AmplifyBranchStage.PRODUCTION) {
      conflictingProps(scope, `branches[${i}].basicAuthSecret`, 'stage PRODUCTION', 'cannot be combined: basic auth is for non-production branches');
    }
    if (branch.subdomain !== undefined && !props.hostedZone) {
      invalidProp(scope, `branches[${i}].subdomain`, branch.subdomain, 'needs hostedZone: the subdomain is created in it');
    }
    if (branch.subdomain && !Token.isUnresolved(branch.subdomain) && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(branch.subdomain)) {
      invalidProp(scope, `branches[${i}].subdomain`, branch.subdomain, 'must be one DNS label of lowercase letters, digits and hyphens (or \'\' for the apex)');
    }
  });
  if (props.hostedZone && !props.branches.some((b) => b.subdomain !== undefined)) {
    invalidProp(scope, 'hostedZone', props.hostedZone.zoneName, 'needs a branch with a subdomain (e.g. { branchName: \'main\', subdomain: \'www\' })');
  }
}
