import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AllowDns, AllowFlow, AllowFrom, AllowTo, DefaultDeny, DefaultEngine, Diagnostics, Engine, ErrorCode, Port, Selector, Subject,
} from '../../../lib';

// Random apps of isolated namespaces (DefaultDeny + AllowDns in each) and flows between their pods. Between isolated
// pods a flow needs both sides (Kubernetes: the source's egress and the destination's ingress; Calico and Cilium the
// same), so: every flow opened with AllowFlow is alive, and a flow opened on one side only is dead.

const NAMESPACES = ['ns-a', 'ns-b', 'ns-c'];
const APPS = ['p0', 'p1', 'p2'];
const PORTS = [80, 443, 5432, 8080];
const ENGINES = [Engine.KUBERNETES, Engine.CALICO, Engine.CALICO_CRD, Engine.CILIUM];

interface Pod { readonly namespace: string; readonly app: string }
interface FlowSpec { readonly from: Pod; readonly to: Pod; readonly port: number }

const pod = fc.record({ namespace: fc.constantFrom(...NAMESPACES), app: fc.constantFrom(...APPS) });
const flows = fc.uniqueArray(
  fc.record({ from: pod, to: pod, port: fc.constantFrom(...PORTS) }).filter(f => f.from.namespace !== f.to.namespace || f.from.app !== f.to.app),
  { minLength: 1, maxLength: 6, selector: f => `${f.from.namespace}/${f.from.app}->${f.to.namespace}/${f.to.app}` },
);

const subjectOf = (p: Pod) => Subject.pods(Selector.labels({ app: p.app }), p.namespace);

/** An app whose namespaces are isolated; flow `oneSided` (if any) is opened on `side` only, the others with AllowFlow. */
function appOf(engine: Engine, specs: readonly FlowSpec[], oneSided?: { index: number; side: 'egress' | 'ingress' }) {
  const app = Testing.app();
  DefaultEngine.set(app, engine);
  const charts = new Map(NAMESPACES.map(ns => [ns, new Chart(app, ns, { namespace: ns })]));
  for (const chart of charts.values()) {
    new DefaultDeny(chart, 'Deny');
    new AllowDns(chart, 'Dns');
  }
  specs.forEach((f, i) => {
    const id = `Flow${i}`;
    const ports = [Port.tcp(f.port)];
    const [source, destination] = [subjectOf(f.from), subjectOf(f.to)];
    if (oneSided?.index !== i) {
      new AllowFlow(charts.get(f.from.namespace)!, id, { source, destination, ports });
    } else if (oneSided.side === 'egress') {
      new AllowTo(charts.get(f.from.namespace)!, id, { subject: source, peers: [destination.asPeer(f.from.namespace)], ports });
    } else {
      new AllowFrom(charts.get(f.to.namespace)!, id, { subject: destination, peers: [source.asPeer(f.to.namespace)], ports });
    }
  });
  return app;
}

const blockedPaths = (app: ReturnType<typeof appOf>) => Diagnostics.of(app).filter(d => d.code === ErrorCode.ALLOW_BLOCKED).map(d => d.path);

describe('whole-app check, property', () => {
  test('raises no ALLOW_BLOCKED for random apps whose flows all have both sides', () => {
    fc.assert(fc.property(fc.constantFrom(...ENGINES), flows, (engine, specs) => {
      expect(blockedPaths(appOf(engine, specs))).toEqual([]);
    }), { numRuns: 60 });
  });

  test('raises ALLOW_BLOCKED at the intent when one side of a random flow between isolated pods is removed', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ENGINES), flows, fc.nat(), fc.constantFrom('egress' as const, 'ingress' as const),
      (engine, specs, pick, side) => {
        const index = pick % specs.length;
        const f = specs[index];
        const path = `${side === 'egress' ? f.from.namespace : f.to.namespace}/Flow${index}`;
        expect(blockedPaths(appOf(engine, specs, { index, side }))).toEqual([path]);
      },
    ), { numRuns: 60 });
  });
});
