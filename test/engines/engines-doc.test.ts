import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../../lib';
import { enginesMarkdown } from '../../lib/engines/capability-doc';

describe('docs/engines.md', () => {
  test('is the capability tables as the code has them', () => {
    expect(fs.readFileSync(path.resolve(__dirname, '../../docs/engines.md'), 'utf8')).toBe(enginesMarkdown());
  });

  test('lists every engine and says what the native API cannot do', () => {
    const doc = enginesMarkdown();
    for (const engine of Engine.all()) expect(doc).toContain(`\`${engine.name}\``);
    expect(doc).toMatch(/\| Deny rules \| no \| yes \| yes \| yes \|/);
    expect(doc).toMatch(/\| IP blocks match pod IPs \| yes \| yes \| yes \| no \|/);
  });
});
