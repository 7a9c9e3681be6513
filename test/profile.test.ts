// EnvironmentProfile.name is a plain string in every language and round-trips through fromName;
// fromName also takes the spelling other languages see for a Stage member (Python: Stage.PROD.value == 'PROD').
import { EnvironmentProfile, Stage } from '../src';

const PROFILES: Array<[string, EnvironmentProfile, Stage]> = [
  ['dev', EnvironmentProfile.dev(), Stage.DEV],
  ['staging', EnvironmentProfile.staging(), Stage.STAGING],
  ['prod', EnvironmentProfile.prod(), Stage.PROD],
];

describe('EnvironmentProfile.name', () => {
  test.each(PROFILES)('%s: name is the lowercase stage name and fromName(name) gives the same profile back', (expected, profile, stage) => {
    expect(profile.name).toBe(expected);
    const back = EnvironmentProfile.fromName(profile.name);
    expect([back.name, back.stage, back.isProduction]).toEqual([expected, stage, stage === Stage.PROD]);
  });

  test('only the prod profile is production', () => {
    expect(PROFILES.filter(([, profile]) => profile.isProduction).map(([name]) => name)).toEqual(['prod']);
  });
});

describe('EnvironmentProfile.fromName', () => {
  test.each([
    ['DEV', Stage.DEV],
    ['STAGING', Stage.STAGING],
    ['PROD', Stage.PROD],
    ['Prod', Stage.PROD],
    ['sTaGiNg', Stage.STAGING],
  ])('accepts the enum member spelling %s', (name, stage) => {
    const profile = EnvironmentProfile.fromName(name);
    expect([profile.stage, profile.name]).toEqual([stage, stage]);
  });

  test.each(['qa', 'production', '', ' prod', 'Stage.PROD'])('refuses %j, naming the value and what is allowed', (name) => {
    expect(() => EnvironmentProfile.fromName(name)).toThrow(`EnvironmentProfile.fromName (EnvironmentProfile.from_name): name must be one of dev, staging, prod (case-insensitive); got '${name}'`);
  });
});
