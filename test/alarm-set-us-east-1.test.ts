import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarm, build, imported, TOKYO, VIRGINIA } from './alarm-set-fixtures';
import { expectNagClean } from './nag';
import { AlarmSet, AlarmTopics, EnvironmentProfile, StaticSiteWithApiOrigin } from '../src';

const VIRGINIA_TOPIC = `arn:aws:sns:us-east-1:${VIRGINIA.account}:oncall`;
const TOKYO_TOPIC = `arn:aws:sns:ap-northeast-1:${VIRGINIA.account}:oncall`;

describe('AlarmSet outside us-east-1: CloudFront alarms from a us-east-1 alarm stack', () => {
  test('the us-east-1 topics mirror the set: per severity, the same email addresses and Slack channel', () => {
    const { stack, alarms } = build({
      profile: EnvironmentProfile.prod(),
      emailAddresses: ['oncall@example.com', 'sre@example.com'],
      slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD', configurationName: 'alerts' },
    }, TOKYO);
    alarms.monitorDistribution(imported(stack).distribution, { label: 'Cdn' });
    const edge = Template.fromStack(alarms.usEast1Stack!);
    edge.resourceCountIs('AWS::SNS::Topic', 2);
    edge.resourceCountIs('AWS::KMS::Key', 1);
    const emails = Object.values(edge.findResources('AWS::SNS::Subscription')).map((r: any) => r.Properties.Endpoint).sort();
    expect(emails).toEqual(['oncall@example.com', 'oncall@example.com', 'sre@example.com', 'sre@example.com']);
    edge.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'alerts-us-east-1', SlackWorkspaceId: 'T0123ABCD', SlackChannelId: 'C0123ABCD',
    });
    // The 5xx rate alarm is critical: it notifies the mirror of the critical topic.
    const props = alarm(edge, 'Cdn-Distribution5xxErrorRate');
    expect(props.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic[0-9A-F]{8}$/) }]);
    expect(props.OKActions).toEqual(props.AlarmActions);
    expect(alarms.usEast1CriticalTopic).not.toBe(alarms.usEast1WarningTopic);
    expect(Stack.of(alarms.usEast1CriticalTopic!).region).toBe('us-east-1');
  });

  test('alarm names start with the alarm stack\'s name, or the alarmNamePrefix given', () => {
    const named = (props: { alarmNamePrefix?: string }) => {
      const { stack, alarms } = build(props, TOKYO);
      alarms.monitorDistribution(imported(stack).distribution, { label: 'Cdn' });
      return alarm(Template.fromStack(alarms.usEast1Stack!), 'Cdn-Distribution5xxErrorRate').AlarmName;
    };
    expect(named({})).toBe('Stack-ap-northeast-1-UsEast1Alarms-Cdn-Distribution5xxErrorRate');
    expect(named({ alarmNamePrefix: 'shop-prod' })).toBe('shop-prod-Cdn-Distribution5xxErrorRate');
  });

  test('no us-east-1 stack until a CloudFront resource is monitored', () => {
    const { app, alarms } = build(undefined, TOKYO);
    expect(alarms.usEast1Stack).toBeUndefined();
    expect(app.synth().stacks).toHaveLength(1);
  });

  test('AlarmTopics.fromTopics needs usEast1Topics in us-east-1, whose ARNs the alarms notify', () => {
    const given = (stack: Stack, arn: string) => AlarmTopics.fromTopics(sns.Topic.fromTopicArn(stack, 'UsEast1Topic', arn));
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: TOKYO });
    const alarms = new AlarmSet(stack, 'Alarms', {
      topics: AlarmTopics.fromTopics(sns.Topic.fromTopicArn(stack, 'Topic', TOKYO_TOPIC)),
      usEast1Topics: given(stack, VIRGINIA_TOPIC),
    });
    alarms.monitorDistribution(imported(stack).distribution, { label: 'Cdn' });
    const edge = Template.fromStack(alarms.usEast1Stack!);
    edge.resourceCountIs('AWS::SNS::Topic', 0);
    expect(alarm(edge, 'Cdn-Distribution5xxErrorRate').AlarmActions).toEqual([VIRGINIA_TOPIC]);

    const missing = build({ topics: AlarmTopics.fromTopics(sns.Topic.fromTopicArn(new Stack(), 'T', TOKYO_TOPIC)) }, TOKYO);
    expect(() => missing.alarms.monitorDistribution(imported(missing.stack).distribution)).toThrow(
      "AlarmSet 'Stack/Alarms': usEast1Topics (us_east1_topics) must be given with AlarmTopics.fromTopics() in ap-northeast-1: the alarms on CloudFront live in us-east-1 and can notify us-east-1 topics only; got undefined",
    );
    const app2 = new App();
    const stack2 = new Stack(app2, 'Stack', { env: TOKYO });
    const wrong = new AlarmSet(stack2, 'Alarms', { usEast1Topics: given(stack2, TOKYO_TOPIC) });
    expect(() => wrong.monitorDistribution(imported(stack2).distribution)).toThrow(
      `AlarmSet 'Stack/Alarms': usEast1Topics (us_east1_topics) must name topics in us-east-1 (an alarm notifies topics of its own region); this one is in ap-northeast-1; got '${TOKYO_TOPIC}'`,
    );
  });

  test('refuses usEast1Topics in a us-east-1 stack, where the CloudFront alarms notify `topics`', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: VIRGINIA });
    expect(() => new AlarmSet(stack, 'Alarms', { usEast1Topics: AlarmTopics.shared() })).toThrow(
      "AlarmSet 'Stack/Alarms': usEast1Topics (us_east1_topics) and a us-east-1 stack cannot be combined: the alarms on CloudFront notify `topics` there",
    );
  });

  test('a label is unique across the set and its us-east-1 alarms', () => {
    const { stack, alarms } = build(undefined, TOKYO);
    const { distribution, service } = imported(stack);
    alarms.monitorDistribution(distribution, { label: 'Edge' });
    expect(() => alarms.monitorFargateService(service, { label: 'Edge' })).toThrow(/options.label must be unique within the AlarmSet/);
  });

  test('a Tokyo site with its us-east-1 certificate companion and the alarm stack synthesizes without a cycle, cdk-nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Web', { env: TOKYO, crossRegionReferences: true });
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
    const site = new StaticSiteWithApiOrigin(stack, 'Site', { domainNames: ['www.example.com'], hostedZone });
    const alarms = new AlarmSet(stack, 'Alarms', { emailAddresses: ['oncall@example.com'], staticSites: [site] });
    const names = app.synth().stacks.map((s) => s.stackName).sort();
    expect(names).toEqual(['Web', 'Web-ap-northeast-1-UsEast1', 'Web-ap-northeast-1-UsEast1Alarms']);
    // companion (certificate) -> site stack -> alarm stack: each depends only on the one before.
    const companion = app.node.findAll().find((c): c is Stack => c instanceof Stack && c.stackName === 'Web-ap-northeast-1-UsEast1')!;
    expect(stack.dependencies).toEqual([companion]);
    expect(alarms.usEast1Stack!.dependencies).toEqual([stack]);
    expectNagClean(stack);
  });
});
