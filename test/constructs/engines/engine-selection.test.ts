import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { App as TerraformApp, TerraformStack, Testing as TerraformTesting } from 'cdktf';
import { Construct } from 'constructs';
import { appWithoutWholeAppCheck, kindOf } from './support';
import { AllowDns, AllowFlow, ClusterDefaultDeny, DefaultDeny, DefaultEngine, Diagnostics, Engine, ErrorCode, Port, Selector, Subject, ThreeTierApp } from '../../../lib';
import { netpolError } from '../../support/helpers';

/** The `apiVersion/kind` of each object of the chart, in order. */
function kindsOf(chart: Chart): string[] {
  return Testing.synth(chart).map(kindOf);
}

const K8S = 'networking.k8s.io/v1/NetworkPolicy';
const CALICO = 'projectcalico.org/v3/NetworkPolicy';
const CALICO_CRD = 'crd.projectcalico.org/v1/NetworkPolicy';
const CILIUM = 'cilium.io/v2/CiliumNetworkPolicy';

describe('DefaultEngine', () => {
  test('can leave constructs on kubernetes when no default is set', () => {
    // GIVEN an App and a Chart with no default engine
    const chart = new Chart(Testing.app(), 'test', { namespace: 'prod' });
    // WHEN
    new DefaultDeny(chart, 'Deny');
    // THEN
    expect(DefaultEngine.of(chart)).toBe(Engine.KUBERNETES);
    expect(kindsOf(chart)).toEqual([K8S]);
  });

  test('can set the engine of every construct of an App', () => {
    // GIVEN
    const app = Testing.app();
    DefaultEngine.set(app, Engine.CILIUM);
    const a = new Chart(app, 'a', { namespace: 'a' });
    const b = new Chart(app, 'b', { namespace: 'b' });
    // WHEN
    new DefaultDeny(a, 'Deny');
    new AllowDns(b, 'Dns');
    // THEN
    expect([...kindsOf(a), ...kindsOf(b)]).toEqual([CILIUM, CILIUM]);
  });

  test('can set a Chart\'s engine over the App\'s', () => {
    // GIVEN cilium for the App, calico for one of its charts
    const app = Testing.app();
    DefaultEngine.set(app, Engine.CILIUM);
    const calico = new Chart(app, 'calico', { namespace: 'a' });
    const other = new Chart(app, 'other', { namespace: 'b' });
    DefaultEngine.set(calico, Engine.CALICO);
    // WHEN
    new DefaultDeny(calico, 'Deny');
    new DefaultDeny(other, 'Deny');
    // THEN the nearest setting wins
    expect(kindsOf(calico)).toEqual([CALICO]);
    expect(kindsOf(other)).toEqual([CILIUM]);
  });

  test('can set the engine of a construct subtree inside a Chart', () => {
    // GIVEN calico for the Chart, cilium for one group of constructs in it
    const chart = new Chart(Testing.app(), 'test', { namespace: 'prod' });
    DefaultEngine.set(chart, Engine.CALICO);
    const group = new Construct(chart, 'Group');
    DefaultEngine.set(group, Engine.CILIUM);
    // WHEN
    new DefaultDeny(chart, 'Deny');
    new AllowDns(group, 'Dns');
    // THEN (the group comes first in the tree)
    expect(Testing.synth(chart).map(o => [o.metadata.name, kindOf(o)])).toEqual([['allow-dns', CILIUM], ['default-deny-all', CALICO]]);
  });

  test('can be overridden by a construct\'s own engine prop', () => {
    // GIVEN cilium for the App and calico for the Chart
    const app = Testing.app();
    DefaultEngine.set(app, Engine.CILIUM);
    const chart = new Chart(app, 'test', { namespace: 'prod' });
    DefaultEngine.set(chart, Engine.CALICO);
    Diagnostics.acknowledge(chart, ErrorCode.CALICO_CRD_MANAGED, 'managed Calico');
    // WHEN
    new DefaultDeny(chart, 'Deny', { engine: Engine.KUBERNETES });
    new AllowDns(chart, 'Dns', { engine: Engine.CALICO_CRD });
    new DefaultDeny(chart, 'DenyIn', { egress: false });
    // THEN prop, then Chart
    expect(kindsOf(chart)).toEqual([K8S, CALICO_CRD, CALICO]);
  });

  test('can be passed down by composite constructs to every policy they render', () => {
    // GIVEN a Chart on calico
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    DefaultEngine.set(chart, Engine.CALICO);
    const pods = (tier: string) => Subject.pods(Selector.labels({ tier }));
    // WHEN a ThreeTierApp without engine, and an AllowFlow with one
    new ThreeTierApp(chart, 'Shop', { frontend: pods('frontend'), api: pods('api'), database: pods('database') });
    new AllowFlow(chart, 'Batch', { source: pods('batch'), destination: pods('database'), ports: [Port.tcp(5432)], engine: Engine.CILIUM });
    // THEN
    expect(kindsOf(chart)).toEqual([...Array(7).fill(CALICO), CILIUM, CILIUM]);
  });

  test('can decide what a cluster default deny needs: kubernetes asks for the namespaces', () => {
    // GIVEN no default (kubernetes), and a chart set to cilium
    const app = Testing.app();
    const plain = new Chart(app, 'plain');
    const cilium = new Chart(app, 'cilium');
    DefaultEngine.set(cilium, Engine.CILIUM);
    // WHEN / THEN
    expect(netpolError(() => new ClusterDefaultDeny(plain, 'Deny')).code).toBe(ErrorCode.NAMESPACES_REQUIRED);
    new ClusterDefaultDeny(cilium, 'Deny');
    expect(kindsOf(cilium)).toEqual(['cilium.io/v2/CiliumClusterwideNetworkPolicy']);
  });
});

