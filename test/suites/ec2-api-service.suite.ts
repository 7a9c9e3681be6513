// The test files of the 'ec2-api-service' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('ec2-api-service');
