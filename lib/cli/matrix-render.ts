// Renderers for `matrix`: pure functions from sorted rows to text, so each format has a golden test.
import { compareStrings } from './refs';
import { Endpoint, Protocol } from '../analyzer/types';

/** One allowed flow, its endpoints named as `findEndpoint` reads them back. */
export interface MatrixRow {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly portName?: string;
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

/** Aligned columns FROM, TO, PORT separated by two spaces; no trailing blanks. */
export function renderTable(rows: readonly MatrixRow[]): string {
  const lines = [['FROM', 'TO', 'PORT'], ...rows.map(r => [r.from, r.to, portText(r, true)])];
  // reduce, not Math.max(...): a large cluster has more rows than a call has arguments.
  const width = [0, 1].map(c => lines.reduce((w, l) => Math.max(w, l[c].length), 0));
  return lines.map(l => `${l[0].padEnd(width[0])}  ${l[1].padEnd(width[1])}  ${l[2]}`).join('\n') + '\n';
}

/** `{"engine", "flows": [{"from", "to", "port", "protocol", "portName"?}]}`. */
export function renderJson(engine: string, rows: readonly MatrixRow[]): string {
  const flows = rows.map(r => ({
    from: r.from,
    to: r.to,
    port: r.port,
    protocol: r.protocol,
    ...(r.portName ? { portName: r.portName } : {}),
  }));
  return JSON.stringify({ engine, flows }, undefined, 2) + '\n';
}

/**
 * A Mermaid flowchart: one subgraph per namespace holding its workloads (also those no flow reaches),
 * and one edge per source and destination labelled with the allowed ports.
 */
export function renderMermaid(endpoints: readonly Endpoint[], rows: readonly MatrixRow[], nameOf: (e: Endpoint) => string): string {
  const sorted = [...endpoints].sort((a, b) => compareStrings(nameOf(a), nameOf(b)));
  const ids = nodeIds(sorted, nameOf);
  const out = ['flowchart LR'];
  const namespaces = [...new Set(sorted.map(e => e.namespace))].sort(compareStrings);
  for (const ns of namespaces) {
    out.push(`  subgraph ns_${sanitize(ns)} ["${ns}"]`);
    for (const e of sorted.filter(x => x.namespace === ns)) out.push(`    ${ids.get(nameOf(e))}["${e.kind}/${e.name}"]`);
    out.push('  end');
  }
  const edges = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${ids.get(r.from)} ${ids.get(r.to)}`;
    const ports = edges.get(key);
    if (ports) ports.push(portText(r, false));
    else edges.set(key, [portText(r, false)]);
  }
  for (const [key, ports] of edges) {
    const [from, to] = key.split(' ');
    out.push(`  ${from} -->|${ports.join(', ')}| ${to}`);
  }
  return out.join('\n') + '\n';
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
