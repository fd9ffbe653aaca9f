import { Engine, ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../lib';
import { EngineName, evaluatorFor } from '../../lib/analyzer/evaluators';
import { buildCluster } from '../../lib/analyzer/load';
import { validateManifest } from '../support/kube-validator';

// Peer.serviceAccounts: pods chosen by the service account they run as, on the engines that can say it.
const dbIngress = (peer: Peer, name = 'db-from-reporting') => new Policy({
  name,
  namespaceName: 'data',
  subject: Selector.labels({ app: 'db' }),
  ingress: [Rule.allow({ peers: [peer], ports: [Port.tcp(5432)] })],
});
const pod = (namespace: string, name: string, app: string, serviceAccountName?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app } },
  spec: { ...(serviceAccountName ? { serviceAccountName } : {}), containers: [{ name: 'main', image: 'x', ports: [{ containerPort: 5432 }] }] },
});

describe('Peer.serviceAccounts', () => {
  test('renders as Calico serviceAccounts and as the Cilium service-account identity label', () => {
    const peer = Peer.serviceAccounts(['reporter', 'auditor']);
    expect(Engine.CALICO.render(dbIngress(peer)).spec.ingress[0].source).toEqual({ selector: 'all()', serviceAccounts: { names: ['auditor', 'reporter'] } });
    expect(Engine.CILIUM.render(dbIngress(peer)).spec.ingress[0].fromEndpoints).toEqual([{
      matchExpressions: [{ key: 'k8s:io.cilium.k8s.policy.serviceaccount', operator: 'In', values: ['auditor', 'reporter'] }],
      matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'data' },
    }]);
    for (const engine of [Engine.CALICO, Engine.CALICO_CRD, Engine.CILIUM]) expect(validateManifest(engine.render(dbIngress(peer)))).toEqual([]);
  });

  test.each(['calico', 'calico-crd', 'cilium'] as EngineName[])('means only pods of those service accounts under %s', name => {
    const engine = Engine.of(name);
    const cluster = buildCluster([
      pod('data', 'db', 'db'), pod('data', 'reporter', 'batch', 'reporter'), pod('data', 'other', 'batch', 'other'),
      pod('web', 'reporter', 'batch', 'reporter'),
      engine.render(dbIngress(Peer.serviceAccounts(['reporter']))),
      engine.render(dbIngress(Peer.serviceAccounts(['reporter'], 'web'), 'db-from-web-reporting')),
    ]);
    const evaluator = evaluatorFor(name, cluster);
    const allowed = (ns: string, from: string) => evaluator.evaluate({
      from: { kind: 'endpoint', endpoint: cluster.endpoints.find(e => e.namespace === ns && e.name === from)! },
      to: { kind: 'endpoint', endpoint: cluster.endpoints.find(e => e.name === 'db')! },
      port: 5432,
      protocol: 'TCP',
    }).allowed;
    expect([allowed('data', 'reporter'), allowed('data', 'other'), allowed('web', 'reporter')]).toEqual([true, false, true]);
  });

  test('is refused by kubernetes, and empty or malformed names are refused', () => {
    expect(Engine.KUBERNETES.problems(dbIngress(Peer.serviceAccounts(['reporter']))).map(p => [p.code, p.field]))
      .toEqual([[ErrorCode.ENGINE_NO_SERVICE_ACCOUNTS, 'ingress[0].peers[0]']]);
    expect(Peer.serviceAccounts([])._problems().map(p => p.code)).toEqual([ErrorCode.RULE_WITHOUT_PEERS]);
    expect(Peer.serviceAccounts(['Bad_Name'])._problems().map(p => p.code)).toEqual([ErrorCode.NAME_INVALID]);
    expect(Peer.serviceAccounts(['b', 'a', 'a'], 'web').toString()).toBe('namespace(web)/serviceAccounts(a,b)');
  });
});
