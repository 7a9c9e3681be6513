// The test files of the 'static-site' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('static-site');
