// The test files of the 'fargate-api-service' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('fargate-api-service');
