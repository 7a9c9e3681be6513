// Test files no family claims yet (see groups.ts), and the check that every suite is run.
import * as fs from 'fs';
import { allTestFiles, loadSuite, SUITES, suiteOf } from './groups';

loadSuite('other');

describe('jest suites', () => {
  test('every suite of the table has its file here, and every file here is a suite of the table', () => {
    const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.suite.ts')).map((f) => f.replace(/\.suite\.ts$/, '')).sort();
    expect(files).toEqual([...Object.keys(SUITES), 'other'].sort());
  });

  test('every family pattern claims at least one test file (a stale pattern is a typo)', () => {
    const all = allTestFiles();
    const empty = Object.keys(SUITES).filter((name) => !all.some((f) => suiteOf(f) === name));
    expect(empty).toEqual([]);
  });
});
