import { buildReferenceD } from './examples/reference-d-express-api';
import { integApp } from './integ-app';

const app = integApp();
buildReferenceD(app);
app.synth();
