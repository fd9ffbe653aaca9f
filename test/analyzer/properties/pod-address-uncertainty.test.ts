import * as fc from 'fast-check';
import { EngineName, evaluatorFor } from '../../../lib/analyzer/evaluators';
import { buildCluster } from '../../../lib/analyzer/load';
import { Cluster, Endpoint, Evaluator, Verdict } from '../../../lib/analyzer/types';

// Verdicts about pods without a known IP are certain only when every place in the pod CIDRs gives the same answer.
// For random ipBlocks (cidr minus excepts, on the destination's ingress or the source's egress) and random pod
// CIDRs, each side pod without IP:
// - a certain verdict equals the verdict with the pods at random concrete addresses drawn from the pod CIDRs;
// - an uncertain verdict has two concrete placements with different verdicts, found among the addresses at the
//   edges of every network involved (computed here with plain arithmetic, not with the analyzer's candidates).
// Semantics: an ipBlock matches an address in `cidr` and in no `except`, pod addresses too (Kubernetes
// NetworkPolicy docs, "ipBlock"; Calico reads Kubernetes ipBlocks as nets).

interface Net {
  readonly value: bigint;
  readonly prefix: number;
  readonly bits: 32 | 128;
}

const pow2 = (n: number) => 2n ** BigInt(n);
const firstOf = (n: Net) => (n.value / pow2(n.bits - n.prefix)) * pow2(n.bits - n.prefix);
const lastOf = (n: Net) => firstOf(n) + pow2(n.bits - n.prefix) - 1n;
const inNet = (n: Net, bits: number, value: bigint) => n.bits === bits && value >= firstOf(n) && value <= lastOf(n);

function text(value: bigint, bits: number): string {
  if (bits === 32) return [24, 16, 8, 0].map(s => String((value / pow2(s)) % 256n)).join('.');
  return [112, 96, 80, 64, 48, 32, 16, 0].map(s => ((value / pow2(s)) % 65536n).toString(16)).join(':');
}
const netText = (n: Net) => `${text(firstOf(n), n.bits)}/${n.prefix}`;

// Small universes (10.0.0.0/8, fd00::/16) so that blocks and pod CIDRs meet often.
const V4_BASE = 10n * pow2(24);
const V6_BASE = 0xfd00n * pow2(112);
// Short prefixes are drawn more often than uniformly, so that nets contain each other often.
const prefixArb = (min: number, max: number) => fc.oneof(fc.integer({ min, max: min + 8 }), fc.integer({ min, max }));
const v4Net = fc.tuple(fc.bigInt({ min: 0n, max: pow2(24) - 1n }), prefixArb(8, 30))
  .map(([v, prefix]): Net => ({ value: V4_BASE + v, prefix, bits: 32 }));
const v6Net = fc.tuple(fc.bigInt({ min: 0n, max: pow2(112) - 1n }), prefixArb(16, 124))
  .map(([v, prefix]): Net => ({ value: V6_BASE + v, prefix, bits: 128 }));
const netArb = fc.oneof({ weight: 4, arbitrary: v4Net }, { weight: 1, arbitrary: v6Net });

/** A strict subnet of `n`. */
const subnetOf = (n: Net) => fc.tuple(
  fc.integer({ min: Math.min(n.prefix + 1, n.bits), max: n.bits }),
  fc.bigInt({ min: 0n, max: pow2(n.bits - n.prefix) - 1n }),
).map(([prefix, r]): Net => ({ value: firstOf(n) + r, prefix, bits: n.bits }));

const blockArb = netArb.filter(n => n.prefix < n.bits)
  .chain(cidr => fc.array(subnetOf(cidr), { maxLength: 2 }).map(except => ({ cidr, except })));

const scenarioArb = fc.record({
  block: blockArb,
  podCidrs: fc.array(netArb, { minLength: 1, maxLength: 2 }),
  direction: fc.constantFrom('ingress', 'egress'),
  engine: fc.constantFrom<EngineName>('kubernetes', 'calico'),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const pod = (name: string, app: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'prod', labels: { app } },
  spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 5432 }] }] },
});

