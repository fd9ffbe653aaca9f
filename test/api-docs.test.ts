import * as fs from 'fs';
import * as path from 'path';
import * as netpol from '../lib';

const api = fs.readFileSync(path.resolve(__dirname, '..', 'API.md'), 'utf8');

describe('API.md', () => {
  test('documents every public member', () => {
    const undocumented = api.split('\n').filter(line => line.includes('*No description.*'));
    expect(undocumented).toEqual([]);
  });

  test('has a section for every exported class and enum', () => {
    const exported = Object.entries(netpol).filter(([, v]) => typeof v === 'function' || (typeof v === 'object' && v !== null)).map(([k]) => k);
    expect(exported.length).toBeGreaterThan(15);
    for (const name of exported) expect(api).toContain(`### ${name} <a name="${name}"`);
  });
});
