import { App, Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { stackUniqueName } from '../src/private/physical-name';

describe('stackUniqueName', () => {
  test('the stack name and a hash of the path', () => {
    const stack = new Stack(new App(), 'Api');
    const scope = new Construct(stack, 'Database');
    expect(stackUniqueName(scope, { maxLength: 50 })).toBe(`Api-${scope.node.addr.slice(0, 8)}`);
    expect(stackUniqueName(scope, { maxLength: 512, prefix: 'aws-waf-logs-' })).toBe(`aws-waf-logs-Api-${scope.node.addr.slice(0, 8)}`);
  });

  test('differs between two Stages of one app and between two stack names of one construct tree', () => {
    const app = new App();
    const names = ['Dev', 'Prod'].map((stage) => stackUniqueName(new Construct(new Stack(new Stage(app, stage), 'Api'), 'Database'), { maxLength: 50 }));
    const renamed = ['api-main', 'api-feature'].map((stackName) =>
      stackUniqueName(new Construct(new Stack(new App(), 'Api', { stackName }), 'Database'), { maxLength: 50 }));
    expect(new Set(names).size).toBe(2);
    expect(new Set(renamed).size).toBe(2);
  });

  test('a long stack name is shortened and hashed with the path, within maxLength', () => {
    const long = 'a'.repeat(100);
    const names = ['one', 'two'].map((suffix) => stackUniqueName(new Construct(new Stack(new App(), 'S', { stackName: `${long}${suffix}` }), 'Database'), { maxLength: 50 }));
    for (const name of names) expect(name.length).toBe(50);
    expect(names[0]).not.toBe(names[1]);
  });
});
