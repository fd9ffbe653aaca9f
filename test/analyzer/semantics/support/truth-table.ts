import * as fs from 'fs';
import * as path from 'path';
import { buildCluster, Cluster, Endpoint, Evaluator, FlowPeer, kubernetesEvaluator, parseManifests, Protocol, Verdict } from './analyzer';

/** The pods of the upstream e2e model, in the order of its printed truth tables. */
export const E2E_PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'semantics');

/** Raw manifests of a fixture file under test/analyzer/fixtures/semantics. */
export function fixtureDocs(file: string): any[] {
  const full = path.join(FIXTURES, file);
  return parseManifests(fs.readFileSync(full, 'utf8'), full);
}

/** Raw manifests from YAML text (multi-document). */
export function manifests(yaml: string): any[] {
  return parseManifests(yaml, 'cluster.yaml');
}

/** An analyzed cluster: its model, its evaluator and the raw manifests it came from. */
export interface Analyzed {
  readonly cluster: Cluster;
  readonly evaluator: Evaluator;
  readonly docs: readonly any[];
}

/** Loads `base` manifests plus policy YAML (multi-document), and compiles the Kubernetes evaluator. */
export function analyze(policiesYaml: string, base: readonly any[] = fixtureDocs('e2e-cluster.yaml')): Analyzed {
  const docs = [...base, ...parseManifests(policiesYaml, 'policies.yaml')];
  const cluster = buildCluster(docs);
  return { cluster, evaluator: kubernetesEvaluator(cluster), docs };
}

/** The endpoint `ns/name`. */
export function endpointOf(cluster: Cluster, ref: string): Endpoint {
  const [namespace, name] = ref.split('/');
  const found = cluster.endpoints.filter(e => e.namespace === namespace && e.name === name);
  if (found.length !== 1) throw new Error(`expected one endpoint ${ref}, found ${found.length}`);
  return found[0];
}

/** `ns/name` for an endpoint, a bare address for an outside peer. */
export function peerOf(cluster: Cluster, ref: string): FlowPeer {
  return ref.includes('/') ? { kind: 'endpoint', endpoint: endpointOf(cluster, ref) } : { kind: 'ip', ip: ref };
}

/** Evaluates one flow given as references (`x/a` or an IP address). */
export function verdict(a: Analyzed, from: string, to: string, port: number, protocol: Protocol = 'TCP'): Verdict {
  return a.evaluator.evaluate({ from: peerOf(a.cluster, from), to: peerOf(a.cluster, to), port, protocol });
}

/** True when the flow is allowed. */
export function allowed(a: Analyzed, from: string, to: string, port: number, protocol: Protocol = 'TCP'): boolean {
  return verdict(a, from, to, port, protocol).allowed;
}

/**
 * Compares the evaluator's reachability with a truth table written as the e2e suite prints it
 * (test/e2e/network/netpol/truthtable.go, PrettyPrint): a header `- <to...>`, then one row per source;
 * `.` allowed, `X` denied. Loopback (a pod to itself) is written `-` and not asserted: the e2e suite
 * ignores it (`ignoreLoopback = true`, kubernetes/kubernetes#95879) and the docs say a pod cannot block
 * access to itself. On a mismatch, jest shows both tables.
 */
export function expectTruthTable(a: Analyzed, port: number, protocol: Protocol, expected: string): void {
  const rows = expected.trim().split('\n').map(line => line.trim().split(/\s+/));
  const header = rows[0];
  if (header[0] !== '-') throw new Error('a truth table starts with a "-" header cell');
  const tos = header.slice(1);
  const froms = rows.slice(1).map(r => r[0]);
  const want: string[][] = [];
  const got: string[][] = [];
  rows.slice(1).forEach((row, i) => {
    if (row.length !== tos.length + 1) throw new Error(`row ${froms[i]} has ${row.length - 1} cells, want ${tos.length}`);
    want.push(row.slice(1));
    got.push(tos.map((to, j) => {
      const mark = row[j + 1];
      if (!['.', 'X', '-'].includes(mark)) throw new Error(`bad mark ${mark} in row ${froms[i]}`);
      if (mark === '-') {
        if (froms[i] !== to) throw new Error(`'-' is only for loopback, found at ${froms[i]} -> ${to}`);
        return '-';
      }
      return allowed(a, froms[i], to, port, protocol) ? '.' : 'X';
    }));
  });
  const print = (cells: string[][]) => [['-', ...tos], ...cells.map((c, i) => [froms[i], ...c])]
    .map(r => r.map(c => c.padEnd(4)).join('').trimEnd()).join('\n');
  expect(`${port}/${protocol}\n${print(got)}`).toBe(`${port}/${protocol}\n${print(want)}`);
}

/**
 * Checks a list of flows written one per line as `<from> -> <to> <port>/<protocol> <mark>`, where a peer is
 * `ns/name` or an IP address and the mark is `.` (allowed) or `X` (denied). On a mismatch, jest shows the
 * whole list with the evaluator's marks next to the expected ones.
 */
export function expectFlows(a: Analyzed, flows: string): void {
  const lines = flows.trim().split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
  const want: string[] = [];
  const got: string[] = [];
  for (const line of lines) {
    const m = /^(\S+)\s+->\s+(\S+)\s+(\d+)\/(TCP|UDP|SCTP)\s+([.X])$/.exec(line);
    if (!m) throw new Error(`cannot read flow line: ${line}`);
    const [, from, to, port, protocol, mark] = m;
    const text = `${from} -> ${to} ${port}/${protocol}`;
    want.push(`${text} ${mark}`);
    got.push(`${text} ${allowed(a, from, to, Number(port), protocol as Protocol) ? '.' : 'X'}`);
  }
  expect(got.join('\n')).toBe(want.join('\n'));
}
