import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildEc2 } from './ec2-api-service-fixture';
import { build, IMAGE, zone } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { CloudFrontAccess, DeploymentStrategy, Ec2NetworkMode, EnvironmentProfile, FargateApiService, SecureVpc } from '../src';

function serviceProps(template: Template): any {
  const services = Object.values(template.findResources('AWS::ECS::Service')) as any[];
  expect(services).toHaveLength(1);
  return services[0].Properties;
}

function listeners(template: Template): any[] {
  return Object.values(template.findResources('AWS::ElasticLoadBalancingV2::Listener')).map((r: any) => r.Properties);
}

function rules(template: Template): Array<[string, any]> {
  return Object.entries(template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule')).map(([id, r]: [string, any]) => [id, r.Properties]);
}

function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** The weighted forward of blue/green: blue at 100, green at 0. */
function weightedForward(blue: string, green: string): any {
  return [{
    Type: 'forward',
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: { Ref: blue }, Weight: 100 },
        { TargetGroupArn: { Ref: green }, Weight: 0 },
      ],
    },
  }];
}

describe('API service deployment: rolling (the default)', () => {
  test('circuit breaker with rollback, no strategy, one target group, no test listener', () => {
    const { template } = build();
    const config = serviceProps(template).DeploymentConfiguration;
    expect(config.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    expect(config.Strategy).toBeUndefined();
    expect(config.Alarms).toEqual({ AlarmNames: [], Enable: false, Rollback: false });
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    expect(listeners(template).map((l) => l.Port)).toEqual([80]);
  });

  test('rollbackAlarms become deployment alarms that roll back', () => {
    const { template } = build({ deployment: DeploymentStrategy.rolling({ rollbackAlarms: [cloudwatch.Alarm.fromAlarmName(new Stack(), 'A', 'api-errors')] }) });
    const config = serviceProps(template).DeploymentConfiguration;
    expect(config.Alarms).toEqual({ AlarmNames: ['api-errors'], Enable: true, Rollback: true });
    expect(config.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
  });
});

describe('API service deployment: blue/green on its own load balancer', () => {
  const built = build({ deployment: DeploymentStrategy.blueGreen() });
  const { template } = built;
  const blue = logicalId(template, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'ApiTargetGroup');
  const green = logicalId(template, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'ApiAlternateTargetGroup');

  test('BLUE_GREEN with a 5-minute bake time and no circuit breaker (rolling updates only)', () => {
    const config = serviceProps(template).DeploymentConfiguration;
    expect(config.Strategy).toBe('BLUE_GREEN');
    expect(config.BakeTimeInMinutes).toBe(5);
    expect(config.DeploymentCircuitBreaker).toBeUndefined();
  });

  test('the green target group has the settings of the blue one', () => {
    const groups = template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup') as any;
    expect(groups[green].Properties).toEqual(groups[blue].Properties);
  });

  test('production traffic goes through a rule for /* forwarding to blue 100 / green 0; the default action answers 404', () => {
    const production = listeners(template).find((l) => l.Port === 80);
    expect(production.DefaultActions).toEqual([
      { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not Found' } },
    ]);
    const [, rule] = rules(template).find(([id]) => id.startsWith('ApiProductionRule'))!;
    expect(rule.Priority).toBe(50000);
    expect(rule.Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }]);
    expect(rule.Actions).toEqual(weightedForward(blue, green));
  });

  test('a test listener on 8080 with the same rule, open to the VPC CIDR only', () => {
    const test = listeners(template).find((l) => l.Port === 8080);
    expect(test.Protocol).toBe('HTTP');
    const testListenerId = logicalId(template, 'AWS::ElasticLoadBalancingV2::Listener', 'ApiLoadBalancerTestListener');
    const [, rule] = rules(template).find(([id]) => id.startsWith('ApiTestListenerRule'))!;
    expect(rule.ListenerArn).toEqual({ Ref: testListenerId });
    expect(rule.Actions).toEqual(weightedForward(blue, green));
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([Match.objectLike({
        FromPort: 8080, ToPort: 8080, CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'CidrBlock'] },
      })]),
    });
  });

  test('the service names the green group, both rules and a role ECS assumes to reweigh them', () => {
    const [lb] = serviceProps(template).LoadBalancers;
    expect(lb.TargetGroupArn).toEqual({ Ref: blue });
    expect(lb.AdvancedConfiguration).toEqual({
      AlternateTargetGroupArn: { Ref: green },
      ProductionListenerRule: { Ref: expect.stringMatching(/^ApiProductionRule/) },
      TestListenerRule: { Ref: expect.stringMatching(/^ApiTestListenerRule/) },
      RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^ApiServiceAlternateTargetRole/), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ecs.amazonaws.com' } })] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers']] }],
    });
  });

  test('an alarm on target 5xx of both groups rolls the deployment back', () => {
    const config = serviceProps(template).DeploymentConfiguration;
    expect(config.Alarms).toEqual({ AlarmNames: [expect.stringMatching(/^rollback-Stack-[0-9a-f]{8}$/)], Enable: true, Rollback: true });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: config.Alarms.AlarmNames[0],
      Threshold: 10,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(tg0, 0) + FILL(tg1, 0)' })]),
    });
    expect(built.api.rollbackAlarm).toBeDefined();
    expect(built.api.alternateTargetGroup).toBeDefined();
    expect(built.api.testListener).toBeDefined();
  });

  test('cdk-nag clean', () => {
    expectNagClean(built.stack);
  });
});

