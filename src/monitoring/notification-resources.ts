// The notification resources of an AlarmSet: encrypted topics, email subscriptions and the AWS
// Chatbot Slack channel (internal, not exported).
import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { AlarmTopics, AlarmTopicsKind, SlackChannelOptions } from './notifications';
import { checkEmail } from '../private/input-rules';
import { acknowledgeNag } from '../private/nag';
import { stackUniqueName } from '../private/physical-name';
import { invalidProp } from '../private/validation';

/** The topics in effect and what was created for them (internal). */
export interface CreatedTopics {
  readonly criticalTopic: sns.ITopic;
  readonly warningTopic: sns.ITopic;
  readonly key?: kms.Key;
  readonly slackChannel?: chatbot.SlackChannelConfiguration;
}

/** The topics of an AlarmSet (or of its us-east-1 mirror) under `scope`, with their email and Slack subscribers. */
export function createNotifications(
  scope: Construct, choice: AlarmTopics, keyRemovalPolicy: RemovalPolicy, emails: string[] = [], slack?: SlackChannelOptions,
): CreatedTopics {
  const topics = createTopics(scope, choice, keyRemovalPolicy);
  subscribeEmails(distinctTopics(topics), emails);
  return { ...topics, slackChannel: slack && createSlackChannel(scope, slack, distinctTopics(topics)) };
}

/** Creates (or takes) the alarm topics; new ones share one rotating key that CloudWatch may use. */
export function createTopics(scope: Construct, choice: AlarmTopics, keyRemovalPolicy: RemovalPolicy): CreatedTopics {
  if (choice.kind === AlarmTopicsKind.EXISTING) {
    return { criticalTopic: choice.criticalTopic!, warningTopic: choice.warningTopic! };
  }
  const key = new kms.Key(scope, 'TopicKey', {
    description: `Encrypts the alarm notification topics of ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: keyRemovalPolicy,
  });
  // CloudWatch publishes alarm state changes into the encrypted topics.
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  const newTopic = (id: string, severity: string) => new sns.Topic(scope, id, {
    displayName: `${severity} alarms of ${scope.node.path}`.slice(0, 100),
    masterKey: key,
    enforceSSL: true,
  });
  const criticalTopic = newTopic('AlarmTopic', choice.kind === AlarmTopicsKind.SHARED ? 'All' : 'Critical');
  const warningTopic = choice.kind === AlarmTopicsKind.SHARED ? criticalTopic : newTopic('WarningTopic', 'Warning');
  return { criticalTopic, warningTopic, key };
}

/** The distinct topics (the shared one once). */
export function distinctTopics(topics: CreatedTopics): sns.ITopic[] {
  return topics.criticalTopic === topics.warningTopic ? [topics.criticalTopic] : [topics.criticalTopic, topics.warningTopic];
}

/** Refuses anything that is not an email address, naming the prop and position. */
export function validateEmails(scope: Construct, prop: string, emails: string[] | undefined): void {
  const seen = new Set<string>();
  (emails ?? []).forEach((email, i) => {
    if (Token.isUnresolved(email)) return;
    checkEmail(scope, `${prop}[${i}]`, email);
    if (seen.has(email.toLowerCase())) invalidProp(scope, `${prop}[${i}]`, email, 'must not repeat an address (each would be subscribed twice)');
    seen.add(email.toLowerCase());
  });
}

/** Subscribes every address to every topic (each address confirms by email). */
export function subscribeEmails(topics: sns.ITopic[], emails: string[]): void {
  for (const topic of topics) {
    for (const email of emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}

/** Refuses a Slack channel without a workspace or with ids AWS Chatbot would reject. */
export function validateSlack(scope: Construct, slack: SlackChannelOptions | undefined): void {
  if (!slack) return;
  if (!slack.workspaceId || (!Token.isUnresolved(slack.workspaceId) && !/^[0-9A-Z]{1,255}$/.test(slack.workspaceId))) {
    invalidProp(scope, 'slack.workspaceId', slack.workspaceId ?? '', 'must be the id of a Slack workspace authorized in AWS Chatbot (upper-case letters and digits, e.g. T0123ABCD)');
  }
  if (!slack.channelId || (!Token.isUnresolved(slack.channelId) && !/^[A-Za-z0-9]{1,255}$/.test(slack.channelId))) {
    invalidProp(scope, 'slack.channelId', slack.channelId ?? '', 'must be a Slack channel id (letters and digits, e.g. C0123ABCD)');
  }
  if (slack.configurationName !== undefined && !/^[A-Za-z0-9-_]{1,128}$/.test(slack.configurationName)) {
    invalidProp(scope, 'slack.configurationName', slack.configurationName, 'must be 1 to 128 letters, digits, - or _');
  }
}

/**
 * A Chatbot channel for the topics, with a read-only role and the same policy as its guardrail
 * (instead of Chatbot's default AdministratorAccess guardrail).
 */
export function createSlackChannel(scope: Construct, slack: SlackChannelOptions, topics: sns.ITopic[]): chatbot.SlackChannelConfiguration {
  const readAlarms = new iam.ManagedPolicy(scope, 'SlackChannelPolicy', {
    description: 'Lets AWS Chatbot render alarm graphs in Slack; read-only, also the channel guardrail',
    statements: [new iam.PolicyStatement({
      actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'cloudwatch:GetMetricWidgetImage'],
      resources: ['*'],
    })],
  });
  acknowledgeNag(readAlarms, [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Read-only CloudWatch actions AWS Chatbot needs to render alarm graphs in Slack: GetMetricData and GetMetricWidgetImage support no resource-level permissions, and DescribeAlarms is called for the alarm in each notification, across the alarms of this account.',
  }]);
  const role = new iam.Role(scope, 'SlackChannelRole', {
    assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
    description: 'AWS Chatbot role of the alarm Slack channel: read-only CloudWatch for alarm graphs',
    managedPolicies: [readAlarms],
  });
  return new chatbot.SlackChannelConfiguration(scope, 'SlackChannel', {
    slackChannelConfigurationName: slack.configurationName ?? stackUniqueName(scope, { maxLength: 128 }),
    slackWorkspaceId: slack.workspaceId,
    slackChannelId: slack.channelId,
    notificationTopics: topics,
    role,
    guardrailPolicies: [readAlarms],
  });
}
