// The test files of the 'network' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('network');
