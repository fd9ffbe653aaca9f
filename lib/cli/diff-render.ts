import { FlowChange, ReachabilityDiff } from '../analyzer/diff';

/** Flows of one workload pair, their ports in order. */
interface PairRow {
  readonly from: string;
  readonly to: string;
  readonly ports: string;
}

/** `5432/TCP (postgres)`, with `[uncertain]` when the verdict depends on a pod's place in the pod CIDRs. */
function portText(c: FlowChange): string {
  const port = c.anyPort ? 'any port' : String(c.port);
  return `${port}/${c.protocol}${c.portName ? ` (${c.portName})` : ''}${c.certain === false ? ' [uncertain]' : ''}`;
}

/** Changes grouped by workload pair (they come sorted by source, destination, port). */
function pairRows(changes: readonly FlowChange[]): PairRow[] {
  const rows: { from: string; to: string; ports: string[] }[] = [];
  for (const c of changes) {
    const last = rows[rows.length - 1];
    if (last !== undefined && last.from === c.from && last.to === c.to) last.ports.push(portText(c));
    else rows.push({ from: c.from, to: c.to, ports: [portText(c)] });
  }
  return rows.map(r => ({ from: r.from, to: r.to, ports: r.ports.join(', ') }));
}

function counts(diff: ReachabilityDiff): string {
  const { added, removed, policies } = diff;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${plural(added.length, 'flow', 'flows')} newly allowed, ${plural(removed.length, 'flow', 'flows')} newly denied; `
    + `policies: ${policies.added.length} added, ${policies.removed.length} removed, ${policies.changed.length} changed`;
}

/** Plain text: a summary line, then `+` and `-` lines per workload pair, then the policies. */
export function renderDiffText(diff: ReachabilityDiff): string {
  const lines = [`engine ${diff.engine}: ${counts(diff)}`];
  for (const [mark, changes] of [['+', diff.added], ['-', diff.removed]] as const) {
    for (const row of pairRows(changes)) lines.push(`${mark} ${row.from} -> ${row.to}: ${row.ports}`);
  }
  const { added, removed, changed } = diff.policies;
  for (const [mark, names] of [['+', added], ['-', removed], ['~', changed]] as const) {
    for (const name of names) lines.push(`${mark} policy ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown for a pull-request comment: a summary line, then tables of at most `maxRows` rows, each with a count of the rest. */
export function renderDiffMarkdown(diff: ReachabilityDiff, maxRows: number): string {
  const out = [`**cdk-netpol diff** (${diff.engine}): ${counts(diff)}.`];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const table = (title: string, header: string[], rows: string[][]) => {
    if (rows.length === 0) return;
    out.push('', `#### ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const row of rows.slice(0, maxRows)) out.push(`| ${row.map(cell).join(' | ')} |`);
    if (rows.length > maxRows) out.push('', `…and ${rows.length - maxRows} more.`);
  };
  table('Newly allowed', ['From', 'To', 'Ports'], pairRows(diff.added).map(r => [r.from, r.to, r.ports]));
  table('Newly denied', ['From', 'To', 'Ports'], pairRows(diff.removed).map(r => [r.from, r.to, r.ports]));
  const { added, removed, changed } = diff.policies;
  table('Policies', ['Change', 'Policy'], [
    ...added.map(n => ['added', n]), ...removed.map(n => ['removed', n]), ...changed.map(n => ['changed', n]),
  ]);
  return `${out.join('\n')}\n`;
}

/** `{"engine", "added": [{from, to, port, protocol, portName?, certain?, trace, gone?}], "removed": [...], "policies": {...}}`. */
export function renderDiffJson(diff: ReachabilityDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
