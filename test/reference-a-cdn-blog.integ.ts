import { buildReferenceA } from './examples/reference-a-cdn-blog';
import { integApp } from './integ-app';

const app = integApp();
buildReferenceA(app);
app.synth();
