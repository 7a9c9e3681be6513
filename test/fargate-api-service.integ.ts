import { buildFargateApiServiceExample } from './examples/fargate-api-service-example';
import { integApp } from './integ-app';

const app = integApp();
buildFargateApiServiceExample(app);
app.synth();
