import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { kindOf } from './support';
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
