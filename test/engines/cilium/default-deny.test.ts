import { render } from './support';
import { Entity, Peer, Policy, Port, Rule, Selector } from '../../../lib';

const NS = 'k8s:io.kubernetes.pod.namespace';
const web = Selector.labels({ app: 'web' });
const metadataOf = (name: string) => ({ labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' }, name, namespace: 'shop' });

describe('renderCiliumPolicy default deny', () => {
  test('can render a default deny of both directions as one empty rule per direction', () => {
    // GIVEN an intent that isolates both directions and allows nothing
    const policy = new Policy({ name: 'default-deny-all', namespaceName: 'shop', subject: Selector.all(), isolateIngress: true, isolateEgress: true });
    // WHEN / THEN an empty rule selects no peer, so the direction is default deny and nothing is allowed
    expect(render(policy)).toStrictEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: metadataOf('default-deny-all'),
      spec: {
        egress: [{}],
        enableDefaultDeny: { egress: true, ingress: true },
        endpointSelector: {},
        ingress: [{}],
      },
    });
  });

  test('can render a default deny of ingress only, leaving egress out of default deny', () => {
    const policy = new Policy({ name: 'default-deny-ingress', namespaceName: 'shop', subject: Selector.all(), isolateIngress: true });
    expect(render(policy).spec).toStrictEqual({
      enableDefaultDeny: { egress: false, ingress: true },
      endpointSelector: {},
      ingress: [{}],
    });
  });

  test('can render a default deny of egress only', () => {
    const policy = new Policy({ name: 'default-deny-egress', namespaceName: 'shop', subject: web, isolateEgress: true });
    expect(render(policy).spec).toStrictEqual({
      egress: [{}],
      enableDefaultDeny: { egress: true, ingress: false },
      endpointSelector: { matchLabels: { app: 'web' } },
    });
  });

  test('can render enableDefaultDeny explicitly, true exactly for the isolated directions', () => {
    const allowIn = new Policy({
      name: 'web-ingress',
      namespaceName: 'shop',
      subject: web,
      ingress: [Rule.allow({ peers: [Peer.anywhere()], ports: [Port.HTTP] })],
    });
    const spec = render(allowIn).spec;
    expect(spec.enableDefaultDeny).toStrictEqual({ egress: false, ingress: true });
    expect(spec.egress).toBeUndefined();
    expect(spec.egressDeny).toBeUndefined();
  });
});

describe('renderCiliumPolicy deny rules', () => {
  test('can render deny rules as ingressDeny / egressDeny, with ports and without L7', () => {
    // GIVEN egress isolated on purpose, with a deny rule and no allow
    const policy = new Policy({
      name: 'web',
      namespaceName: 'shop',
      subject: web,
      isolateEgress: true,
      ingress: [
        Rule.allow({ peers: [Peer.allPodsInCluster()], ports: [Port.HTTP] }),
        Rule.deny({ peers: [Peer.namespaceNamed('sandbox')], ports: [Port.HTTP, Port.named('metrics')] }),
      ],
      egress: [Rule.deny({ peers: [Peer.ipBlock('169.254.169.254/32'), Peer.entity(Entity.KUBE_APISERVER)], ports: [Port.allPorts()] })],
    });
    // WHEN
    const spec = render(policy).spec;
    // THEN deny rules go to their own lists; egress has no allow, so it is default deny with one empty rule
    expect(spec).toStrictEqual({
      egress: [{}],
      egressDeny: [{ toCIDRSet: [{ cidr: '169.254.169.254/32' }] }, { toEntities: ['kube-apiserver'] }],
      enableDefaultDeny: { egress: true, ingress: true },
      endpointSelector: { matchLabels: { app: 'web' } },
      ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: NS, operator: 'Exists' }] }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
      ingressDeny: [{
        fromEndpoints: [{ matchLabels: { [NS]: 'sandbox' } }],
        toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }, { port: 'metrics', protocol: 'TCP' }] }],
      }],
    });
  });

  test('can render a deny of every peer on every port as the entity all without toPorts', () => {
    const policy = new Policy({
      name: 'quarantine',
      namespaceName: 'shop',
      subject: Selector.labels({ quarantine: 'true' }),
      isolateIngress: true,
      ingress: [Rule.deny({ peers: [Peer.anywhere()], ports: [Port.allPorts()] })],
    });
    expect(render(policy).spec).toStrictEqual({
      enableDefaultDeny: { egress: false, ingress: true },
      endpointSelector: { matchLabels: { quarantine: 'true' } },
      ingress: [{}],
      ingressDeny: [{ fromEntities: ['all'] }],
    });
  });

  test('can render deny rules of a direction that is not isolated as deny-only, never default deny', () => {
    // GIVEN deny rules alone: they subtract traffic, they do not isolate
    const policy = new Policy({
      name: 'no-metadata',
      namespaceName: 'shop',
      subject: Selector.all(),
      egress: [Rule.deny({ peers: [Peer.ipBlock('169.254.169.254/32')], ports: [Port.allPorts()] })],
    });
    expect(policy.isolateEgress).toBe(false);
    // WHEN / THEN no empty allow rule, and enableDefaultDeny says false for egress explicitly
    expect(render(policy).spec).toStrictEqual({
      egressDeny: [{ toCIDRSet: [{ cidr: '169.254.169.254/32' }] }],
      enableDefaultDeny: { egress: false, ingress: false },
      endpointSelector: {},
    });
  });
});
