// Where an AlarmSet outside us-east-1 puts its alarms on CloudFront (whose metrics exist only in
// us-east-1): a us-east-1 alarm stack with the set's notifications mirrored (internal, not exported).
import { Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { createNotifications, CreatedTopics } from './notification-resources';
import { AlarmTopics, AlarmTopicsKind, SlackChannelOptions } from './notifications';
import { companionStack } from '../private/companion-stack';
import { conflictingProps, invalidProp } from '../private/validation';

/** The only region where CloudFront publishes its metrics. */
export const US_EAST_1 = 'us-east-1';

/** Where a set's alarms are created and which topics they notify. */
export interface AlarmTarget {
  readonly scope: Construct;
  readonly topics: CreatedTopics;
}

/**
 * The us-east-1 alarm stack of the set's stack, with the set's notifications mirrored under a construct
 * named after the set: `usEast1Topics`, or new topics of the set's kind with its email addresses and Slack
 * channel. The stack is separate from the site's certificate companion, which the site stack reads: this
 * one reads the site stack (distribution ids, through aws-cdk-lib's cross-region references), so one
 * stack for both would make a cycle.
 */
export function usEast1Mirror(
  set: Construct, given: AlarmTopics | undefined, setChoice: AlarmTopics, keyRemovalPolicy: RemovalPolicy,
  emails?: string[], slack?: SlackChannelOptions,
): AlarmTarget {
  const choice = given ?? setChoice;
  if (choice.kind === AlarmTopicsKind.EXISTING) validateUsEast1Choice(set, choice, given !== undefined);
  const stack = companionStack(set, {
    region: US_EAST_1,
    idPrefix: 'UsEast1Alarms',
    nameSuffix: '-UsEast1Alarms',
    description: 'us-east-1 alarms (CloudFront publishes its metrics only there) of the cdk-webapp-patterns AlarmSets of %s',
    ownerLabel: 'the AlarmSet stack\'s id',
    alternative: '',
    // The alarms read distribution ids from the stacks of the sites: this stack consumes, never produces.
    crossRegionReferences: true,
  });
  const scope = new Construct(stack, Names.uniqueId(set));
  const mirroredSlack = slack && {
    ...slack,
    // Chatbot configuration names are unique in the account: the mirror's differs from the set's.
    configurationName: slack.configurationName && `${slack.configurationName.slice(0, 118)}-us-east-1`,
  };
  return { scope, topics: createNotifications(scope, choice, keyRemovalPolicy, emails, mirroredSlack) };
}

/** Refuses `usEast1Topics` in a us-east-1 stack, where it would be ignored. */
export function validateUsEast1Topics(scope: Construct, usEast1Topics?: AlarmTopics): void {
  if (usEast1Topics && Stack.of(scope).region === US_EAST_1) {
    conflictingProps(scope, 'usEast1Topics', 'a us-east-1 stack', 'cannot be combined: the alarms on CloudFront notify `topics` there');
  }
}

/** Existing topics can take us-east-1 alarms only when they are in us-east-1 (or their region is unknown). */
function validateUsEast1Choice(scope: Construct, choice: AlarmTopics, given: boolean): void {
  if (!given) {
    invalidProp(scope, 'usEast1Topics', undefined, `must be given with AlarmTopics.fromTopics() in ${Stack.of(scope).region}: `
      + 'the alarms on CloudFront live in us-east-1 and can notify us-east-1 topics only');
  }
  for (const topic of [choice.criticalTopic!, choice.warningTopic!]) {
    const region = topic.env.region;
    if (!Token.isUnresolved(region) && region !== US_EAST_1) {
      invalidProp(scope, 'usEast1Topics', topic.topicArn, `must name topics in us-east-1 (an alarm notifies topics of its own region); this one is in ${region}`);
    }
  }
}
