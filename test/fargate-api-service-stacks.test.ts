// Services beyond one stack: an attached service may live in another stack than the load balancer
// it joins, and a stack near CloudFormation's 500 resources gets the library's own warning.
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { IMAGE } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { FargateApiService, SecureVpc } from '../src';

const WARNING = /near CloudFormation's limit of 500 per stack.*attach to this load balancer in another stack/;

/** GIVEN a front stack with a VPC and a first service, and `more` services attached from `target` stacks. */
function buildSpread(services: number, perStack: number) {
  const app = new App();
  const front = new Stack(app, 'Front');
  const network = new SecureVpc(front, 'Network');
  const first = new FargateApiService(front, 'Service0', { vpc: network.vpc, image: IMAGE });
  const stacks: Stack[] = [front];
  for (let i = 1; i < services; i++) {
    const index = Math.floor(i / perStack);
    const stack = stacks[index] ?? new Stack(app, `Services${index}`);
    stacks[index] = stack;
    new FargateApiService(stack, `Service${i}`, { vpc: network.vpc, image: IMAGE, attachTo: first, pathPatterns: [`/svc${i}/*`], priority: i });
  }
  return { app, front, first, stacks };
}

describe('an attached service in another stack than its load balancer', () => {
  const { front, stacks } = buildSpread(3, 2);
  const other = stacks[1];
  const template = Template.fromStack(other);

  test('the other stack holds the service, its target group and its listener rule, and depends on the front stack', () => {
    template.resourceCountIs('AWS::ECS::Service', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { 'Fn::ImportValue': Match.stringLikeRegexp('^Front:ExportsOutputRefService0') },
      Conditions: Match.arrayWith([Match.objectLike({ Field: 'path-pattern', PathPatternConfig: { Values: ['/svc2/*'] } })]),
    });
    expect(other.dependencies).toContain(front);
    expect(front.dependencies).not.toContain(other);
  });

  test('the service runs on the front stack cluster, reached through an import', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      Cluster: { 'Fn::ImportValue': Match.stringLikeRegexp('^Front:ExportsOutputRefService0Cluster') },
    });
  });

  test('the task port is opened from the load balancer security group only, both rules in the other stack (no cycle)', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::ImportValue': Match.stringLikeRegexp('^Front:ExportsOutputFnGetAttService0LoadBalancerSecurityGroup') },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      FromPort: 8080,
      ToPort: 8080,
      GroupId: { 'Fn::ImportValue': Match.stringLikeRegexp('^Front:ExportsOutputFnGetAttService0LoadBalancerSecurityGroup') },
    });
    // The front stack exports what the other imports and imports nothing from it.
    expect(JSON.stringify(Template.fromStack(front).toJSON())).not.toContain('Fn::ImportValue');
  });

  test('both stacks are cdk-nag clean', () => {
    expectNagClean(front);
  });
});

describe('a stack near the 500-resource limit', () => {
  // 50 services on one ALB, 32 in the front stack (the most that fit) and 18 in a second one.
  const { app, stacks } = buildSpread(50, 32);
  const assembly = app.synth();
  const resources = (stack: Stack) => Object.keys((assembly.getStackByName(stack.stackName).template as any).Resources).length;
  const warnings = (stack: Stack) => assembly.getStackByName(stack.stackName).messages.filter((m) => m.level === 'warning').map((m) => `${m.id}: ${m.entry.data}`);

  test('50 services spread over two stacks synthesize with every stack under 500 resources', () => {
    expect(stacks.map(resources)).toEqual([495, 252]);
    const services = assembly.stacks.reduce((n, s) => n + Object.values((s.template as any).Resources).filter((r: any) => r.Type === 'AWS::ECS::Service').length, 0);
    expect(services).toBe(50);
  });

  test('the front stack (32 services and its regional WAF, 495 resources) gets the warning naming the remedy', () => {
    expect(warnings(stacks[0])).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^/Front: .*${WARNING.source}`))]));
  });

  test('the second stack, well under the limit, gets no such warning', () => {
    expect(warnings(stacks[1]).filter((w) => w.includes('limit of 500'))).toEqual([]);
  });

  test('the limit follows the @aws-cdk/core:stackResourceLimit context', () => {
    const small = new App({ context: { '@aws-cdk/core:stackResourceLimit': 80 } });
    const stack = new Stack(small, 'Small');
    const network = new SecureVpc(stack, 'Network');
    const first = new FargateApiService(stack, 'Service0', { vpc: network.vpc, image: IMAGE });
    for (let i = 1; i < 2; i++) {
      new FargateApiService(stack, `Service${i}`, { vpc: network.vpc, image: IMAGE, attachTo: first, pathPatterns: [`/s${i}/*`], priority: i });
    }
    // 2 services: 75 resources, at least 90 % of 80.
    Annotations.fromStack(stack).hasWarning('/Small', Match.stringLikeRegexp('limit of 80 per stack'));
  });
});
