import { spawnSync } from 'child_process';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { App as Cdk8sApp, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DefaultDeny, Diagnostics, ErrorCode } from '../../../lib';

// A fresh context after the flag is set is the way to reach V8's gc() from inside jest.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether the intent `make` builds is still alive after a full collection, with `app` itself kept alive. */
async function survivesCollection(app: IConstruct, make: () => IConstruct): Promise<boolean> {
  const ref = new WeakRef(make());
  // A WeakRef keeps its target alive until the job that made it ends.
  await new Promise(resolve => setImmediate(resolve));
  gc();
  return app.node.children.length > 0 && ref.deref() !== undefined;
}

describe('what an app keeps of a rendered intent', () => {
  test('with the whole-app check off, a cdk8s intent is not kept alive once rendered (as hand-written objects are not)', async () => {
    const app = new Cdk8sApp();
    app.node.setContext(Diagnostics.WHOLE_APP_CHECK_CONTEXT, false);
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    expect(await survivesCollection(app, () => new DefaultDeny(chart, 'Deny'))).toBe(false);
    // The name it claimed still holds, and the error names where the first intent sat.
    expect(() => new DefaultDeny(chart, 'Again')).toThrow(/already rendered by prod\/Deny/);
  });

  test('with the check on (the default), the intent is not kept either: the check keeps its policy and rendered object', async () => {
    const app = new Cdk8sApp();
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    expect(await survivesCollection(app, () => new DefaultDeny(chart, 'Deny'))).toBe(false);
    // The check still sees the collected intent's policy: its egress isolation cuts DNS.
    expect(Diagnostics.of(app).map(d => [d.code, d.path])).toEqual([[ErrorCode.EGRESS_WITHOUT_DNS, 'prod/Deny']]);
  });

  test('an acknowledgement made on an intent after it rendered counts for the object in its place', () => {
    const app = new Cdk8sApp();
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    const deny = new DefaultDeny(chart, 'Deny');
    Diagnostics.acknowledge(deny, ErrorCode.EGRESS_WITHOUT_DNS, 'DNS is allowed by a policy outside this app');
    expect(Diagnostics.of(app).map(d => [d.code, d.path, d.acknowledged])).toEqual([
      [ErrorCode.EGRESS_WITHOUT_DNS, 'prod/Deny', 'DNS is allowed by a policy outside this app'],
    ]);
  });

  test('with the check off, a cdktf intent is not kept alive either, and its Terraform address stays claimed', () => {
    // In a fresh process: cdktf captures a stack trace for each resource, and what a jest worker installed before
    // (source maps, stack formatting) can keep the frames' objects alive there.
    const script = `
      const { App, TerraformStack } = require('cdktf');
      const { DefaultDeny, Diagnostics } = require('./lib');
      const app = new App({ context: { [Diagnostics.WHOLE_APP_CHECK_CONTEXT]: false } });
      const stack = new TerraformStack(app, 'netpol');
      const ref = new WeakRef(new DefaultDeny(stack, 'Deny', { namespaceName: 'prod' }));
      setImmediate(() => {
        gc();
        let error;
        try { new DefaultDeny(stack, 'Again', { namespaceName: 'prod' }); } catch (e) { error = e; }
        console.log(JSON.stringify({ alive: ref.deref() !== undefined, code: error && error.code, message: error && error.message }));
      });`;
    const run = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(result.alive).toBe(false);
    expect([ErrorCode.POLICY_NAME_COLLISION, ErrorCode.TERRAFORM_NAME_COLLISION]).toContain(result.code);
    expect(result.message).toContain('netpol/Deny');
  });
});
