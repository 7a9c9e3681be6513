import { buildReferenceB } from './examples/reference-b-rust-api';
import { integApp } from './integ-app';

const app = integApp();
buildReferenceB(app);
app.synth();
