import { buildAlarmSetExample } from './examples/alarm-set-example';
import { integApp } from './integ-app';

const app = integApp();
buildAlarmSetExample(app);
app.synth();
