import { Chart } from 'cdk8s';
import { appWithoutWholeAppCheck, chartFor, synthesize } from './support';
import { AllowTo, DefaultDeny, Diagnostics, Engine, ErrorCode, Peer, Port, Selector, Subject } from '../../../lib';

const api = Subject.pods(Selector.labels({ app: 'api' }));

/** An egress from api to the backup network 10.20.0.0/16, a private range Cilium CIDR rules never match pods in. */
function backupEgress(chart: Chart, engine: Engine, id = 'Backup'): AllowTo {
  const name = id === 'Backup' ? undefined : `${id.toLowerCase()}-backup`;
  return new AllowTo(chart, id, { subject: api, peers: [Peer.ipBlock('10.20.0.0/16')], ports: [Port.tcp(5432)], engine, name });
}

describe('Diagnostics', () => {
  test('can record CILIUM_CIDR_NOT_PODS for an ipBlock of a private range on cilium, and print it once at synthesis', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    backupEgress(chart, Engine.CILIUM);
    // THEN recorded at the construct's path, with the field and the fix, not acknowledged
    const [diagnostic, ...others] = Diagnostics.of(chart);
    expect(others).toEqual([]);
    expect(diagnostic.code).toBe(ErrorCode.CILIUM_CIDR_NOT_PODS);
    expect(diagnostic.path).toBe('test/Backup');
    expect(diagnostic.message).toMatch(/^egress\[0\]\.peers\[0\]: the block reaches into 10\.0\.0\.0\/8/);
    expect(diagnostic.message).toContain("Diagnostics.acknowledge(scope, 'CILIUM_CIDR_NOT_PODS', reason)");
    expect(diagnostic.acknowledged).toBeUndefined();
    // AND printed once, however often the chart is synthesized
    const first = synthesize(chart);
    const second = synthesize(chart);
    expect(first.printed).toEqual([`[cdk-netpol] warning [CILIUM_CIDR_NOT_PODS] test/Backup: ${diagnostic.message}`]);
    expect(second.printed).toEqual([]);
  });

  test.each([Engine.KUBERNETES, Engine.CALICO])('cannot warn about the same ipBlock on %s, whose blocks match pods', engine => {
    const chart = chartFor('prod');
    backupEgress(chart, engine);
    expect(Diagnostics.of(chart)).toEqual([]);
  });

  test('can record CALICO_CRD_MANAGED for every calico-crd policy', () => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new DefaultDeny(chart, 'Deny', { engine: Engine.CALICO_CRD });
    backupEgress(chart, Engine.CALICO_CRD);
    // THEN
    expect(Diagnostics.of(chart).map(d => [d.code, d.path])).toEqual([[ErrorCode.CALICO_CRD_MANAGED, 'test/Deny'], [ErrorCode.CALICO_CRD_MANAGED, 'test/Backup']]);
    expect(Diagnostics.of(chart)[0].message).toContain('crd.projectcalico.org/v1');
    expect(synthesize(chart).printed).toHaveLength(2);
  });

  test('can be silenced by an acknowledgement, which keeps the reason', () => {
    // GIVEN a warning, acknowledged on the chart after the construct was built
    const chart = chartFor('prod');
    backupEgress(chart, Engine.CILIUM);
    // WHEN
    Diagnostics.acknowledge(chart, ErrorCode.CILIUM_CIDR_NOT_PODS, 'the backup network is outside the cluster');
    // THEN still listed, with the reason, and not printed
    expect(Diagnostics.of(chart).map(d => [d.code, d.acknowledged])).toEqual([[ErrorCode.CILIUM_CIDR_NOT_PODS, 'the backup network is outside the cluster']]);
    expect(synthesize(chart).printed).toEqual([]);
  });

  test('can silence one code on one construct only', () => {
    // GIVEN two warned constructs on cilium and one on calico-crd
    const chart = chartFor('prod');
    const quiet = backupEgress(chart, Engine.CILIUM, 'Quiet');
    backupEgress(chart, Engine.CILIUM, 'Loud');
    new DefaultDeny(chart, 'Managed', { engine: Engine.CALICO_CRD });
    // WHEN the acknowledgement is given on one construct
    Diagnostics.acknowledge(quiet, ErrorCode.CILIUM_CIDR_NOT_PODS, 'outside the cluster');
    Diagnostics.acknowledge(quiet, ErrorCode.CALICO_CRD_MANAGED, 'acknowledges nothing here');
    // THEN only that construct's warning of that code is silenced
    expect(Diagnostics.of(chart).map(d => [d.code, d.path, d.acknowledged])).toEqual([
      [ErrorCode.CILIUM_CIDR_NOT_PODS, 'test/Quiet', 'outside the cluster'],
      [ErrorCode.CILIUM_CIDR_NOT_PODS, 'test/Loud', undefined],
      [ErrorCode.CALICO_CRD_MANAGED, 'test/Managed', undefined],
    ]);
    expect(synthesize(chart).printed.map(p => p.split(':')[0])).toEqual([
      '[cdk-netpol] warning [CILIUM_CIDR_NOT_PODS] test/Loud',
      '[cdk-netpol] warning [CALICO_CRD_MANAGED] test/Managed',
    ]);
  });

  test('can be acknowledged for a whole App', () => {
    // GIVEN two charts of one App
    const app = appWithoutWholeAppCheck();
    const a = new Chart(app, 'a', { namespace: 'a' });
    const b = new Chart(app, 'b', { namespace: 'b' });
    // WHEN
    Diagnostics.acknowledge(app, ErrorCode.CALICO_CRD_MANAGED, 'AKS-managed Calico');
    new DefaultDeny(a, 'Deny', { engine: Engine.CALICO_CRD });
    new DefaultDeny(b, 'Deny', { engine: Engine.CALICO_CRD });
    // THEN Diagnostics.of lists the App's warnings from any scope in it
    expect(Diagnostics.of(b).map(d => [d.path, d.acknowledged])).toEqual([['a/Deny', 'AKS-managed Calico'], ['b/Deny', 'AKS-managed Calico']]);
    expect([...synthesize(a).printed, ...synthesize(b).printed]).toEqual([]);
  });

  // The ApiObject takes the intent construct's place and id in the tree: an acknowledgement given on it (found with
  // `chart.node.findChild(id)`, an Aspect, or `construct.apiObject`) counts as one given on the construct.
  test('can be acknowledged on the ApiObject that stands at the construct\'s path', () => {
    // GIVEN a warned construct, whose place in the tree its ApiObject took
    const chart = chartFor('prod');
    const backup = backupEgress(chart, Engine.CILIUM);
    expect(chart.node.findChild('Backup')).toBe(backup.apiObject);
    // WHEN the acknowledgement is given on the node found at that path
    Diagnostics.acknowledge(chart.node.findChild('Backup'), ErrorCode.CILIUM_CIDR_NOT_PODS, 'outside the cluster');
    // THEN
    expect(Diagnostics.of(chart).map(d => d.acknowledged)).toEqual(['outside the cluster']);
    expect(synthesize(chart).printed).toEqual([]);
  });
});
