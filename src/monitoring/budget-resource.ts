// The AWS Budgets cost budget of an AlarmSet and its validation (internal, not exported).
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CostBudgetOptions } from './budget';
import { validateEmails } from './notification-resources';
import { invalidProp } from '../private/validation';

/** AWS Budgets allows at most 5 notifications per budget and 10 email subscribers per notification. */
const MAX_NOTIFICATIONS = 5;
const MAX_EMAILS = 10;

/** Refuses a budget AWS Budgets would reject or that could never notify. */
export function validateBudget(scope: Construct, budget: CostBudgetOptions | undefined): void {
  if (!budget) return;
  const limit = budget.monthlyLimitUsd;
  if (!Token.isUnresolved(limit) && (!Number.isFinite(limit) || limit <= 0)) {
    invalidProp(scope, 'budget.monthlyLimitUsd', limit, 'must be a number of US dollars greater than 0');
  }
  const actual = budget.actualThresholdPercents ?? [80, 100];
  const forecast = budget.forecastThresholdPercents ?? [100];
  for (const [prop, list] of [['budget.actualThresholdPercents', actual], ['budget.forecastThresholdPercents', forecast]] as const) {
    list.forEach((p, i) => {
      if (!Token.isUnresolved(p) && (!Number.isFinite(p) || p <= 0 || p > 1000)) invalidProp(scope, `${prop}[${i}]`, p, 'must be a percentage of the limit greater than 0 and at most 1000');
    });
    if (new Set(list).size !== list.length) {
      invalidProp(scope, prop, list, 'must not repeat a percentage (AWS Budgets refuses two identical notifications)');
    }
  }
  if (actual.length + forecast.length > MAX_NOTIFICATIONS) {
    invalidProp(scope, 'budget.actualThresholdPercents', actual, `and forecastThresholdPercents together must have at most ${MAX_NOTIFICATIONS} entries (the AWS Budgets limit); forecast has ${forecast.length}`);
  }
  if (actual.length + forecast.length === 0) {
    invalidProp(scope, 'budget.actualThresholdPercents', actual, 'and forecastThresholdPercents must not both be empty');
  }
  const name = budget.budgetName;
  if (name !== undefined && !Token.isUnresolved(name) && !/^[^:\\]{1,100}$/.test(name)) {
    invalidProp(scope, 'budget.budgetName', name, 'must be 1 to 100 characters without : or \\ (the AWS Budgets rule)');
  }
  validateEmails(scope, 'budget.emailAddresses', budget.emailAddresses);
  if ((budget.emailAddresses ?? []).length > MAX_EMAILS) {
    invalidProp(scope, 'budget.emailAddresses', budget.emailAddresses, `must list at most ${MAX_EMAILS} addresses (the AWS Budgets limit)`);
  }
}

/**
 * The monthly cost budget, notifying `topic` and the email addresses. When the topic (and its key)
 * were created here, lets budgets.amazonaws.com publish to it from this account only.
 */
export function createBudget(scope: Construct, budget: CostBudgetOptions, topic: sns.ITopic, key?: kms.IKey): budgets.CfnBudget {
  const account = Stack.of(scope).account;
  const { statementAdded } = topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowBudgetsToPublish',
    principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:${Stack.of(scope).partition}:budgets::${account}:*` },
    },
  }));
  if (!statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-webapp-patterns:alarmSetBudgetTopicPolicy',
      'The budget notifies an existing topic whose policy this app cannot change: let budgets.amazonaws.com publish to it (and use its KMS key), or Budgets cannot deliver');
  }
  key?.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowBudgetsToPublish',
    principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  const subscribers: budgets.CfnBudget.SubscriberProperty[] = [
    { subscriptionType: 'SNS', address: topic.topicArn },
    ...(budget.emailAddresses ?? []).map((address) => ({ subscriptionType: 'EMAIL', address })),
  ];
  const notification = (notificationType: string, threshold: number): budgets.CfnBudget.NotificationWithSubscribersProperty => ({
    notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
    subscribers,
  });
  return new budgets.CfnBudget(scope, 'Budget', {
    budget: {
      budgetName: budget.budgetName,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      budgetLimit: { amount: budget.monthlyLimitUsd, unit: 'USD' },
    },
    notificationsWithSubscribers: [
      ...(budget.actualThresholdPercents ?? [80, 100]).map((p) => notification('ACTUAL', p)),
      ...(budget.forecastThresholdPercents ?? [100]).map((p) => notification('FORECASTED', p)),
    ],
  });
}
