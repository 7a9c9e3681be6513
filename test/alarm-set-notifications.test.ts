import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarm, build, imported } from './alarm-set-fixtures';
import { expectNagClean } from './nag';
import { AlarmSet, AlarmTopics, EnvironmentProfile } from '../src';

describe('AlarmSet topics', () => {
  test('by default a critical and a warning topic, both KMS-encrypted with a rotating key', () => {
    const { alarms, template } = build();
    const t = template();
    t.resourceCountIs('AWS::SNS::Topic', 2);
    t.resourcePropertiesCountIs('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsTopicKey'), 'Arn'] } }, 2);
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(alarms.criticalTopic).not.toBe(alarms.warningTopic);
    expect(alarms.encryptionKey).toBeDefined();
  });

  test('the topics refuse publishing without TLS', () => {
    build().template().hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('CloudWatch may use the key to publish alarms', () => {
    build().template().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
  });

  test('AlarmTopics.shared() makes one topic for both severities', () => {
    const { stack, alarms, template } = build({ topics: AlarmTopics.shared() });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    const t = template();
    t.resourceCountIs('AWS::SNS::Topic', 1);
    expect(alarms.warningTopic).toBe(alarms.criticalTopic);
    expect(alarm(t, 'Api-ServiceCpu').AlarmActions).toEqual(alarm(t, 'Api-ServiceRunningTasks').AlarmActions);
  });

  test('AlarmTopics.fromTopics() uses existing topics and creates none', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const pager = sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:us-east-1:111111111111:pager');
    const alarms = new AlarmSet(stack, 'Alarms', { topics: AlarmTopics.fromTopics(pager), emailAddresses: ['ops@example.com'] });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
    t.resourceCountIs('AWS::SNS::Subscription', 1);
    expect(alarm(t, 'Api-ServiceCpu').AlarmActions).toEqual(['arn:aws:sns:us-east-1:111111111111:pager']);
    expect(alarms.criticalTopic).toBe(pager);
    expect(alarms.warningTopic).toBe(pager);
  });

  test('AlarmTopics.fromTopics() with a warning topic routes warnings there', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const pager = sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:us-east-1:111111111111:pager');
    const tickets = sns.Topic.fromTopicArn(stack, 'Tickets', 'arn:aws:sns:us-east-1:111111111111:tickets');
    const alarms = new AlarmSet(stack, 'Alarms', { topics: AlarmTopics.fromTopics(pager, tickets) });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    const t = Template.fromStack(stack);
    expect(alarm(t, 'Api-ServiceCpu').AlarmActions).toEqual(['arn:aws:sns:us-east-1:111111111111:tickets']);
    expect(alarm(t, 'Api-ServiceRunningTasks').AlarmActions).toEqual(['arn:aws:sns:us-east-1:111111111111:pager']);
  });

  test('switching shared to per-severity topics keeps the key and the first topic (no replacement)', () => {
    const ids = (topics: AlarmTopics) => Object.keys(build({ topics }).template().toJSON().Resources)
      .filter((id) => /^Alarms(TopicKey|AlarmTopic)[0-9A-F]{8}$/.test(id));
    expect(ids(AlarmTopics.perSeverity())).toEqual(ids(AlarmTopics.shared()));
    expect(ids(AlarmTopics.shared())).toHaveLength(2);
  });

  test('alarms notify OK too by default; okNotifications false stops that', () => {
    const on = build();
    on.alarms.monitorFargateService(imported(on.stack).service, { label: 'Api' });
    expect(alarm(on.template(), 'Api-ServiceCpu').OKActions).toHaveLength(1);
    const off = build({ okNotifications: false });
    off.alarms.monitorFargateService(imported(off.stack).service, { label: 'Api' });
    expect(alarm(off.template(), 'Api-ServiceCpu').OKActions).toBeUndefined();
  });
});

