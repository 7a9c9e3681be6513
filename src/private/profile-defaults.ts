import { EnvironmentProfile, Stage } from '../profile';

/** Per-stage overrides of a construct's own default; a stage left out keeps the base default. */
export interface StageDefaults<T> {
  readonly dev?: T;
  readonly staging?: T;
  readonly prod?: T;
}

/**
 * The default for a setting: the profile's value for its stage when one is given, otherwise the
 * construct's own default. Explicit props are applied by the caller (`props.x ?? profileDefault(...)`).
 */
export function profileDefault<T>(profile: EnvironmentProfile | undefined, base: T, perStage: StageDefaults<T>): T {
  if (!profile) return base;
  const value = {
    [Stage.DEV]: perStage.dev,
    [Stage.STAGING]: perStage.staging,
    [Stage.PROD]: perStage.prod,
  }[profile.stage];
  return value === undefined ? base : value;
}
