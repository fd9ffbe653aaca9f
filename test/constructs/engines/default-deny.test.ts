import { CLUSTER_ONLY_ENGINES, NAMESPACED_ENGINES, expectNamespacedRefused, MANAGED_BY, chartFor, engineWarnings, meaningOf, synthesize } from './support';
import { DefaultDeny, Engine } from '../../../lib';

// What "isolate every pod of the namespace, both directions" is in each engine's dialect.
const DENY_ALL: Record<string, any> = {
  'kubernetes': { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
  // Calico: `types` lists both directions and no rule allows anything: the end-of-tier deny applies.
  'calico': { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', spec: { selector: 'all()', types: ['Ingress', 'Egress'] } },
  'calico-crd': { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', spec: { selector: 'all()', types: ['Ingress', 'Egress'] } },
  // Cilium: default deny switched on explicitly, and one empty rule per direction (selects no peer, allows nothing).
  'cilium': {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    spec: { egress: [{}], enableDefaultDeny: { egress: true, ingress: true }, endpointSelector: {}, ingress: [{}] },
  },
};

describe('DefaultDeny', () => {
  test.each(CLUSTER_ONLY_ENGINES)('cannot render a namespaced DefaultDeny for %s: ENGINE_NO_NAMESPACE_SCOPE', (_name, engine) => {
    // A ClusterNetworkPolicy deny is final, where a namespaced isolation adds up with the namespace's other policies.
    expectNamespacedRefused(chart => new DefaultDeny(chart, 'Deny', { engine }), 'Deny');
  });

  test.each(NAMESPACED_ENGINES)('can isolate every pod of the namespace in both directions for %s', (name, engine) => {
    // GIVEN a namespaced chart
    const chart = chartFor('prod');
    // WHEN
    new DefaultDeny(chart, 'Deny', { engine });
    // THEN one valid object that selects every pod and isolates both directions
    const { objects, warnings } = synthesize(chart);
    expect(objects).toHaveLength(1);
    expect(meaningOf(objects[0])).toEqual(DENY_ALL[name]);
    expect(objects[0].metadata).toEqual({ labels: MANAGED_BY, name: 'default-deny-all', namespace: 'prod' });
    expect(warnings).toEqual(engineWarnings(engine, 1));
    expect(objects).toMatchSnapshot();
  });

  test.each(NAMESPACED_ENGINES)('can isolate ingress only, leaving egress explicitly open, for %s', (name, engine) => {
    // GIVEN
    const chart = chartFor('prod');
    // WHEN
    new DefaultDeny(chart, 'DenyIn', { egress: false, engine });
    // THEN the name says ingress, and the object does not touch egress
    const [policy] = synthesize(chart).objects;
    expect(policy.metadata.name).toBe('default-deny-ingress');
    const isolation: Record<string, any> = {
      'kubernetes': policy.spec.policyTypes,
      'calico': policy.spec.types,
      'calico-crd': policy.spec.types,
      'cilium': policy.spec.enableDefaultDeny,
    };
    expect(isolation[name]).toEqual(name === 'cilium' ? { egress: false, ingress: true } : ['Ingress']);
    expect(policy.spec.egress).toBeUndefined();
    expect(policy.spec.ingress).toEqual(engine === Engine.CILIUM ? [{}] : undefined);
  });
});
