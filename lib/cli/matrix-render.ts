// Renderers for `matrix`: pure functions from sorted rows to text, so each format has a golden test.
import { compareStrings } from './refs';
import { FlowPortVerdict } from '../analyzer/matrix';
import { Endpoint } from '../analyzer/types';

/** A flow between a workload and a named peer (`externalView`), for the pictures. */
export interface ExternalRow {
  /** `egress`: from the workload to the peer; `ingress`: from the peer to the workload. */
  readonly direction: 'egress' | 'ingress';
  /** The workload, named as rows name it. */
  readonly workload: string;
  /** The peer's name: `internet`, a CIDR, `fqdn:<name>`, `entity:<entity>`, `cluster-dns`. */
  readonly peer: string;
  readonly ports: readonly string[];
}

/** The outside, as the pictures draw it: its named peers and their flows. */
export interface ExternalRows {
  readonly peers: readonly string[];
  readonly flows: readonly ExternalRow[];
}

/** One allowed flow, its endpoints named as `findEndpoint` reads them back. */
export interface MatrixRow extends FlowPortVerdict {
  readonly from: string;
  readonly to: string;
}

/** The matrix by class: each class's members (named, sorted), and flows between classes by their position. */
export interface ClassRows {
  readonly classes: readonly (readonly string[])[];
  readonly flows: readonly ClassFlowRow[];
}

/** A flow between two classes, named by their position in `ClassRows.classes`. */
export interface ClassFlowRow extends FlowPortVerdict {
  readonly from: number;
  readonly to: number;
}

/** How the table and the chart mark an uncertain row, and what the mark means. */
const MARKS = {
  uncertain: {
    text: 'uncertain',
    legend: 'allowed if the pod without a known IP is in no ipBlock, but other places in the pod CIDRs give another verdict',
  },
  maybe: {
    text: 'may be allowed',
    legend: 'denied if the pod without a known IP is in no ipBlock, but allowed at some places in the pod CIDRs',
  },
} as const;
const HOW_TO_DECIDE = 'cdk-netpol explain names the pod and the ipBlock; declare its IP or --pod-cidr';

function markOf(row: MatrixRow): typeof MARKS[keyof typeof MARKS] | undefined {
  if (row.certain !== false) return undefined;
  return row.allowed ? MARKS.uncertain : MARKS.maybe;
}

/** One line per mark the rows use, `[mark] meaning`. */
function legendLines(rows: readonly MatrixRow[], format: (mark: string, meaning: string) => string): string[] {
  return Object.values(MARKS).filter(m => rows.some(r => markOf(r) === m)).map(m => format(m.text, `${m.legend}; ${HOW_TO_DECIDE}`));
}

/** Orders rows by source, destination, port, protocol: the order of every format. */
export function compareRows(a: MatrixRow, b: MatrixRow): number {
  return compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || a.port - b.port || compareStrings(a.protocol, b.protocol);
}

/** `8080/TCP`, or `8080/TCP (http)` with the port's name. */
export function portText(row: MatrixRow, withName: boolean): string {
  const port = `${row.port}/${row.protocol}`;
  return withName && row.portName ? `${port} (${row.portName})` : port;
}

/**
 * Aligned columns FROM, TO, PORT separated by two spaces; no trailing blanks. An uncertain row's port is followed
 * by its mark (`[uncertain]`, `[may be allowed]`), explained after the table.
 */
export function renderTable(rows: readonly MatrixRow[]): string {
  const marked = (r: MatrixRow) => {
    const mark = markOf(r);
    return mark ? `${portText(r, true)} [${mark.text}]` : portText(r, true);
  };
  const lines = [['FROM', 'TO', 'PORT'], ...rows.map(r => [r.from, r.to, marked(r)])];
  // reduce, not Math.max(...): a large cluster has more rows than a call has arguments.
  const width = [0, 1].map(c => lines.reduce((w, l) => Math.max(w, l[c].length), 0));
  const legend = legendLines(rows, (mark, meaning) => `[${mark}]: ${meaning}`);
  const table = lines.map(l => `${l[0].padEnd(width[0])}  ${l[1].padEnd(width[1])}  ${l[2]}`);
  return [...table, ...legend.length ? ['', ...legend] : []].join('\n') + '\n';
}

