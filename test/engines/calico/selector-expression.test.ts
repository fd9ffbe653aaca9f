import { Engine, ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../../lib';
import { evaluatorFor } from '../../../lib/analyzer/evaluators';
import { buildCluster } from '../../../lib/analyzer/load';
import { validateManifest } from '../../support/kube-validator';

// Selector.calico: what label selectors cannot say (an OR inside one selector), for the engines that can render it.
const workers = Selector.calico("has(team) && (tier == 'api' || tier == 'worker')");
const policy = (subject: Selector, peerSelector: Selector = Selector.labels({ app: 'web' })) => new Policy({
  name: 'api-workers',
  namespaceName: 'prod',
  subject,
  ingress: [Rule.allow({ peers: [Peer.pods(peerSelector)], ports: [Port.tcp(8080)] })],
});

describe('Selector.calico', () => {
  test('can be rendered verbatim by calico and calico-crd', () => {
    for (const engine of [Engine.CALICO, Engine.CALICO_CRD]) {
      const manifest = engine.render(policy(workers, Selector.calico("app == 'web' || app == 'edge'")));
      expect(manifest.spec.selector).toBe("has(team) && (tier == 'api' || tier == 'worker')");
      expect(manifest.spec.ingress[0].source).toEqual({ selector: "app == 'web' || app == 'edge'" });
      expect(validateManifest(manifest)).toEqual([]);
    }
  });

  test('means what it says under the Calico evaluator', () => {
    const pod = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'prod', labels } });
    const cluster = buildCluster([
      pod('api', { team: 'a', tier: 'api' }), pod('worker', { team: 'a', tier: 'worker' }), pod('db', { team: 'a', tier: 'db' }),
      pod('web', { app: 'web' }), pod('edge', { app: 'edge' }), pod('other', { app: 'other' }),
      Engine.CALICO.render(policy(workers, Selector.calico("app == 'web' || app == 'edge'"))),
    ]);
    const evaluator = evaluatorFor('calico', cluster);
    const allowed = (from: string, to: string) => evaluator.evaluate({
      from: { kind: 'endpoint', endpoint: cluster.endpoints.find(e => e.name === from)! },
      to: { kind: 'endpoint', endpoint: cluster.endpoints.find(e => e.name === to)! },
      port: 8080,
      protocol: 'TCP',
    }).allowed;
    expect([allowed('web', 'api'), allowed('edge', 'worker'), allowed('other', 'api'), allowed('other', 'db')]).toEqual([true, true, false, true]);
  });

  test('is refused by kubernetes and cilium, naming where it is used', () => {
    for (const engine of [Engine.KUBERNETES, Engine.CILIUM]) {
      expect(engine.problems(policy(workers)).map(p => [p.code, p.field])).toEqual([[ErrorCode.ENGINE_NO_SELECTOR_EXPRESSION, 'subject']]);
      expect(engine.problems(policy(Selector.all(), workers)).map(p => [p.code, p.field]))
        .toEqual([[ErrorCode.ENGINE_NO_SELECTOR_EXPRESSION, 'ingress[0].peers[0].podSelector']]);
    }
  });

  test('throws SELECTOR_EXPRESSION_INVALID for a malformed expression (the Calico engines parse it) or added label requirements', () => {
    for (const engine of [Engine.CALICO, Engine.CALICO_CRD]) {
      expect(engine.problems(policy(Selector.calico("app == 'web' &&"))).map(p => [p.code, p.field, p.value]))
        .toEqual([[ErrorCode.SELECTOR_EXPRESSION_INVALID, 'subject.calicoExpression', "app == 'web' &&"]]);
    }
    expect(Selector.calico("app == 'web'").withLabel('tier', 'a')._problems().map(p => p.code)).toEqual([ErrorCode.SELECTOR_EXPRESSION_INVALID]);
    expect(Selector.calico("app == 'web'")._problems()).toEqual([]);
    expect(Selector.calico("app == 'web'").toString()).toBe("calico(app == 'web')");
  });
});
