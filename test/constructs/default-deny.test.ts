import { Chart, Testing } from 'cdk8s';
import { DefaultDeny, ErrorCode } from '../../lib';
import { chartIn, netpolError, policiesOf } from '../support/helpers';

describe('DefaultDeny', () => {
  test('can isolate every pod of the namespace in both directions by default', () => {
    const chart = chartIn('prod');
    new DefaultDeny(chart, 'Deny');
    const [policy] = policiesOf(chart);
    expect(policy.metadata).toEqual({ labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' }, name: 'default-deny-all', namespace: 'prod' });
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('can isolate ingress only or egress only', () => {
    const chart = chartIn('prod');
    new DefaultDeny(chart, 'In', { egress: false });
    new DefaultDeny(chart, 'Out', { ingress: false, namespaceName: 'batch' });
    const [ingress, egress] = policiesOf(chart);
    expect([ingress.metadata.name, ingress.metadata.namespace, ingress.spec.policyTypes]).toEqual(['default-deny-ingress', 'prod', ['Ingress']]);
    expect([egress.metadata.name, egress.metadata.namespace, egress.spec.policyTypes]).toEqual(['default-deny-egress', 'batch', ['Egress']]);
    expect(ingress.spec.ingress).toBeUndefined();
  });

  test('throws POLICY_WITHOUT_DIRECTION when both directions are off', () => {
    const error = netpolError(() => new DefaultDeny(chartIn(), 'Nothing', { ingress: false, egress: false }));
    expect(error.code).toBe(ErrorCode.POLICY_WITHOUT_DIRECTION);
    expect(error.path).toBe('test/Nothing');
  });

  test('throws NAMESPACE_REQUIRED without a namespace anywhere', () => {
    const chart = new Chart(Testing.app(), 'nons');
    const error = netpolError(() => new DefaultDeny(chart, 'Deny'));
    expect(error.code).toBe(ErrorCode.NAMESPACE_REQUIRED);
    expect(error.message).toContain('nons/Deny');
  });

  test('throws POLICY_NAME_COLLISION for two denies in one namespace', () => {
    const chart = chartIn('prod');
    new DefaultDeny(chart, 'A');
    const error = netpolError(() => new DefaultDeny(chart, 'B'));
    expect(error.code).toBe(ErrorCode.POLICY_NAME_COLLISION);
    expect(error.message).toContain('test/A');
    expect(error.message).toContain('test/B');
    expect(error.fix).toContain('name');
  });
});

describe('policy constructs in the construct tree', () => {
  test('can be found at their id as the NetworkPolicy ApiObject they render, one node per policy', () => {
    const chart = chartIn('prod');
    const deny = new DefaultDeny(chart, 'Deny');
    expect(chart.node.children).toEqual([deny.apiObject]);
    expect(deny.apiObject.node.path).toBe('test/Deny');
    expect(deny.node.path).toBe('test/Deny');
    expect(deny.apiObject.kind).toBe('NetworkPolicy');
  });

  test('throws when a child is added to the construct instead of its ApiObject, so nothing is silently left out', () => {
    const chart = chartIn('prod');
    const deny = new DefaultDeny(chart, 'Deny');
    expect(() => new DefaultDeny(deny, 'Nested', { namespaceName: 'other' })).toThrow(/Cannot add children to "test\/Deny"/);
  });
});
