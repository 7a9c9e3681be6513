// The test files of the 'blueprint' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('blueprint');
