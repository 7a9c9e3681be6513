// Shared setup of every integ example: an App checked by cdk-nag AwsSolutions at synth time, so a
// finding fails `cdk synth` and with it the snapshot tasks.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/** A new App with the cdk-nag AwsSolutions pack registered. */
export function integApp(): App {
  // No creation stack traces in the metadata: they hold absolute paths, so snapshots would differ by clone.
  // No performance-counters.json either: aws-cdk-lib writes it only when a synth is slow, which would
  // make the snapshot depend on the machine's load.
  const app = new App({
    stackTraces: false,
    performanceReporting: false,
    postCliContext: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}
