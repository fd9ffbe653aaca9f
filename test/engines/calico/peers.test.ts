import { render, specOf, webPolicy } from './calico-fixtures';
import { Engine } from '../../../lib/engines/engine';
import { Peer, Port, Rule, Selector } from '../../../lib/model';

const api = Selector.labels({ app: 'api' });
const from = (...peers: Peer[]) => webPolicy({ ingress: [Rule.allow({ peers, ports: [Port.tcp(8080)] })] });
const to = (...peers: Peer[]) => webPolicy({ egress: [Rule.allow({ peers, ports: [Port.tcp(8080)] })] });
const tcp8080 = { destination: { ports: [8080] }, protocol: 'TCP' };

describe('renderCalicoPolicy: peers', () => {
  test('can render a whole namespaced allow as a projectcalico.org/v3 NetworkPolicy', () => {
    // GIVEN an ingress allow from the api pods of the policy's namespace
    const policy = from(Peer.pods(api));
    // WHEN
    const manifest = render(policy);
    // THEN
    expect(manifest).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'cdk-netpol' }, name: 'web', namespace: 'prod' },
      spec: {
        ingress: [{ action: 'Allow', ...tcp8080, source: { selector: "app == 'api'" } }],
        selector: "app == 'web'",
        types: ['Ingress'],
      },
    });
  });

  test('can render pods of the policy namespace as a bare selector (Calico scopes it to the namespace)', () => {
    expect(specOf(from(Peer.pods(api))).ingress).toEqual([{ action: 'Allow', ...tcp8080, source: { selector: "app == 'api'" } }]);
  });

  test('can render a namespace by name as a namespaceSelector on kubernetes.io/metadata.name', () => {
    expect(specOf(from(Peer.namespaceNamed('monitoring'))).ingress).toEqual([
      { action: 'Allow', ...tcp8080, source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" } },
    ]);
  });

  test('can render the policy\'s own namespace by name as every pod of it (selector all(), never an empty entity)', () => {
    expect(specOf(from(Peer.namespaceNamed('prod'))).ingress).toEqual([{ action: 'Allow', ...tcp8080, source: { selector: 'all()' } }]);
    expect(specOf(from(Peer.podsInNamespace('prod', api))).ingress).toEqual([{ action: 'Allow', ...tcp8080, source: { selector: "app == 'api'" } }]);
  });

  test('can render namespaces by selector, and every namespace as all()', () => {
    expect(specOf(from(Peer.namespaces(Selector.labels({ team: 'a' })))).ingress).toEqual([
      { action: 'Allow', ...tcp8080, source: { namespaceSelector: "team == 'a'" } },
    ]);
    expect(specOf(from(Peer.allPodsInCluster())).ingress).toEqual([{ action: 'Allow', ...tcp8080, source: { namespaceSelector: 'all()' } }]);
  });

  test('can render pods AND namespaces as one entity rule (both must hold)', () => {
    expect(specOf(from(Peer.podsInNamespace('monitoring', Selector.labels({ app: 'prometheus' })))).ingress).toEqual([
      { action: 'Allow', ...tcp8080, source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'", selector: "app == 'prometheus'" } },
    ]);
    expect(specOf(from(Peer.podsInNamespaces(api, Selector.labels({ team: 'a' })))).ingress).toEqual([
      { action: 'Allow', ...tcp8080, source: { namespaceSelector: "team == 'a'", selector: "app == 'api'" } },
    ]);
  });

  test('can render an ipBlock with except as nets and notNets of one entity rule', () => {
    expect(specOf(to(Peer.anyIpv4({ exceptCidrs: ['192.168.0.0/16', '10.0.0.0/8'] }))).egress).toEqual([
      { action: 'Allow', destination: { nets: ['0.0.0.0/0'], notNets: ['10.0.0.0/8', '192.168.0.0/16'], ports: [8080] }, protocol: 'TCP' },
    ]);
    expect(specOf(to(Peer.ipBlock('fd00::/8'))).egress).toEqual([
      { action: 'Allow', destination: { nets: ['fd00::/8'], ports: [8080] }, protocol: 'TCP' },
    ]);
  });

  test('can render anywhere as a rule without a peer side', () => {
    expect(specOf(from(Peer.anywhere())).ingress).toEqual([{ action: 'Allow', ...tcp8080 }]);
    expect(specOf(to(Peer.anywhere(), Peer.pods(api))).egress).toEqual([{ action: 'Allow', destination: { ports: [8080] }, protocol: 'TCP' }]);
  });

  test('can put egress peers and ports in destination, ingress peers in source and the subject\'s ports in destination', () => {
    expect(specOf(to(Peer.podsInNamespace('backend', api))).egress).toEqual([
      {
        action: 'Allow',
        destination: { namespaceSelector: "kubernetes.io/metadata.name == 'backend'", ports: [8080], selector: "app == 'api'" },
        protocol: 'TCP',
      },
    ]);
  });

  test('can render the same peers for crd.projectcalico.org/v1', () => {
    const manifest = render(from(Peer.pods(api)), Engine.CALICO_CRD);
    expect(manifest.apiVersion).toBe('crd.projectcalico.org/v1');
    expect(manifest.spec).toEqual(specOf(from(Peer.pods(api))));
  });
});
