import { buildReferenceE } from './examples/reference-e-pdf-service';
import { integApp } from './integ-app';

const app = integApp();
buildReferenceE(app);
app.synth();