describe('API service deployment: blue/green options', () => {
  test('prod bakes 10 minutes; bakeTime, rollbackOnTarget5xx and lifecycle hooks are honoured', () => {
    expect(serviceProps(build({ profile: EnvironmentProfile.prod(), deployment: DeploymentStrategy.blueGreen() }).template)
      .DeploymentConfiguration.BakeTimeInMinutes).toBe(10);
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const hook = new lambda.Function(stack, 'Hook', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ hookStatus: "SUCCEEDED" })'),
    });
    const api = new FargateApiService(stack, 'Api', {
      vpc: network.vpc,
      image: IMAGE,
      deployment: DeploymentStrategy.blueGreen({
        bakeTime: Duration.minutes(30),
        rollbackOnTarget5xx: 0,
        lifecycleHooks: [new ecs.DeploymentLifecycleLambdaTarget(hook, 'PostTestHook', { lifecycleStages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT] })],
      }),
    });
    const config = serviceProps(Template.fromStack(stack)).DeploymentConfiguration;
    expect(config.BakeTimeInMinutes).toBe(30);
    expect(config.Alarms).toEqual({ AlarmNames: [], Enable: false, Rollback: false });
    expect(api.rollbackAlarm).toBeUndefined();
    expect(config.LifecycleHooks).toEqual([expect.objectContaining({ LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] })]);
  });

  test('with HTTPS the test listener is HTTPS on 8443 with the certificate', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    new FargateApiService(stack, 'Api', {
      vpc: network.vpc, image: IMAGE, domainName: 'api.example.com', hostedZone: zone(stack), deployment: DeploymentStrategy.blueGreen(),
    });
    const test = listeners(Template.fromStack(stack)).find((l) => l.Port === 8443);
    expect(test.Protocol).toBe('HTTPS');
    expect(test.Certificates).toEqual([{ CertificateArn: { Ref: expect.stringMatching(/^ApiCertificate/) } }]);
  });

  test('testTrafficPeer replaces the VPC CIDR on the test port (an internet-facing ALB sees callers in the VPC from their NAT address)', () => {
    const { template } = build({ deployment: DeploymentStrategy.blueGreen(), testTrafficPeer: ec2.Peer.ipv4('203.0.113.10/32') });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap((g: any) => g.Properties.SecurityGroupIngress ?? [])
      .filter((rule: any) => rule.FromPort === 8080);
    expect(ingress).toEqual([expect.objectContaining({ CidrIp: '203.0.113.10/32', ToPort: 8080 })]);
  });

  test('an internet-facing load balancer\'s test listener without testTrafficPeer warns that callers in the VPC arrive through NAT; an internal one does not', () => {
    const warned = (props: Parameters<typeof build>[0]) => Annotations.fromStack(build(props).stack)
      .findWarning('*', Match.stringLikeRegexp('cdk-webapp-patterns:testListenerUnreachable|give testTrafficPeer')).length > 0;
    expect(warned({ deployment: DeploymentStrategy.blueGreen(), internetFacing: true })).toBe(true);
    expect(warned({ deployment: DeploymentStrategy.blueGreen(), internetFacing: true, testTrafficPeer: ec2.Peer.ipv4('203.0.113.10/32') })).toBe(false);
    expect(warned({ deployment: DeploymentStrategy.blueGreen(), cloudFrontAccess: CloudFrontAccess.vpcOrigin() })).toBe(false);
  });

  test('with CloudFront prefix list + secret header, the header rule is the production rule', () => {
    const { template } = build({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(), deployment: DeploymentStrategy.blueGreen() });
    const [lb] = serviceProps(template).LoadBalancers;
    expect(lb.AdvancedConfiguration.ProductionListenerRule).toEqual({ Ref: expect.stringMatching(/^ApiOriginHeaderRule/) });
    expect(rules(template).filter(([id]) => id.startsWith('ApiProductionRule'))).toHaveLength(0);
  });

  test('Ec2ApiService in bridge mode gets it from the shared base: instance target groups, BLUE_GREEN', () => {
    const { template } = buildEc2({
      networkMode: Ec2NetworkMode.BRIDGE,
      deployment: DeploymentStrategy.blueGreen({ bakeTime: Duration.minutes(15) }),
    });
    const config = serviceProps(template).DeploymentConfiguration;
    expect(config).toMatchObject({ Strategy: 'BLUE_GREEN', BakeTimeInMinutes: 15 });
    const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).map((g: any) => g.Properties.TargetType);
    expect(groups).toEqual(['instance', 'instance']);
    expect(serviceProps(template).LoadBalancers[0].AdvancedConfiguration).toBeDefined();
  });

  test('switching rolling -> blue/green keeps the logical ids of the log group, target group, load balancer and service', () => {
    const ids = (t: Template) => ['AWS::Logs::LogGroup', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ECS::Service']
      .map((type) => Object.keys(t.findResources(type)).filter((id) => id.startsWith('Api') && !id.includes('Alternate')));
    expect(ids(build({ deployment: DeploymentStrategy.blueGreen() }).template)).toEqual(ids(build().template));
  });
});

