// The test files of the 'alarm-set' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('alarm-set');