/**
 * `{"engine", "flows": [{"from", "to", "port", "protocol", "portName"?}]}`; an uncertain flow adds
 * `"certain": false`, `"allowed"` (the verdict for a pod in no ipBlock) and `"assumption"`.
 */
export function renderJson(engine: string, rows: readonly MatrixRow[]): string {
  const flows = rows.map(r => ({ from: r.from, to: r.to, ...flowFields(r) }));
  return JSON.stringify({ engine, flows }, undefined, 2) + '\n';
}

/** The fields every JSON flow has, uncertain ones with their marks. */
function flowFields(r: MatrixRow | ClassFlowRow): object {
  return {
    port: r.port,
    protocol: r.protocol,
    ...(r.portName ? { portName: r.portName } : {}),
    ...(r.certain === false ? { certain: false, allowed: r.allowed ?? false, assumption: r.assumption ?? '' } : {}),
  };
}

/** `c1`, `c2`...: a class by its position. */
function classId(index: number): string {
  return `c${index + 1}`;
}

/**
 * `{"engine", "classes": [{"id": "c1", "members": [...]}], "flows": [{"from": "c1", "to": "c2", "port", "protocol",
 * "portName"?}]}`; uncertain flows add `"certain": false`, `"allowed"` and `"assumption"`.
 */
export function renderGroupedJson(engine: string, matrix: ClassRows): string {
  const classes = matrix.classes.map((members, i) => ({ id: classId(i), members }));
  const flows = matrix.flows.map(f => ({ from: classId(f.from), to: classId(f.to), ...flowFields(f) }));
  return JSON.stringify({ engine, classes, flows }, undefined, 2) + '\n';
}

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(fields: readonly (string | number | boolean | undefined)[]): string {
  return fields.map(csvField).join(',');
}

/** The flow columns of both CSV layouts: port, protocol, port_name, certain, allowed, assumption. */
function csvFlowFields(r: MatrixRow | ClassFlowRow): (string | number | boolean | undefined)[] {
  const uncertain = r.certain === false;
  return [r.port, r.protocol, r.portName, !uncertain, uncertain ? r.allowed ?? false : true, uncertain ? r.assumption ?? '' : undefined];
}

/** A header, then one line per flow: `from,to,port,protocol,port_name,certain,allowed,assumption`. */
export function renderCsv(rows: readonly MatrixRow[]): string {
  const lines = [csvLine(['from', 'to', 'port', 'protocol', 'port_name', 'certain', 'allowed', 'assumption'])];
  for (const r of rows) lines.push(csvLine([r.from, r.to, ...csvFlowFields(r)]));
  return lines.join('\n') + '\n';
}

/**
 * One table of two kinds of lines, `record,class,member,from,to,port,protocol,port_name,certain,allowed,assumption`:
 * a `class` line per member of each class, then a `flow` line per flow between classes.
 */
export function renderGroupedCsv(matrix: ClassRows): string {
  const lines = [csvLine(['record', 'class', 'member', 'from', 'to', 'port', 'protocol', 'port_name', 'certain', 'allowed', 'assumption'])];
  matrix.classes.forEach((members, i) => members.forEach(m => lines.push(csvLine(['class', classId(i), m, '', '', '', '', '', '', '', '']))));
  for (const f of matrix.flows) lines.push(csvLine(['flow', '', '', classId(f.from), classId(f.to), ...csvFlowFields(f)]));
  return lines.join('\n') + '\n';
}

/**
 * A Mermaid flowchart: one subgraph per namespace holding its workloads (also those no flow reaches),
 * and one edge per source and destination labelled with the allowed ports. Uncertain ports carry their mark;
 * an edge whose every port may only be allowed is dotted; a legend node explains the marks.
 */