describe('AlarmSet email and Slack', () => {
  test('every address is subscribed to every topic', () => {
    const t = build({ emailAddresses: ['ops@example.com', 'dev@example.com'] }).template();
    t.resourceCountIs('AWS::SNS::Subscription', 4);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'dev@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^AlarmsWarningTopic') } });
  });

  test('Slack through AWS Chatbot, subscribed to every topic, with a read-only role and guardrail', () => {
    const { alarms, template } = build({ slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD', configurationName: 'webapp-alarms' } });
    const t = template();
    t.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'webapp-alarms',
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      SnsTopicArns: [{ Ref: Match.stringLikeRegexp('^AlarmsAlarmTopic') }, { Ref: Match.stringLikeRegexp('^AlarmsWarningTopic') }],
      GuardrailPolicies: [{ Ref: Match.stringLikeRegexp('^AlarmsSlackChannelPolicy') }],
    });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'cloudwatch:GetMetricWidgetImage'], Resource: '*' }] },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'chatbot.amazonaws.com' } })] },
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^AlarmsSlackChannelPolicy') }],
    });
    expect(alarms.slackChannel).toBeDefined();
  });

  test('the Chatbot configuration name defaults to one derived from the stack name and the path', () => {
    build({ slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } }).template()
      .hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', { ConfigurationName: Match.stringLikeRegexp('^Stack-[0-9a-f]{8}$') });
  });
});

describe('AlarmSet cost budget', () => {
  test('a monthly cost budget with actual 80%/100% and forecast 100% to the warning topic', () => {
    const { alarms, template } = build({ budget: { monthlyLimitUsd: 500 } });
    const t = template();
    const topic = { Ref: Match.stringLikeRegexp('^AlarmsWarningTopic') };
    t.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 500, Unit: 'USD' } },
      NotificationsWithSubscribers: [
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'SNS', Address: topic }] },
        { Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 100 }), Subscribers: [{ SubscriptionType: 'SNS', Address: topic }] },
        { Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }), Subscribers: [{ SubscriptionType: 'SNS', Address: topic }] },
      ],
    });
    expect(alarms.budget).toBeDefined();
  });

  test('Budgets may publish to the topic from this account only, and use its key', () => {
    const t = build({ budget: { monthlyLimitUsd: 500 } }).template();
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: Match.stringLikeRegexp('^AlarmsWarningTopic') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'budgets.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:*']] } } },
        })]),
      },
    });
    t.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'budgets.amazonaws.com' } })]) },
    });
  });

  test('a budget on an existing topic warns that its policy must admit Budgets', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const topic = sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:us-east-1:111111111111:ops');
    new AlarmSet(stack, 'Alarms', { topics: AlarmTopics.fromTopics(topic), budget: { monthlyLimitUsd: 10 } });
    Annotations.fromStack(stack).hasWarning('/Stack/Alarms', Match.stringLikeRegexp('let budgets.amazonaws.com publish'));
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: Match.arrayWith([Match.objectLike({ Subscribers: [{ SubscriptionType: 'SNS', Address: 'arn:aws:sns:us-east-1:111111111111:ops' }] })]),
    });
  });

  test('no budget, no Budgets access to the topic', () => {
    expect(JSON.stringify(build().template().toJSON())).not.toContain('budgets.amazonaws.com');
  });

  test('thresholds, emails and name are used as given', () => {
    build({ budget: { monthlyLimitUsd: 50, actualThresholdPercents: [50], forecastThresholdPercents: [90, 120], emailAddresses: ['cfo@example.com'], budgetName: 'webapp' } })
      .template().hasResourceProperties('AWS::Budgets::Budget', {
        Budget: Match.objectLike({ BudgetName: 'webapp' }),
        NotificationsWithSubscribers: [
          { Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 50 }), Subscribers: Match.arrayWith([{ SubscriptionType: 'EMAIL', Address: 'cfo@example.com' }]) },
          { Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 90 }), Subscribers: Match.anyValue() },
          { Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 120 }), Subscribers: Match.anyValue() },
        ],
      });
  });
});

describe('AlarmSet profiles', () => {
  test.each([
    ['no profile', undefined, 2, true, 'Retain'],
    ['dev', EnvironmentProfile.dev(), 1, false, 'Delete'],
    ['staging', EnvironmentProfile.staging(), 1, true, 'Retain'],
    ['prod', EnvironmentProfile.prod(), 2, true, 'Retain'],
  ])('%s: topics, OK notifications and key removal', (_name, profile, topics, ok, keyPolicy) => {
    const { stack, alarms, template } = build({ profile });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    const t = template();
    t.resourceCountIs('AWS::SNS::Topic', topics);
    expect(alarm(t, 'Api-ServiceCpu').OKActions === undefined).toBe(!ok);
    t.hasResource('AWS::KMS::Key', { DeletionPolicy: keyPolicy, UpdateReplacePolicy: keyPolicy });
  });

  test('explicit props win over the profile', () => {
    const { stack, alarms, template } = build({ profile: EnvironmentProfile.dev(), okNotifications: true, topics: AlarmTopics.perSeverity() });
    alarms.monitorFargateService(imported(stack).service, { label: 'Api' });
    const t = template();
    t.resourceCountIs('AWS::SNS::Topic', 2);
    expect(alarm(t, 'Api-ServiceCpu').OKActions).toHaveLength(1);
  });
});

