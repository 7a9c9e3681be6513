// The one place refusals are formatted (src/private/validation.ts): both spellings of a prop, and a
// message that reads the same from Python, where the jsii kernel re-wraps errors of methods.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { CostEstimate, DeployReadiness, EnvironmentProfile, SecureVpc } from '../src';
import { propName, RefusalError } from '../src/private/validation';

// The snake_case jsii-pacmak writes for Python, to check propName against (codemaker comes with jsii-pacmak).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codemaker: { toSnakeCase(name: string): string } = require(require.resolve('codemaker', { paths: [path.dirname(require.resolve('jsii-pacmak'))] }));

/** Every TypeScript file of the library. */
const SOURCE_FILES: string[] = [];
(function walk(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (file.endsWith('.ts')) SOURCE_FILES.push(file);
  }
})(path.join(__dirname, '..', 'src'));

/** What the jsii kernel does to an error thrown from a method, property or static method: `new RuntimeError(error)`, whose message is `String(error)`. */
function asKernelWrapsIt(thrower: () => unknown): string {
  try {
    thrower();
  } catch (e) {
    return new Error(e as string).message;
  }
  throw new Error('nothing was thrown');
}

describe('propName', () => {
  test.each([
    ['subnetPlan.publicCidrs', 'subnetPlan.publicCidrs (subnet_plan.public_cidrs)'],
    ['azCount', 'azCount (az_count)'],
    ['alarmEmails[2]', 'alarmEmails[2] (alarm_emails[2])'],
    ['branches[].subdomain', 'branches[].subdomain'],
    ['alarmEmails/slack/alarmTopics/budget', 'alarmEmails/slack/alarmTopics/budget (alarm_emails/slack/alarm_topics/budget)'],
    ['deregistrationDelay (seconds)', 'deregistrationDelay (deregistration_delay) (seconds)'],
    ['redirectHttp true', 'redirectHttp (redirect_http) true'],
    ['memoryLimitMiB', 'memoryLimitMiB (memory_limit_mib)'],
    ['EnvironmentProfile.fromName', 'EnvironmentProfile.fromName (EnvironmentProfile.from_name)'],
    ['cidr', 'cidr'],
    ['waf.enabled false', 'waf.enabled false'],
  ])('%s -> %s', (prop, expected) => {
    expect(propName(prop)).toBe(expected);
  });

  test('spells every prop name of the library as jsii-pacmak does for Python', () => {
    // Every readonly prop and public member name in src/ (the names messages refer to).
    const names = new Set<string>();
    for (const file of SOURCE_FILES) {
      for (const m of fs.readFileSync(file, 'utf-8').matchAll(/^\s+(?:public )?readonly ([a-z][A-Za-z0-9]*)\??:/gm)) names.add(m[1]);
    }
    expect(names.size).toBeGreaterThan(200);
    const wrong = [...names].filter((n) => {
      const python = codemaker.toSnakeCase(n);
      return propName(n) !== (python === n ? n : `${n} (${python})`);
    });
    expect(wrong).toEqual([]);
  });
});

describe('refusals', () => {
  test('a construct prop is named in both spellings', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => new SecureVpc(stack, 'Network', { azCount: 4 })).toThrow("SecureVpc 'S/Network': azCount (az_count) must be 2 or 3; got 4");
  });

  test('two conflicting props are both named in both spellings', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    expect(() => new SecureVpc(stack, 'Network', { azCount: 2, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }))
      .toThrow(/azCount \(az_count\) and availabilityZones \(availability_zones\) /);
  });

  test('a refusal reads without the "Error: " prefix once the jsii kernel wraps it', () => {
    const plain = asKernelWrapsIt(() => {
      throw new Error('plain');
    });
    expect(plain).toBe('Error: plain'); // what the library's static methods used to give Python users
    expect(asKernelWrapsIt(() => EnvironmentProfile.fromName('qa')))
      .toBe("EnvironmentProfile.fromName (EnvironmentProfile.from_name): name must be one of dev, staging, prod (case-insensitive); got 'qa'");
    expect(asKernelWrapsIt(() => DeployReadiness.check('/nonexistent'))).toMatch(/^\/nonexistent is not a cloud assembly/);
    expect(asKernelWrapsIt(() => CostEstimate.fromAssembly('/nonexistent', { hoursPerMonth: 0 })))
      .toBe('CostEstimate: hoursPerMonth (hours_per_month) must be a positive number, got 0');
  });

  test('the error is still an Error, with its message and stack', () => {
    expect(() => EnvironmentProfile.fromName('qa')).toThrow(RefusalError);
    try {
      EnvironmentProfile.fromName('qa');
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).stack).toContain('EnvironmentProfile.fromName');
    }
  });

  test('no source file throws a plain Error: every refusal goes through src/private/validation.ts', () => {
    const offenders = SOURCE_FILES.filter((file) => /\bnew Error\(/.test(fs.readFileSync(file, 'utf-8')));
    expect(offenders).toEqual([]);
  });
});
