import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildReferenceA } from './examples/reference-a-cdn-blog';
import { buildReferenceB } from './examples/reference-b-rust-api';
import { buildReferenceC } from './examples/reference-c-nextjs-ssr';
import { buildReferenceD } from './examples/reference-d-express-api';
import { buildReferenceE } from './examples/reference-e-pdf-service';
import { DeployReadiness, EnvironmentProfile } from '../src';
const builders: any = { A: buildReferenceA, C: buildReferenceC };
for (const [name, build] of Object.entries<any>(builders)) {
  for (const profile of [EnvironmentProfile.dev()]) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr16-'));
    const app = new App({ outdir });
    build(app, profile);
    const dir = app.synth().directory;
    const report = DeployReadiness.check(dir);
    console.log(`== ${name} ${profile.stage}`); console.log(DeployReadiness.format(report));
  }
}
