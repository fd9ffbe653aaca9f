import { execFileSync } from 'child_process';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { CONSTRUCT_CASES } from './catalog';

describe('a cdktf host without @cdktf/provider-kubernetes', () => {
  test('fails with HOST_DEPENDENCY_MISSING and the install command, naming the construct path', () => {
    jest.isolateModules(() => {
      jest.doMock('@cdktf/provider-kubernetes/lib/network-policy-v1', () => {
        throw Object.assign(new Error("Cannot find module '@cdktf/provider-kubernetes/lib/network-policy-v1'"), { code: 'MODULE_NOT_FOUND' });
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lib = require('../../../lib');
      const stack = new TerraformStack(Testing.app(), 'cluster');
      let caught: any;
      try {
        new lib.DefaultDeny(stack, 'Deny', { namespaceName: 'prod' });
      } catch (e) {
        caught = e;
      }
      expect(lib.NetpolErrors.codeOf(caught)).toBe(lib.ErrorCode.HOST_DEPENDENCY_MISSING);
      expect(caught.message).toContain('cluster/Deny');
      expect(caught.message).toContain('npm install cdktf@^0.21.0 @cdktf/provider-kubernetes@^12.1.1');
    });
  });

  test('without cdktf installed, the library loads and a chart with every construct synthesizes', () => {
    // A fresh Node process in which cdktf and @cdktf/* cannot be resolved, as in a cdk8s-only project.
    const script = `
      const Module = require('module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (/^(cdktf|@cdktf\\/)/.test(request)) {
          throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' });
        }
        return resolve.call(this, request, ...rest);
      };
      require('ts-node').register({ transpileOnly: true });
      const { App, Chart, Testing } = require('cdk8s');
      const { CONSTRUCT_CASES } = require('./test/constructs/terraform/catalog');
      const counts = CONSTRUCT_CASES.map(c => {
        const chart = new Chart(new App(), 'cluster');
        c.build(chart);
        return Testing.synth(chart).length;
      });
      const loaded = Object.keys(require.cache).filter(p => /node_modules[\\\\/](cdktf|@cdktf)[\\\\/]/.test(p));
      process.stdout.write(JSON.stringify({ counts, loaded }));
    `;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8' });
    const { counts, loaded } = JSON.parse(out);
    expect(counts).toHaveLength(CONSTRUCT_CASES.length);
    expect(counts.every((n: number) => n > 0)).toBe(true);
    expect(loaded).toEqual([]);
  });
});
