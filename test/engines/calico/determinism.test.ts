import * as fc from 'fast-check';
import { expectValidCalico } from './calico-fixtures';
import { Engine } from '../../../lib/engines/engine';
import { LabelExpression, Peer, Policy, Port, Rule, Selector } from '../../../lib/model';
import { hasSchema, schemaDir, validateManifest } from '../../support/kube-validator';

const peers = [
  Peer.pods(Selector.labels({ app: 'api' })),
  Peer.namespaceNamed('monitoring'),
  Peer.podsInNamespaces(Selector.labels({ app: 'agent' }), Selector.of({ matchExpressions: [LabelExpression.isIn('team', ['b', 'a'])] })),
  Peer.ipBlock('10.0.0.0/8', ['10.2.0.0/16', '10.1.0.0/16']),
  Peer.anyIpv6(),
];
const ports = [Port.tcp(443), Port.udp(53), Port.tcpRange(8000, 8080), Port.named('metrics'), Port.sctp(9)];

function policy(peerOrder: Peer[], portOrder: Port[], labels: Record<string, string>): Policy {
  return new Policy({
    name: 'web',
    namespaceName: 'prod',
    subject: Selector.labels(labels),
    priority: 100,
    ingress: [Rule.deny({ peers: [peerOrder[0]], ports: [Port.tcp(22)] }), Rule.allow({ peers: peerOrder, ports: portOrder })],
    egress: [Rule.allow({ peers: peerOrder, ports: portOrder })],
  });
}

describe('renderCalicoPolicy: determinism', () => {
  test.each([['calico', Engine.CALICO], ['calico-crd', Engine.CALICO_CRD]])('can render the same intent to identical JSON twice (%s)', (_name, engine) => {
    const a = JSON.stringify(engine.render(policy(peers, ports, { app: 'web', tier: 'front' })));
    const b = JSON.stringify(engine.render(policy(peers, ports, { app: 'web', tier: 'front' })));
    expect(b).toBe(a);
    expectValidCalico(JSON.parse(a));
  });

  test('can render identical JSON whatever order peers, ports, excepts and labels are given in (property)', () => {
    const expected = JSON.stringify(Engine.CALICO.render(policy(peers, ports, { app: 'web', tier: 'front' })));
    const peerOrders = fc.shuffledSubarray(peers, { minLength: peers.length });
    fc.assert(fc.property(peerOrders, fc.shuffledSubarray(ports, { minLength: ports.length }), fc.boolean(),
      (peerOrder, portOrder, reverseLabels) => {
        const labels = reverseLabels ? { tier: 'front', app: 'web' } : { app: 'web', tier: 'front' };
        // The denied peer is the first given: keep it fixed so only the order of the allow's lists varies.
        const shuffled = [peers[0], ...peerOrder.filter(p => p !== peers[0])];
        expect(JSON.stringify(Engine.CALICO.render(policy(shuffled, portOrder, labels)))).toBe(expected);
      }));
  });

  test('can expand every peer and protocol, one Calico rule each, in a stable order', () => {
    const egress = Engine.CALICO.render(policy(peers, ports, { app: 'web' })).spec.egress;
    // 5 peers × 3 protocols (SCTP, TCP, UDP)
    expect(egress).toHaveLength(15);
    expect(egress.map((r: any) => r.protocol)).toEqual(Array(5).fill(['SCTP', 'TCP', 'UDP']).flat());
  });
});

describe('renderCalicoPolicy: schema validation', () => {
  test('can rely on the shared validator for every Calico kind this renderer emits (validation is not vacuous)', () => {
    for (const apiVersion of ['projectcalico.org/v3', 'crd.projectcalico.org/v1']) {
      for (const kind of ['NetworkPolicy', 'GlobalNetworkPolicy']) expect(hasSchema({ apiVersion, kind })).toBe(true);
    }
    if (schemaDir() === undefined) return;
    const manifest = Engine.CALICO.render(policy(peers, ports, { app: 'web' }));
    expect(validateManifest(manifest)).toEqual([]);
    const broken = { ...manifest, spec: { ...manifest.spec, types: [], bogus: 1 } };
    expect(validateManifest(broken).length).toBeGreaterThan(0);
  });

  test.each([['calico', Engine.CALICO], ['calico-crd', Engine.CALICO_CRD]])('can render manifests that validate strictly against the v3.32.1 CRDs (%s, property)', (_name, engine) => {
    const peer = fc.constantFrom(...peers, Peer.anywhere(), Peer.allPodsInCluster(), Peer.namespaceNamed('prod'));
    const port = fc.constantFrom(...ports, Port.allTcp(), Port.allPorts(), Port.udpRange(1, 2));
    const actions = fc.constantFrom('allow', 'deny', 'passToNextTier', 'log');
    const rule = fc.tuple(actions, fc.array(peer, { minLength: 1, maxLength: 3 }), fc.array(port, { minLength: 1, maxLength: 3 }))
      .map(([action, rulePeers, rulePorts]) => (Rule as any)[action]({ peers: rulePeers, ports: rulePorts }) as Rule);
    const rules = fc.array(rule, { maxLength: 3 });
    fc.assert(fc.property(rules, rules, fc.option(fc.nat(2000)), (ingress, egress, priority) => {
      const intent = new Policy({
        name: 'web',
        namespaceName: 'prod',
        subject: Selector.labels({ app: 'web' }),
        priority: priority ?? undefined,
        ingress,
        egress,
        isolateIngress: true,
        isolateEgress: true,
      });
      expectValidCalico(engine.render(intent));
    }), { numRuns: 100 });
  });
});
