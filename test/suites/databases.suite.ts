// The test files of the 'databases' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('databases');
