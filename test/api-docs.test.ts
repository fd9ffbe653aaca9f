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

  test('comes from a jsii build that silences no warning (reserved words included)', () => {
    const tasks = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '.projen', 'tasks.json'), 'utf8')).tasks;
    const jsiiSteps = Object.values(tasks).flatMap((t: any) => (t.steps ?? []).map((s: any) => s.exec).filter((e: any) => /^jsii(\s|$)/.test(e ?? '')));
    expect(jsiiSteps.sort()).toEqual(['jsii', 'jsii -w']);
  });
});
