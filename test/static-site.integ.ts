import { buildStaticSiteExample } from './examples/static-site-example';
import { integApp } from './integ-app';

const app = integApp();
buildStaticSiteExample(app);
app.synth();
