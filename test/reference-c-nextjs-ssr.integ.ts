import { buildReferenceC } from './examples/reference-c-nextjs-ssr';
import { integApp } from './integ-app';

const app = integApp();
buildReferenceC(app);
app.synth();