/** The ipBlock admits the client on the server's ingress, or is where the client may go on its egress. */
function clusterOf(s: Scenario): Cluster {
  const ipBlock = { cidr: netText(s.block.cidr), ...(s.block.except.length ? { except: s.block.except.map(netText) } : {}) };
  const policy = s.direction === 'ingress'
    ? { podSelector: { matchLabels: { app: 'server' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock }], ports: [{ port: 5432 }] }] }
    : { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock }], ports: [{ port: 5432 }] }] };
  const cluster = buildCluster([
    pod('client', 'client'), pod('server', 'server'),
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'prod' }, spec: policy },
  ]);
  return { ...cluster, podCidrs: s.podCidrs.map(netText) };
}

/** The flow client -> server:5432 with each pod at the given addresses (none: unknown). */
function evaluateAt(evaluator: Evaluator, cluster: Cluster, clientIps: string[], serverIps: string[]): Verdict {
  const at = (name: string, ips: string[]): Endpoint => ({ ...cluster.endpoints.find(e => e.name === name)!, ips });
  return evaluator.evaluate({ from: { kind: 'endpoint', endpoint: at('client', clientIps) }, to: { kind: 'endpoint', endpoint: at('server', serverIps) }, port: 5432, protocol: 'TCP' });
}

/** An address of one of the pod CIDRs: [pod CIDR index, offset] drawn at random. */
const placementArb = fc.tuple(fc.nat(), fc.bigInt({ min: 0n, max: pow2(128) - 1n }));
function placed(s: Scenario, [index, offset]: [number, bigint]): { bits: number; ip: string } {
  const net = s.podCidrs[index % s.podCidrs.length];
  return { bits: net.bits, ip: text(firstOf(net) + (offset % pow2(net.bits - net.prefix)), net.bits) };
}

/** Addresses at the edges of every network involved that lie in a pod CIDR, one list per family. */
function edgeAddresses(s: Scenario): { bits: number; ip: string }[] {
  const nets = [...s.podCidrs, s.block.cidr, ...s.block.except];
  const points = nets.flatMap(n => [firstOf(n) - 1n, firstOf(n), lastOf(n), lastOf(n) + 1n].map(value => ({ bits: n.bits, value })));
  const seen = new Set<string>();
  return points.filter(p => s.podCidrs.some(c => inNet(c, p.bits, p.value)))
    .map(p => ({ bits: p.bits, ip: text(p.value, p.bits) }))
    .filter(p => !seen.has(p.ip) && seen.add(p.ip) !== undefined);
}

const show = (s: Scenario) =>
  JSON.stringify({ ...s, block: { cidr: netText(s.block.cidr), except: s.block.except.map(netText) }, podCidrs: s.podCidrs.map(netText) });

describe('uncertain verdicts for pods without IP (property)', () => {
  test('certain means every place agrees; uncertain means two places disagree', () => {
    fc.assert(fc.property(scenarioArb, placementArb, placementArb, (s, clientAt, serverAt) => {
      const cluster = clusterOf(s);
      const evaluator = evaluatorFor(s.engine, cluster);
      const verdict = evaluateAt(evaluator, cluster, [], []);
      if (verdict.certain) {
        const client = placed(s, clientAt);
        const server = placed(s, serverAt);
        if (client.bits !== server.bits) return; // no connection between single-stack pods of different families
        const concrete = evaluateAt(evaluator, cluster, [client.ip], [server.ip]);
        if (concrete.allowed !== verdict.allowed) {
          throw new Error(`certain ${verdict.allowed} but ${client.ip} -> ${server.ip} gives ${concrete.allowed}: ${show(s)}`);
        }
        return;
      }
      expect(verdict.assumption).toMatch(/has no known IP; whether it is in ipBlock\(/);
      const edges = edgeAddresses(s);
      const seen = new Set<boolean>();
      for (const client of edges) {
        for (const server of edges.filter(e => e.bits === client.bits)) {
          seen.add(evaluateAt(evaluator, cluster, [client.ip], [server.ip]).allowed);
          if (seen.size === 2) return;
        }
      }
      throw new Error(`uncertain, but every edge placement gives ${[...seen]}: ${show(s)}`);
    }), { numRuns: 200 });
  });
});