describe('API service deployment: blue/green behind a shared listener', () => {
  type Options = Partial<ConstructorParameters<typeof FargateApiService>[2]>;
  function buildPair(owner: Options, attached: Options) {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const front = new FargateApiService(stack, 'Front', { vpc: network.vpc, image: IMAGE, ...owner });
    const back = new FargateApiService(stack, 'Back', { vpc: network.vpc, image: IMAGE, attachTo: front, pathPatterns: ['/api/*'], priority: 10, ...attached });
    return { stack, front, back, template: () => Template.fromStack(stack) };
  }

  test("the attached service's own rule and its test rule on the owner's test listener forward to its blue and green groups", () => {
    const pair = buildPair({ deployment: DeploymentStrategy.blueGreen() }, { deployment: DeploymentStrategy.blueGreen() });
    const template = pair.template();
    const blue = logicalId(template, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'BackTargetGroup');
    const green = logicalId(template, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'BackAlternateTargetGroup');
    const [ruleId, rule] = rules(template).find(([id]) => id.startsWith('BackListenerRule'))!;
    expect(rule).toMatchObject({ Priority: 10, Actions: weightedForward(blue, green) });
    const [testRuleId, testRule] = rules(template).find(([id]) => id.startsWith('BackTestListenerRule'))!;
    expect(testRule).toMatchObject({
      Priority: 10,
      ListenerArn: { Ref: logicalId(template, 'AWS::ElasticLoadBalancingV2::Listener', 'FrontLoadBalancerTestListener') },
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: weightedForward(blue, green),
    });
    const back = Object.values(template.findResources('AWS::ECS::Service')).map((s: any) => s.Properties)
      .find((p: any) => p.LoadBalancers[0].TargetGroupArn.Ref === blue);
    expect(back.LoadBalancers[0].AdvancedConfiguration).toMatchObject({
      AlternateTargetGroupArn: { Ref: green }, ProductionListenerRule: { Ref: ruleId }, TestListenerRule: { Ref: testRuleId },
    });
    expect(pair.back.testListener).toBe(pair.front.testListener);
    expectNagClean(pair.stack);
  });

  test('a rolling owner with testListenerPort carries the test listener for a blue/green attached service', () => {
    const pair = buildPair({ testListenerPort: 9000 }, { deployment: DeploymentStrategy.blueGreen() });
    const template = pair.template();
    expect(listeners(template).map((l) => [l.Port, l.DefaultActions[0].Type]).sort()).toEqual([[80, 'forward'], [9000, 'fixed-response']]);
    expect(rules(template).map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['BackListenerRule', 'BackTestListenerRule']);
  });

  test('refuses a blue/green attached service when the shared load balancer has no test listener', () => {
    expect(() => buildPair({}, { deployment: DeploymentStrategy.blueGreen() })).toThrow(
      "FargateApiService 'Stack/Back': deployment (blue/green) and attachTo (attach_to) conflict: the load balancer of Stack/Front has no test listener for this service's test rule; give that service testListenerPort (or a blue/green deployment of its own)",
    );
  });

  test('refuses testListenerPort on the attached service: the load balancer is the owner\'s', () => {
    expect(() => buildPair({ deployment: DeploymentStrategy.blueGreen() }, { testListenerPort: 9000 })).toThrow(
      "FargateApiService 'Stack/Back': attachTo (attach_to) and testListenerPort (test_listener_port) cannot be combined: the load balancer belongs to the service attached to (Stack/Front)",
    );
  });
});

