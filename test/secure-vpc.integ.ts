import { buildSecureVpcExample } from './examples/secure-vpc-example';
import { integApp } from './integ-app';

const app = integApp();
buildSecureVpcExample(app);
app.synth();
