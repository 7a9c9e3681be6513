// The test files of the 'fargate-api-service-features' family in one jest module registry (see groups.ts).
import { loadSuite } from './groups';

loadSuite('fargate-api-service-features');