describe('AlarmSet cdk-nag', () => {
  test('is cdk-nag clean with every feature on', () => {
    const { stack, alarms } = build({
      emailAddresses: ['ops@example.com'],
      slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' },
      budget: { monthlyLimitUsd: 100, emailAddresses: ['cfo@example.com'] },
    });
    const r = imported(stack);
    alarms.monitorFargateService(r.service);
    alarms.monitorLoadBalancer(r.loadBalancer, r.targetGroup);
    alarms.monitorDatabaseCluster(r.database, { serverless: true });
    alarms.monitorDistribution(r.distribution);
    expectNagClean(alarms);
  });
});

describe('AlarmSet refusals of notifications and budget', () => {
  test('a Slack channel without a workspace', () => {
    expect(() => build({ slack: { workspaceId: '', channelId: 'C0123ABCD' } })).toThrow(
      "AlarmSet 'Stack/Alarms': slack.workspaceId (slack.workspace_id) must be the id of a Slack workspace authorized in AWS Chatbot (upper-case letters and digits, e.g. T0123ABCD); got ''",
    );
  });

  test('a Slack channel id that is not one', () => {
    expect(() => build({ slack: { workspaceId: 'T0123ABCD', channelId: '#alerts' } })).toThrow(
      "AlarmSet 'Stack/Alarms': slack.channelId (slack.channel_id) must be a Slack channel id (letters and digits, e.g. C0123ABCD); got '#alerts'",
    );
  });

  test('an email address that is not one', () => {
    expect(() => build({ emailAddresses: ['ops@example.com', 'ops-at-example'] })).toThrow(
      "AlarmSet 'Stack/Alarms': emailAddresses[1] (email_addresses[1]) must be an email address like ops@example.com (no spaces, no empty or repeated dots); got 'ops-at-example'",
    );
  });

  test('a budget email address that is not one', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 10, emailAddresses: ['finance'] } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.emailAddresses[0] (budget.email_addresses[0]) must be an email address like ops@example.com (no spaces, no empty or repeated dots); got 'finance'",
    );
  });

  test('a budget amount of 0 or less', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 0 } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.monthlyLimitUsd (budget.monthly_limit_usd) must be a number of US dollars greater than 0; got 0",
    );
  });

  test('a budget threshold of 0 or less', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 10, forecastThresholdPercents: [-5] } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.forecastThresholdPercents[0] (budget.forecast_threshold_percents[0]) must be a percentage of the limit greater than 0 and at most 1000; got -5",
    );
  });

  test('more budget notifications than AWS Budgets allows', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 10, actualThresholdPercents: [50, 60, 70, 80, 90] } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.actualThresholdPercents (budget.actual_threshold_percents) and forecastThresholdPercents together must have at most 5 entries (the AWS Budgets limit); forecast has 1; got [50, 60, 70, 80, 90]",
    );
  });

  test('a budget without any threshold', () => {
    expect(() => build({ budget: { monthlyLimitUsd: 10, actualThresholdPercents: [], forecastThresholdPercents: [] } })).toThrow(
      "AlarmSet 'Stack/Alarms': budget.actualThresholdPercents (budget.actual_threshold_percents) and forecastThresholdPercents must not both be empty; got []",
    );
  });

  test('more budget email addresses than AWS Budgets allows', () => {
    const emailAddresses = Array.from({ length: 11 }, (_, i) => `ops${i}@example.com`);
    expect(() => build({ budget: { monthlyLimitUsd: 10, emailAddresses } })).toThrow(
      /^AlarmSet 'Stack\/Alarms': budget.emailAddresses \(budget\.email_addresses\) must list at most 10 addresses \(the AWS Budgets limit\); got \['ops0@example.com', /,
    );
  });

  test('a Chatbot configuration name Chatbot would reject', () => {
    expect(() => build({ slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD', configurationName: 'web app' } })).toThrow(
      "AlarmSet 'Stack/Alarms': slack.configurationName (slack.configuration_name) must be 1 to 128 letters, digits, - or _; got 'web app'",
    );
  });

  test('an alarm name prefix with spaces', () => {
    expect(() => build({ alarmNamePrefix: 'web app' })).toThrow(
      "AlarmSet 'Stack/Alarms': alarmNamePrefix (alarm_name_prefix) must be 1 to 128 printable ASCII characters without spaces; got 'web app'",
    );
  });
});