describe('DefaultEngine: construct context', () => {
  const KEY = 'cdk-netpol:engine';

  test('can read the default engine from the context key cdk-netpol:engine of a cdk8s App', () => {
    // GIVEN the engine's name in the App's context
    const app = appWithoutWholeAppCheck();
    app.node.setContext(KEY, 'cilium');
    const chart = new Chart(app, 'test', { namespace: 'prod' });
    // WHEN
    new DefaultDeny(chart, 'Deny');
    // THEN
    expect(DefaultEngine.ENGINE_CONTEXT).toBe(KEY);
    expect(DefaultEngine.of(chart)).toBe(Engine.CILIUM);
    expect(kindsOf(chart)).toEqual([CILIUM]);
  });

  test('can set a Chart\'s engine over the App\'s context, as context on the Chart', () => {
    // GIVEN cilium in the App's context, calico set on one chart
    const app = appWithoutWholeAppCheck();
    app.node.setContext(KEY, 'cilium');
    const calico = new Chart(app, 'calico', { namespace: 'a' });
    const other = new Chart(app, 'other', { namespace: 'b' });
    DefaultEngine.set(calico, Engine.CALICO);
    // WHEN
    new DefaultDeny(calico, 'Deny');
    new DefaultDeny(other, 'Deny');
    // THEN the nearest setting wins, and it is the context value users would write
    expect(calico.node.tryGetContext(KEY)).toBe('calico');
    expect(kindsOf(calico)).toEqual([CALICO]);
    expect(kindsOf(other)).toEqual([CILIUM]);
  });

  test.each(['calcio', 'Cilium', 3])('throws ENGINE_UNKNOWN for %p in context, naming the key, the value and the engine names', value => {
    // GIVEN
    const app = appWithoutWholeAppCheck();
    app.node.setContext(KEY, value);
    const chart = new Chart(app, 'test', { namespace: 'prod' });
    // WHEN
    const error = netpolError(() => new DefaultDeny(chart, 'Deny'));
    // THEN the error sits where the value was set (the App, the root) and nothing is rendered
    expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.ENGINE_UNKNOWN, '', 'context["cdk-netpol:engine"]', String(value)]);
    expect(error.fix).toBe('set context "cdk-netpol:engine" to one of "kubernetes", "calico", "calico-crd", "cilium", "cluster-network-policy"');
    expect(Testing.synth(chart)).toEqual([]);
  });

  test('throws DEFAULT_ENGINE_TOO_LATE when the scope already has constructs, which keep their engine', () => {
    // GIVEN a chart with a policy already rendered for kubernetes
    const chart = new Chart(appWithoutWholeAppCheck(), 'test', { namespace: 'prod' });
    new DefaultDeny(chart, 'Deny');
    // WHEN
    const error = netpolError(() => DefaultEngine.set(chart, Engine.CILIUM));
    // THEN
    expect([error.code, error.path, error.value]).toEqual([ErrorCode.DEFAULT_ENGINE_TOO_LATE, 'test', 'Deny']);
    expect(error.fix).toContain('DefaultEngine.set(scope, Engine.CILIUM) before adding constructs');
    expect(kindsOf(chart)).toEqual([K8S]);
  });

  test('throws ENGINE_UNKNOWN when set to something that is not an Engine (JavaScript callers)', () => {
    const chart = new Chart(appWithoutWholeAppCheck(), 'test', { namespace: 'prod' });
    const error = netpolError(() => DefaultEngine.set(chart, 'cilium' as unknown as Engine));
    expect([error.code, error.path, error.field, error.value]).toEqual([ErrorCode.ENGINE_UNKNOWN, 'test', 'engine', 'cilium']);
    expect(chart.node.tryGetContext(KEY)).toBeUndefined();
  });

  describe('in a cdktf App', () => {
    let outdir: string;
    beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-netpol-engine-context-')); });
    afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

    /** The kind of each `kubernetes_manifest` the stack synthesizes, and the other resource types. */
    function renderedKinds(stack: TerraformStack): string[] {
      const resources = JSON.parse(TerraformTesting.synth(stack)).resource ?? {};
      return Object.entries(resources).flatMap(([type, byName]: [string, any]) =>
        type === 'kubernetes_manifest' ? Object.values(byName).map((r: any) => `${r.manifest.apiVersion}/${r.manifest.kind}`) : [type]);
    }

    test('can read the default engine from the App\'s context prop', () => {
      // GIVEN
      const app = new TerraformApp({ outdir, context: { [KEY]: 'cilium' } });
      const stack = new TerraformStack(app, 'cluster');
      // WHEN
      new DefaultDeny(stack, 'Deny', { namespaceName: 'prod' });
      // THEN
      expect(renderedKinds(stack)).toEqual([CILIUM]);
    });

    test('can read the default engine from cdktf.json\'s context, which the cdktf CLI passes in CDKTF_CONTEXT_JSON', () => {
      // GIVEN the variable the cdktf CLI sets from cdktf.json's "context"
      process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ [KEY]: 'calico' });
      let app: TerraformApp;
      try {
        app = new TerraformApp({ outdir });
      } finally {
        delete process.env.CDKTF_CONTEXT_JSON;
      }
      const stack = new TerraformStack(app, 'cluster');
      // WHEN
      new DefaultDeny(stack, 'Deny', { namespaceName: 'prod' });
      // THEN
      expect(renderedKinds(stack)).toEqual([CALICO]);
    });
  });
});
