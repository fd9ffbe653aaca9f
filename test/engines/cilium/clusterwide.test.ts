import { render } from './support';
import { ErrorCode, LabelExpression, Peer, Policy, Port, Rule, Selector } from '../../../lib';
import { podsSelector } from '../../../lib/engines/cilium/peers';
import { renderCiliumPolicy } from '../../../lib/engines/cilium/render';
import { netpolError } from '../../support/helpers';

const NS = 'k8s:io.kubernetes.pod.namespace';
const NS_LABELS = 'k8s:io.cilium.k8s.namespace.labels.';
const EXISTS = { key: NS, operator: 'Exists' };

function clusterDeny(namespaceSelector: Selector, subject = Selector.all()): Policy {
  return new Policy({ name: 'cluster-default-deny', namespaceSelector, subject, isolateIngress: true, isolateEgress: true });
}

describe('renderCiliumPolicy cluster scope', () => {
  test('can render a cluster-scoped policy as a CiliumClusterwideNetworkPolicy without a namespace', () => {
    // GIVEN a default deny for the namespaces labelled tenant=a
    const policy = clusterDeny(Selector.labels({ tenant: 'a' }));
    // WHEN / THEN the endpointSelector carries the namespace labels, and Exists on the namespace key
    expect(render(policy)).toStrictEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' }, name: 'cluster-default-deny' },
      spec: {
        egress: [{}],
        enableDefaultDeny: { egress: true, ingress: true },
        endpointSelector: { matchExpressions: [EXISTS], matchLabels: { [`${NS_LABELS}tenant`]: 'a' } },
        ingress: [{}],
      },
    });
  });

  test.each<[string, Selector, Selector, any]>([
    // Exists keeps the policy to Kubernetes pods: `{}` would also select Cilium's health endpoints.
    ['every namespace', Selector.all(), Selector.all(), { matchExpressions: [EXISTS] }],
    ['every namespace, some pods', Selector.all(), Selector.labels({ app: 'web' }), { matchExpressions: [EXISTS], matchLabels: { app: 'web' } }],
    ['a namespace by name', Selector.namespaceNamed('prod'), Selector.labels({ app: 'web' }), { matchLabels: { app: 'web', [NS]: 'prod' } }],
    ['namespaces by expression', Selector.of({ matchExpressions: [LabelExpression.notIn('kubernetes.io/metadata.name', ['kube-system'])] }), Selector.all(),
      { matchExpressions: [EXISTS, { key: NS, operator: 'NotIn', values: ['kube-system'] }] }],
    ['namespaces without a label', Selector.of({ matchExpressions: [LabelExpression.doesNotExist('exempt')] }), Selector.all(),
      { matchExpressions: [{ key: `${NS_LABELS}exempt`, operator: 'DoesNotExist' }, EXISTS] }],
  ])('can render %s as the endpointSelector', (_name, namespaceSelector, subject, endpointSelector) => {
    expect(render(clusterDeny(namespaceSelector, subject)).spec.endpointSelector).toStrictEqual(endpointSelector);
  });

  test('can render peers with their namespaces in a cluster-scoped policy', () => {
    const policy = new Policy({
      name: 'allow-monitoring',
      namespaceSelector: Selector.all(),
      subject: Selector.all(),
      ingress: [Rule.allow({
        peers: [Peer.podsInNamespace('monitoring', Selector.labels({ app: 'prometheus' })), Peer.podsInNamespaces(Selector.labels({ role: 'probe' }), Selector.all())],
        ports: [Port.named('metrics')],
      })],
    });
    expect(render(policy).spec.ingress).toStrictEqual([{
      fromEndpoints: [
        { matchLabels: { app: 'prometheus', [NS]: 'monitoring' } },
        { matchExpressions: [EXISTS], matchLabels: { role: 'probe' } },
      ],
      toPorts: [{ ports: [{ port: 'metrics', protocol: 'TCP' }] }],
    }]);
  });

  test('throws CILIUM_PODS_PEER_NEEDS_NAMESPACE for pods of "the own namespace" in a cluster-scoped policy', () => {
    const policy = new Policy({
      name: 'allow-web',
      namespaceSelector: Selector.all(),
      subject: Selector.all(),
      ingress: [Rule.allow({ peers: [Peer.pods(Selector.labels({ app: 'web' }))], ports: [Port.HTTP] })],
    });
    const error = netpolError(() => renderCiliumPolicy(policy));
    expect(error.code).toBe(ErrorCode.CILIUM_PODS_PEER_NEEDS_NAMESPACE);
    expect(error.field).toBe('ingress[0].peers[0]');
  });

  test('throws INTERNAL from the selector builder too, should a caller skip the checks (ciliumProblems refuses the peer)', () => {
    const policy = new Policy({ name: 'p', namespaceSelector: Selector.all(), subject: Selector.all(), isolateIngress: true });
    const error = netpolError(() => podsSelector(policy, Peer.pods(Selector.labels({ app: 'web' }))));
    expect(error.code).toBe(ErrorCode.INTERNAL);
    expect(error.message).toContain('(CILIUM_PODS_PEER_NEEDS_NAMESPACE)');
  });
});
