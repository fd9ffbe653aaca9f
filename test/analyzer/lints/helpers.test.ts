import { COREDNS, cluster, deployment, ns } from './fixtures';
import { effectivePolicyTypes, isEmptySelector } from '../../../lib/analyzer/lints/kubernetes/policies';
import { portsAllow } from '../../../lib/analyzer/lints/ports';
import { namespaceLabels, peerSelects } from '../../../lib/analyzer/lints/scope';
import { selectorText } from '../../../lib/analyzer/selector-text';

describe('effectivePolicyTypes', () => {
  test('can default to Ingress, plus Egress only when egress rules exist', () => {
    expect(effectivePolicyTypes(undefined, false)).toEqual(['Ingress']);
    expect(effectivePolicyTypes([], true)).toEqual(['Ingress', 'Egress']);
    expect(effectivePolicyTypes(['Egress'], false)).toEqual(['Egress']);
  });
});

describe('isEmptySelector', () => {
  test('can tell "all" from a selector with labels or expressions', () => {
    expect([undefined, null, {}, { matchLabels: {} }, { matchExpressions: [] }].map(isEmptySelector)).toEqual([true, true, true, true, true]);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
    expect(isEmptySelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })).toBe(false);
  });
});

describe('portsAllow', () => {
  test('can match absent ports, default TCP, ranges and whole protocols', () => {
    expect(portsAllow(undefined, 53, 'UDP')).toBe(true);
    expect(portsAllow([], 53, 'UDP')).toBe(true);
    expect(portsAllow([{ port: 53 }], 53, 'TCP')).toBe(true);
    expect(portsAllow([{ port: 53 }], 53, 'UDP')).toBe(false);
    expect(portsAllow([{ protocol: 'UDP', port: 50, endPort: 60 }], 53, 'UDP')).toBe(true);
    expect(portsAllow([{ protocol: 'UDP', port: 54, endPort: 60 }], 53, 'UDP')).toBe(false);
    expect(portsAllow([{ protocol: 'UDP' }], 53, 'UDP')).toBe(true);
  });

  test('can resolve named ports only on the destination\'s container ports', () => {
    expect(portsAllow([{ protocol: 'UDP', port: 'dns' }], 53, 'UDP', COREDNS)).toBe(true);
    expect(portsAllow([{ protocol: 'TCP', port: 'dns' }], 53, 'TCP', COREDNS)).toBe(false);
    expect(portsAllow([{ protocol: 'UDP', port: 'dns' }], 53, 'UDP')).toBe(false);
  });
});

describe('namespaceLabels', () => {
  test('can add the automatic name label, which declared labels cannot override', () => {
    const c = cluster({ namespaces: [{ name: 'prod', labels: { 'team': 'a', 'kubernetes.io/metadata.name': 'other' }, declared: true }] });
    expect(namespaceLabels(c, 'prod')).toEqual({ 'team': 'a', 'kubernetes.io/metadata.name': 'prod' });
    expect(namespaceLabels(c, 'unknown')).toEqual({ 'kubernetes.io/metadata.name': 'unknown' });
  });
});

describe('peerSelects', () => {
  const c = cluster({ namespaces: [ns('prod', { env: 'prod' })], endpoints: [deployment('prod', 'web', { app: 'web' })] });
  const web = c.endpoints[0];

  test('can scope a podSelector-only peer to the policy\'s namespace', () => {
    expect(peerSelects(c, 'prod', { podSelector: {} }, web)).toBe(true);
    expect(peerSelects(c, 'staging', { podSelector: {} }, web)).toBe(false);
  });

  test('can AND namespaceSelector and podSelector in one peer', () => {
    expect(peerSelects(c, 'staging', { namespaceSelector: { matchLabels: { env: 'prod' } } }, web)).toBe(true);
    expect(peerSelects(c, 'staging', { namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'db' } } }, web)).toBe(false);
  });

  test('cannot select pods through ipBlock or empty peers', () => {
    expect(peerSelects(c, 'prod', { ipBlock: { cidr: '0.0.0.0/0' } }, web)).toBe(false);
    expect(peerSelects(c, 'prod', {}, web)).toBe(false);
  });
});

describe('selectorText', () => {
  test('can print selectors in kubectl syntax, labels sorted', () => {
    expect(selectorText({})).toBe('{}');
    expect(selectorText({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['a', 'b'] },
        { key: 'env', operator: 'NotIn', values: ['c'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'odd', operator: 'Gt', values: ['1'] },
      ],
    })).toBe('app=shop,tier=web,env in (a,b),env notin (c),team,!legacy,odd Gt (1)');
  });
});
