// Shared setup of every integ example: an App checked by cdk-nag AwsSolutions at synth time, so a
// finding fails `cdk synth` and with it the snapshot tasks.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/** A new App with the cdk-nag AwsSolutions pack registered. */
export function integApp(): App {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}
