// The test files of the 'tools' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('tools');
