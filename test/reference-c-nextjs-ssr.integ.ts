import { buildReferenceCEnvironments } from './examples/reference-c-nextjs-ssr';
import { integApp } from './integ-app';

const app = integApp();
buildReferenceCEnvironments(app);
app.synth();
