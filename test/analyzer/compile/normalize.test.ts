import { addressPredicatesOf } from '../../../lib/analyzer/address-predicates';
import { calicoEvaluator } from '../../../lib/analyzer/calico/evaluator';
import { ciliumEvaluator } from '../../../lib/analyzer/cilium';
import { NAMESPACE_NAME_LABEL, normalizedPolicies, normalizePolicy } from '../../../lib/analyzer/compile';
import { CalicoPolicyForm, CiliumPolicyForm, NetworkPolicyForm } from '../../../lib/analyzer/compile/form';
import { kubernetesEvaluator } from '../../../lib/analyzer/kubernetes/evaluator';
import { runLints } from '../../../lib/analyzer/lints';
import { computeMatrix } from '../../../lib/analyzer/matrix';
import { Cluster, Endpoint, PolicyDocument } from '../../../lib/analyzer/types';
import { Selector } from '../../../lib/model/selector';

const pod = (namespace: string, name: string, labels: Record<string, string>): Endpoint =>
  ({ kind: 'Pod', namespace, name, labels, ips: [], ports: [{ port: 80, protocol: 'TCP' }] });

const clusterOf = (policies: PolicyDocument[]): Cluster => ({
  namespaces: new Map(['prod', 'web'].map(name => [name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: true }])),
  endpoints: [pod('prod', 'api', { app: 'api' }), pod('web', 'ui', { app: 'ui' })],
  services: [],
  policies,
});

const np = (name: string, spec: any): PolicyDocument => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name, namespace: 'prod', spec });
const calico = (apiVersion: string, spec: any): PolicyDocument => ({ apiVersion, kind: 'GlobalNetworkPolicy', name: 'g', spec });
const read = <T>(doc: PolicyDocument): T => normalizePolicy(doc, []) as unknown as T;

describe('the normalized form', () => {
  test('applies a NetworkPolicy\'s policyTypes default once: Ingress always, Egress when egress rules exist', () => {
    expect(read<NetworkPolicyForm>(np('a', { podSelector: {} })).isolates).toEqual({ ingress: true, egress: false });
    expect(read<NetworkPolicyForm>(np('b', { podSelector: {}, egress: [{}] })).isolates).toEqual({ ingress: true, egress: true });
    expect(read<NetworkPolicyForm>(np('c', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] })).isolates).toEqual({ ingress: false, egress: true });
  });

  test('applies Calico\'s types default for projectcalico.org/v3 only: Felix reads CRD objects without types as both', () => {
    const egressOnly = { selector: 'all()', egress: [{ action: 'Allow' }] };
    expect(read<CalicoPolicyForm>(calico('projectcalico.org/v3', egressOnly)).governs).toEqual({ ingress: false, egress: true });
    expect(read<CalicoPolicyForm>(calico('crd.projectcalico.org/v1', egressOnly)).governs).toEqual({ ingress: true, egress: true });
    expect(read<CalicoPolicyForm>(calico('projectcalico.org/v3', { selector: 'all()' })).governs).toEqual({ ingress: true, egress: false });
  });

  test('scopes a CiliumNetworkPolicy\'s endpoint selectors to its namespace, as Cilium does', () => {
    const form = read<CiliumPolicyForm>({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      name: 'c',
      namespace: 'prod',
      spec: { endpointSelector: { matchLabels: { 'app': 'api', 'k8s:io.kubernetes.pod.namespace': 'prod' } }, ingress: [{ fromEndpoints: [{}] }] },
    });
    expect(form.ruleSets[0].subject).toEqual({ kind: 'endpoints', selector: { matchLabels: { app: 'api' } } });
    expect(form.ruleSets[0].ingress[0].peers).toEqual([
      { kind: 'endpoints', written: {}, selector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'prod' } }, added: 'namespace' },
    ]);
  });

  test('reads a selector written as null as unset, as the API server does', () => {
    const form = read<NetworkPolicyForm>(np('n', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'x' } }, namespaceSelector: null }, { podSelector: null }] }] }));
    expect(form.ingress[0].peers).toEqual([
      { kind: 'pods', podSelector: { matchLabels: { app: 'x' } }, ownNamespace: 'prod' },
      { kind: 'unreadable', problem: 'empty peer; it matches nothing' },
    ]);
    expect(form.problems).toEqual(['ingress[0].from[1]: empty peer; it matches nothing']);
  });

  test('lists address peers in the order the manifest writes them', () => {
    const form = read<NetworkPolicyForm>(np('o', {
      podSelector: {},
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }],
    }));
    expect(form.addressPeers.map(p => p.cidr)).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
  });

  test('names the namespace label once: the model\'s', () => {
    expect(NAMESPACE_NAME_LABEL).toBe(Selector.NAMESPACE_NAME_LABEL);
  });

  test('never throws: a document that cannot be read is unreadable and every evaluator reads it as selecting nothing', () => {
    const broken: PolicyDocument = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'broken', namespace: 'prod', get spec(): any { throw new Error('boom'); } };
    const form = normalizePolicy(broken, []);
    expect(form.failure).toBe('boom');
    const cluster = clusterOf([broken]);
    expect(kubernetesEvaluator(cluster).policies[0].problems).toEqual(['cannot be compiled (boom); it selects no pod']);
    expect(calicoEvaluator(cluster).policies[0].problems).toEqual(['cannot be compiled (boom); it selects no pod']);
    expect(ciliumEvaluator(cluster).problems).toEqual(['NetworkPolicy prod/broken: cannot be compiled (boom); ignored']);
  });
});

describe('normalizedPolicies', () => {
  test('reads each document once per cluster, whatever reads the form: evaluators, lints, matrix, address predicates', () => {
    let reads = 0;
    const spec = { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }] }] };
    const doc: PolicyDocument = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'counted', namespace: 'prod', get spec() { reads++; return spec; } };
    const cluster = clusterOf([doc]);
    const kubernetes = kubernetesEvaluator(cluster);
    const calicoView = calicoEvaluator(cluster);
    ciliumEvaluator(cluster);
    runLints(cluster);
    computeMatrix(cluster, kubernetes);
    addressPredicatesOf(cluster, 'calico');
    expect(reads).toBe(1);
    expect(normalizedPolicies(cluster)).toBe(normalizedPolicies(cluster));
    // Kubernetes and Calico read the same form of the NetworkPolicy.
    expect(kubernetes.policies[0].problems).toBe(normalizedPolicies(cluster)[0].problems);
    expect(calicoView.policies[0].problems).toBe(normalizedPolicies(cluster)[0].problems);
  });

  test('normalizes another cluster object anew', () => {
    const cluster = clusterOf([np('a', { podSelector: {} })]);
    expect(normalizedPolicies({ ...cluster })).not.toBe(normalizedPolicies(cluster));
  });
});
