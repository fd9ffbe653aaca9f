import * as fc from 'fast-check';
import { NAMESPACES, intentFlows, labelsOf, podsOf, toFlow, workloadManifests } from './intent-cluster';
import { intentAllows } from './intent-semantics';
import { Engine, ErrorCode, Peer, Policy, Port, Rule, Selector } from '../../lib';
import { evaluatorFor } from '../../lib/analyzer/evaluators';
import { buildCluster } from '../../lib/analyzer/load';

// One intent, every engine that can express it: rendered by the engine's renderer and evaluated by that engine's
// evaluator, each must give the verdicts of the intent's own semantics (intent-semantics.ts).


const app = fc.constantFrom('web', 'api', 'db');
const podArb = fc.record({ namespace: fc.constantFrom(...Object.keys(NAMESPACES)), app, tier: fc.constantFrom('front', 'back') });
const selector = fc.oneof(
  { weight: 1, arbitrary: fc.constant(Selector.all()) },
  { weight: 3, arbitrary: app.map(a => Selector.labels({ app: a })) },
  { weight: 1, arbitrary: fc.constantFrom('front', 'back').map(t => Selector.labels({ tier: t })) },
);
const peer = fc.oneof(
  selector.map(s => Peer.pods(s)),
  fc.constantFrom(...Object.keys(NAMESPACES)).map(ns => Peer.namespaceNamed(ns)),
  fc.tuple(selector, fc.constantFrom('a', 'b')).map(([s, team]) => Peer.podsInNamespaces(s, Selector.labels({ team }))),
  fc.constant(Peer.allPodsInCluster()),
  fc.constant(Peer.ipBlock('203.0.113.0/24')),
  fc.constant(Peer.ipBlock('198.51.100.0/24', ['198.51.100.0/28'])),
  fc.constant(Peer.anywhere()),
);
const port = fc.constantFrom(Port.tcp(80), Port.tcp(8080), Port.named('http'), Port.tcpRange(8000, 8100), Port.allTcp(), Port.udp(53), Port.allPorts());
const ruleOptions = fc.record({ peers: fc.array(peer, { minLength: 1, maxLength: 2 }), ports: fc.array(port, { minLength: 1, maxLength: 2 }) });

interface PolicyShape { namespace: string; subject: Selector; ingress: Rule[]; egress: Rule[]; isolateIngress: boolean; isolateEgress: boolean }
const allowPolicy = fc.record({
  namespace: fc.constantFrom(...Object.keys(NAMESPACES)),
  subject: selector,
  ingress: fc.array(ruleOptions.map(o => Rule.allow(o)), { maxLength: 2 }),
  egress: fc.array(ruleOptions.map(o => Rule.allow(o)), { maxLength: 2 }),
  isolateIngress: fc.boolean(),
  isolateEgress: fc.boolean(),
}).map(p => ({
  ...p,
  isolateIngress: p.isolateIngress || p.ingress.length > 0,
  isolateEgress: p.isolateEgress || p.egress.length > 0 || !p.isolateIngress,
}));
// Deny is compared within one policy: across policies Calico lets the first policy in order decide.
const denyPolicy = fc.record({
  namespace: fc.constantFrom(...Object.keys(NAMESPACES)),
  subject: selector,
  allow: fc.array(ruleOptions, { maxLength: 2 }),
  deny: fc.array(ruleOptions, { minLength: 1, maxLength: 2 }),
  direction: fc.constantFrom('ingress', 'egress'),
  isolate: fc.boolean(),
}).map(p => {
  const rules = [...p.deny.map(o => Rule.deny(o)), ...p.allow.map(o => Rule.allow(o))];
  const isolated = p.isolate || p.allow.length > 0;
  return p.direction === 'ingress'
    ? { namespace: p.namespace, subject: p.subject, ingress: rules, egress: [], isolateIngress: isolated, isolateEgress: false }
    : { namespace: p.namespace, subject: p.subject, ingress: [], egress: rules, isolateIngress: false, isolateEgress: isolated };
});

const toPolicy = (shape: PolicyShape, i: number) => new Policy({
  name: `p${i}`,
  namespaceName: shape.namespace,
  subject: shape.subject,
  ingress: shape.ingress,
  egress: shape.egress,
  isolateIngress: shape.isolateIngress,
  isolateEgress: shape.isolateEgress,
});

// How many intents each engine was actually checked on, so a generator that produces nothing expressible fails loudly.
const checked = new Map<string, number>();

function checkEveryEngine(podShapes: Array<{ namespace: string; app: string; tier: string }>, shapes: PolicyShape[]): void {
  const pods = podsOf(podShapes.map(p => ({ namespace: p.namespace, labels: { app: p.app, tier: p.tier } })));
  const policies = shapes.map(toPolicy);
  if (policies.some(p => p.problems().length > 0)) return;
  const expected = intentFlows(pods).map(f => intentAllows(f, policies, labelsOf));
  for (const engine of Engine.all()) {
    const problems = policies.flatMap(p => engine.problems(p));
    if (problems.length > 0) {
      // cluster-network-policy renders cluster-scoped intents only (see test/engines/cluster-network-policy): it refuses every one here.
      if (!engine.capabilities.namespaceScope) expect(problems[0].code).toBe(ErrorCode.ENGINE_NO_NAMESPACE_SCOPE);
      continue;
    }
    checked.set(engine.name, (checked.get(engine.name) ?? 0) + 1);
    const cluster = buildCluster([...workloadManifests(pods), ...policies.map(p => engine.render(p))]);
    const evaluator = evaluatorFor(engine.name as any, cluster);
    intentFlows(pods).forEach((f, i) => {
      const verdict = evaluator.evaluate(toFlow(f, cluster));
      if (verdict.allowed !== expected[i]) {
        throw new Error(`${engine.name}: ${JSON.stringify(f)} intent says ${expected[i] ? 'ALLOW' : 'DENY'}, engine says ${verdict.allowed ? 'ALLOW' : 'DENY'}\n`
          + `policies:\n${policies.map(p => p.toString()).join('\n')}\nrendered:\n${JSON.stringify(policies.map(p => engine.render(p)), null, 1)}\n`
          + `trace:\n${verdict.trace.map(e => `${e.direction} ${e.policy ?? e.tier} ${e.rule ?? ''} ${e.action} ${e.detail}`).join('\n')}`);
      }
    });
  }
}

describe('every engine means what the intent means', () => {
  beforeEach(() => checked.clear());

  test('allow-only intents: kubernetes, calico, calico-crd and cilium agree with the intent (property)', () => {
    fc.assert(fc.property(fc.array(podArb, { minLength: 2, maxLength: 4 }), fc.array(allowPolicy, { minLength: 1, maxLength: 3 }), (pods, shapes) => {
      checkEveryEngine(pods, shapes);
    }), { numRuns: 500 });
    for (const engine of ['kubernetes', 'calico', 'calico-crd', 'cilium']) expect(checked.get(engine)).toBeGreaterThan(400);
    expect(checked.get('cluster-network-policy') ?? 0).toBe(0);
  });

  test('intents with deny rules: calico, calico-crd and cilium agree with the intent (property)', () => {
    fc.assert(fc.property(fc.array(podArb, { minLength: 2, maxLength: 4 }), denyPolicy, (pods, shape) => {
      checkEveryEngine(pods, [shape]);
    }), { numRuns: 200 });
    expect(checked.get('kubernetes') ?? 0).toBe(0);
    expect(checked.get('cluster-network-policy') ?? 0).toBe(0);
    for (const engine of ['calico', 'calico-crd', 'cilium']) expect(checked.get(engine)).toBeGreaterThan(150);
  });
});
