import { buildReferenceB } from './examples/reference-b-rust-api';
import { integApp } from './integ-app';
import { EnvironmentProfile } from '../src';

const app = integApp();
buildReferenceB(app);
// The dev flavour too: it stops at night (scheduled scaling, schedule-aware running-tasks alarm).
buildReferenceB(app, EnvironmentProfile.dev());
app.synth();
