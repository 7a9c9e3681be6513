import { propName, refuse } from './private/validation';

/**
 * The kind of environment a profile describes.
 */
export enum Stage {
  /** Development: the cheapest setup that is still the same architecture. */
  DEV = 'dev',
  /** Staging: production-like, with smaller capacity. */
  STAGING = 'staging',
  /** Production: nothing stateful is ever lost, Multi-AZ everything. */
  PROD = 'prod',
}

/**
 * An environment profile (dev, staging or prod) that every construct of this library accepts.
 *
 * A profile only changes defaults: an explicit prop always wins over the profile.
 * What each profile sets in each construct is listed in the README.
 *
 * @example
 * import { App, Stack } from 'aws-cdk-lib';
 * import { EnvironmentProfile, SecureVpc } from 'cdk-webapp-patterns';
 *
 * const app = new App();
 * // cdk synth -c stage=prod (or "stage" in cdk.json); profile.name is 'prod' in every language
 * const profile = EnvironmentProfile.fromName(app.node.getContext('stage'));
 * const stack = new Stack(app, `Blog-${profile.name}`, { env: { account: '111111111111', region: 'ap-northeast-1' } });
 * new SecureVpc(stack, 'Network', { profile });
 */
export class EnvironmentProfile {
  /** The development profile: cheapest, short retention, no NAT gateways. */
  public static dev(): EnvironmentProfile {
    return new EnvironmentProfile(Stage.DEV);
  }

  /** The staging profile: one NAT gateway, moderate retention and capacity. */
  public static staging(): EnvironmentProfile {
    return new EnvironmentProfile(Stage.STAGING);
  }

  /** The production profile: retain every stateful resource, NAT per AZ, 30-day backups. */
  public static prod(): EnvironmentProfile {
    return new EnvironmentProfile(Stage.PROD);
  }

  /**
   * The profile for a stage name: `dev`, `staging` or `prod`.
   *
   * Useful when the stage comes from CDK context (`cdk synth -c stage=prod`).
   * The name is matched case-insensitively, so the spelling other languages see
   * for a `Stage` member (in Python `Stage.PROD.value` is `'PROD'`) is accepted too,
   * and `EnvironmentProfile.fromName(profile.name)` gives `profile` back.
   */
  public static fromName(name: string): EnvironmentProfile {
    const stage = Object.values(Stage).find((s) => s === name.toLowerCase());
    if (!stage) {
      refuse(`${propName('EnvironmentProfile.fromName')}: name must be one of ${Object.values(Stage).join(', ')} (case-insensitive); got '${name}'`);
    }
    return new EnvironmentProfile(stage);
  }

  /**
   * The stage name of this profile: `dev`, `staging` or `prod`.
   *
   * A plain lowercase string in every language, fit for stack names
   * (`CdnBlog-${profile.name}`); `EnvironmentProfile.fromName` accepts it back.
   * Prefer it to `stage` in names: outside TypeScript an enum prints as its member
   * name (`Stage.PROD`, value `'PROD'`).
   */
  public readonly name: string;

  private constructor(
    /** The stage this profile describes. */
    public readonly stage: Stage,
  ) {
    this.name = stage;
  }

  /** Whether this is the production profile. */
  public get isProduction(): boolean {
    return this.stage === Stage.PROD;
  }
}