describe('API service deployment: refusals', () => {
  test.each([
    [{ deployment: DeploymentStrategy.blueGreen({ bakeTime: Duration.minutes(1441) }) }, "deployment.bakeTime (deployment.bake_time) must be a whole number of minutes, between 0 and 1440 (24 hours); got '1 day 1 minute'"],
    [{ deployment: DeploymentStrategy.blueGreen({ bakeTime: Duration.seconds(90) }) }, "deployment.bakeTime (deployment.bake_time) must be a whole number of minutes, between 0 and 1440 (24 hours); got '1 minute 30 seconds'"],
    [{ deployment: DeploymentStrategy.blueGreen({ rollbackOnTarget5xx: -1 }) }, 'deployment.rollbackOnTarget5xx (deployment.rollback_on_target5xx) must be a whole number between 0 and 1000000; got -1'],
    [{ deployment: DeploymentStrategy.rolling({ bakeTime: Duration.minutes(5) } as any) }, "deployment.bakeTime (deployment.bake_time) applies to DeploymentStrategy.blueGreen() only; got 'Duration.minutes(5)'"],
    [{ deployment: DeploymentStrategy.blueGreen(), testListenerPort: 80 }, "testListenerPort (test_listener_port) must differ from the load balancer's production listener ports (80); got 80"],
    [{ deployment: DeploymentStrategy.blueGreen(), testListenerPort: 70000 }, 'testListenerPort (test_listener_port) must be a whole number between 1 and 65535; got 70000'],
    [{ deployment: DeploymentStrategy.blueGreen(), scaling: { requestsPerTarget: 100 } }, 'scaling.requestsPerTarget (scaling.requests_per_target) and deployment (blue/green) cannot be combined: '
      + 'ALB counts requests per target on one target group, and production traffic moves to the other group at every blue/green deployment (scale on CPU or memory)'],
    [{ testTrafficPeer: ec2.Peer.ipv4('203.0.113.10/32') }, "testTrafficPeer (test_traffic_peer) needs a test listener: a blue/green deployment or testListenerPort; got '203.0.113.10/32'"],
  ])('refuses %#', (props, message) => {
    expect(() => build(props)).toThrow(`FargateApiService 'Stack/Api': ${message}`);
  });

  test('refuses a test listener port that an HTTPS load balancer redirects from', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    expect(() => new FargateApiService(stack, 'Api', {
      vpc: network.vpc, image: IMAGE, domainName: 'api.example.com', hostedZone: zone(stack), deployment: DeploymentStrategy.blueGreen(), testListenerPort: 80,
    })).toThrow("FargateApiService 'Stack/Api': testListenerPort (test_listener_port) must differ from the load balancer's production listener ports (443, 80); got 80");
  });
});