export function renderMermaid(
  endpoints: readonly Endpoint[], rows: readonly MatrixRow[], nameOf: (e: Endpoint) => string, external: ExternalRows = { peers: [], flows: [] },
): string {
  const sorted = [...endpoints].sort((a, b) => compareStrings(nameOf(a), nameOf(b)));
  const ids = nodeIds(sorted, nameOf);
  const out = ['flowchart LR'];
  const namespaces = [...new Set(sorted.map(e => e.namespace))].sort(compareStrings);
  for (const ns of namespaces) {
    out.push(`  subgraph ns_${sanitize(ns)} ["${ns}"]`);
    for (const e of sorted.filter(x => x.namespace === ns)) out.push(`    ${ids.get(nameOf(e))}["${e.kind}/${e.name}"]`);
    out.push('  end');
  }
  const edges = new Map<string, MatrixRow[]>();
  for (const r of rows) {
    const key = `${ids.get(r.from)} ${ids.get(r.to)}`;
    const edge = edges.get(key);
    if (edge) edge.push(r);
    else edges.set(key, [r]);
  }
  for (const [key, edgeRows] of edges) {
    const [from, to] = key.split(' ');
    const labels = edgeRows.map(r => {
      const mark = markOf(r);
      return mark ? `${portText(r, false)} (${mark.text})` : portText(r, false);
    });
    const arrow = edgeRows.every(r => markOf(r) === MARKS.maybe) ? '-.->' : '-->';
    // Marked labels hold parentheses, which Mermaid reads only inside quotes.
    const label = edgeRows.some(r => markOf(r) !== undefined) ? `"${labels.join(', ')}"` : labels.join(', ');
    out.push(`  ${from} ${arrow}|${label}| ${to}`);
  }
  // Peers outside the cluster: round nodes outside every namespace, with their edges.
  const externalIds = new Map(external.peers.map((peer, i) => [peer, `ext_${i + 1}`]));
  for (const peer of external.peers) out.push(`  ${externalIds.get(peer)}(("${peer}"))`);
  for (const f of external.flows) {
    const [from, to] = f.direction === 'egress' ? [ids.get(f.workload), externalIds.get(f.peer)] : [externalIds.get(f.peer), ids.get(f.workload)];
    out.push(`  ${from} -->|"${f.ports.join(', ')}"| ${to}`);
  }
  const legend = legendLines(rows, (mark, meaning) => `(${mark}): ${meaning}`);
  if (legend.length > 0) out.push(`  legend_uncertain["${legend.join('<br/>')}"]`);
  return out.join('\n') + '\n';
}

/**
 * A Graphviz DOT digraph: one cluster per namespace holding its workloads, the peers outside the cluster as ellipses,
 * and one edge per source and destination labelled with the allowed ports (dashed when every port may only be
 * allowed).
 */
export function renderDot(
  endpoints: readonly Endpoint[], rows: readonly MatrixRow[], nameOf: (e: Endpoint) => string, external: ExternalRows,
): string {
  const q = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const sorted = [...endpoints].sort((a, b) => compareStrings(nameOf(a), nameOf(b)));
  const out = ['digraph "cdk-netpol" {', '  rankdir=LR;', '  node [shape=box];'];
  const namespaces = [...new Set(sorted.map(e => e.namespace))].sort(compareStrings);
  namespaces.forEach((ns, i) => {
    out.push(`  subgraph cluster_${i + 1} {`, `    label=${q(ns)};`);
    for (const e of sorted.filter(x => x.namespace === ns)) out.push(`    ${q(nameOf(e))} [label=${q(`${e.kind}/${e.name}`)}];`);
    out.push('  }');
  });
  for (const peer of external.peers) out.push(`  ${q(`outside:${peer}`)} [label=${q(peer)}, shape=ellipse];`);
  const edges = new Map<string, MatrixRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.from, r.to]);
    edges.set(key, [...(edges.get(key) ?? []), r]);
  }
  for (const [key, edgeRows] of edges) {
    const [from, to] = JSON.parse(key) as [string, string];
    const label = edgeRows.map(r => {
      const mark = markOf(r);
      return mark ? `${portText(r, false)} (${mark.text})` : portText(r, false);
    }).join(', ');
    const dashed = edgeRows.every(r => markOf(r) === MARKS.maybe) ? ', style=dashed' : '';
    out.push(`  ${q(from)} -> ${q(to)} [label=${q(label)}${dashed}];`);
  }
  for (const f of external.flows) {
    const [from, to] = f.direction === 'egress' ? [f.workload, `outside:${f.peer}`] : [`outside:${f.peer}`, f.workload];
    out.push(`  ${q(from)} -> ${q(to)} [label=${q(f.ports.join(', '))}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** Mermaid ids: `<ns>_<Kind>_<name>` with every other character as `_`, numbered apart on a clash. */
function nodeIds(endpoints: readonly Endpoint[], nameOf: (e: Endpoint) => string): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const e of endpoints) {
    const base = sanitize(`${e.namespace}_${e.kind}_${e.name}`);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(nameOf(e), id);
  }
  return ids;
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}
