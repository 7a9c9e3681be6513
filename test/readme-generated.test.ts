import * as fs from 'fs';
import * as path from 'path';
import { generatedSections, withSections } from './readme/generated-sections';

describe('README generated sections', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

  test('are what the tools print today (run `npx projen readme` after a change)', () => {
    expect(withSections(readme, generatedSections())).toEqual(readme);
  });

  test('a missing marker is an error, not a silent skip', () => {
    expect(() => withSections('no markers', { x: 'y' })).toThrow('README.md has no <!-- generated:x --> ... <!-- /generated:x --> markers');
  });
});
