// A change that opens a DNS name (Cilium toFQDNs) is a delta with the named peer, in `diff` and in the report's colours.
import { reachabilityDiff } from '../../../lib/analyzer/diff';
import { reportModel } from '../../../lib/report/report-model';
import { analyze, apiEgressPolicy, pod } from '../cilium/support';

const api = pod('prod/api', { app: 'api' }, { ports: [8080] });
const coredns = pod('kube-system/coredns', { 'k8s-app': 'kube-dns' }, { ports: [[53, 'UDP'], [53, 'TCP']] });

const policy = (extra: string) => apiEgressPolicy('api-egress', extra);

const STRIPE = `
    - toFQDNs:
        - matchName: "api.stripe.com"
      toPorts:
        - ports:
            - port: "443"
              protocol: TCP`;

// The name is a peer on both sides: the policies of both sides name the peers, as the outside is cut by both.
const NAMED_ONLY_BEFORE = `
    - toFQDNs:
        - matchName: "api.stripe.com"
      toPorts:
        - ports:
            - port: "8443"
              protocol: TCP`;

describe('a change with a named peer', () => {
  const before = analyze([api, coredns], policy(NAMED_ONLY_BEFORE)).cluster;
  const after = analyze([api, coredns], policy(STRIPE)).cluster;
  const text = (c: { from: string; to: string; port: number; protocol: string }) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`;

  test('diff: 443 to the name opened, 8443 closed, nothing else', () => {
    const delta = reachabilityDiff(before, after, 'cilium');
    expect(delta.added.map(text)).toEqual(['prod/api -> outside:fqdn:api.stripe.com 443/TCP']);
    expect(delta.removed.map(text)).toEqual(['prod/api -> outside:fqdn:api.stripe.com 8443/TCP']);
    // The trace says which rule admits it.
    expect(delta.added[0].trace.some(e => e.action === 'Allow' && /fqdn\(matchName=api\.stripe\.com\)/.test(e.detail))).toBe(true);
  });

  test('report --before: the flow it opens is added, the one it closes removed, on one edge to the named peer', () => {
    const model = reportModel(after, 'cilium', before);
    const flows = model.flows.filter(f => f.from === 'prod/api' && f.to === 'outside:fqdn:api.stripe.com').map(f => `${f.port} ${f.status}`).sort();
    expect(flows).toEqual(['443/TCP added', '8443/TCP removed']);
    expect(model.graph.nodes.some(n => n.id === 'outside:fqdn:api.stripe.com')).toBe(true);
    expect(model.diff).toEqual({ added: 1, removed: 1 });
  });
});
