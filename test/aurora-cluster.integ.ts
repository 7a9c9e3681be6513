import { buildAuroraClusterExample } from './examples/aurora-cluster-example';
import { integApp } from './integ-app';

const app = integApp();
buildAuroraClusterExample(app);
app.synth();
