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
    expect(doc).toMatch(/\| Deny rules \| no \| yes \| yes \| yes \| yes \|\n/);
    expect(doc).toMatch(/\| IP blocks match pod IPs \| yes \| yes \| yes \| no \| yes \|\n/);
    // cluster-network-policy renders cluster-scoped intents only, and says why a namespaced one is refused.
    expect(doc).toMatch(/\| Namespaced policy \| yes \| yes \| yes \| yes \| no \|\n/);
    expect(doc).toContain('ENGINE_NO_NAMESPACE_SCOPE');
  });
});
