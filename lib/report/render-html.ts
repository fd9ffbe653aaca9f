// The report as one self-contained HTML page: styles and script inline, the graph drawn as SVG from the positions
// the layout computed, no request made when it is opened.

import { ReportModel } from './report-model';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => (Math.round(n * 10) / 10).toString();

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #1b1f24; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: .5em 0; } td, th { border: 1px solid #ccd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
#filters { margin: .5em 0; } #filters label { margin-right: 1em; }
.cluster { pointer-events: none; } .cluster rect { fill: #f6f8fa; stroke: #8c959f; stroke-dasharray: 4 3; } .cluster text { font-size: 12px; fill: #57606a; }
.node rect { fill: #ddf4ff; stroke: #0969da; } .node ellipse { fill: #fff8c5; stroke: #9a6700; } .node text { font-size: 11px; }
.edge path { fill: none; stroke: #57606a; stroke-width: 1.5; } .edge path.hit { stroke: transparent; stroke-width: 12; } .edge text { font-size: 10px; fill: #57606a; }
.edge { cursor: pointer; } .edge:hover path.line { stroke: #0969da; stroke-width: 3; }
.edge[data-status=added] path.line { stroke: #1a7f37; stroke-width: 2.5; } .edge[data-status=removed] path.line { stroke: #cf222e; stroke-dasharray: 5 3; }
tr[data-status=added] { background: #dafbe1; } tr[data-status=removed] { background: #ffebe9; }
#matrix tbody tr { cursor: pointer; }
#trace { background: #f6f8fa; border: 1px solid #d0d7de; padding: .6em; min-height: 2em; white-space: pre-wrap; }
.hidden { display: none; }
`;

// Filters by namespace and port, and shows the explain trace of a clicked edge or matrix row.
const SCRIPT = `
const data = JSON.parse(document.getElementById('report-data').textContent);
const trace = document.getElementById('trace');
function show(flowIndexes) { trace.textContent = flowIndexes.map(i => data.flows[i].trace).join('\\n\\n'); }
document.querySelectorAll('.edge').forEach(el => el.addEventListener('click', () => show(data.edges[Number(el.dataset.edge)].flows)));
document.querySelectorAll('#matrix tbody tr').forEach(el => el.addEventListener('click', () => show([Number(el.dataset.flow)])));
function applyFilters() {
  const ns = document.getElementById('namespace-filter').value;
  const port = document.getElementById('port-filter').value.trim();
  const inNs = list => ns === '' || list.split(' ').includes(ns);
  document.querySelectorAll('.cluster').forEach(el => el.classList.toggle('hidden', !inNs(el.dataset.namespace)));
  document.querySelectorAll('.node[data-kind=workload]').forEach(el => el.classList.toggle('hidden', !inNs(el.dataset.namespace)));
  document.querySelectorAll('.edge').forEach(el => {
    const edge = data.edges[Number(el.dataset.edge)];
    el.classList.toggle('hidden', !inNs(el.dataset.namespaces) || (port !== '' && !edge.label.includes(port)));
  });
  document.querySelectorAll('#matrix tbody tr').forEach(el => {
    const flow = data.flows[Number(el.dataset.flow)];
    el.classList.toggle('hidden', !inNs(flow.namespaces.join(' ')) || (port !== '' && !flow.port.includes(port)));
  });
}
document.getElementById('namespace-filter').addEventListener('change', applyFilters);
document.getElementById('port-filter').addEventListener('input', applyFilters);
`;

/** The report page. */
export function renderReportHtml(model: ReportModel, title: string): string {
  const { graph } = model;
  const namespacesOf = (id: string) => graph.nodes.find(n => n.id === id)?.namespace;
  const svg: string[] = [`<svg id="graph" xmlns="http://www.w3.org/2000/svg" width="${graph.width}" height="${graph.height}" viewBox="0 0 ${graph.width} ${graph.height}">`];
  svg.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker></defs>');
  for (const c of graph.clusters) {
    svg.push(`<g class="cluster" data-namespace="${escape(c.namespace)}"><rect x="${num(c.x - c.width / 2)}" y="${num(c.y - c.height / 2)}" width="${num(c.width)}" height="${num(c.height)}" rx="6"/>`
      + `<text x="${num(c.x - c.width / 2 + 6)}" y="${num(c.y - c.height / 2 + 13)}">${escape(c.namespace)}</text></g>`);
  }
  model.edges.forEach((e, i) => {
    const points = graph.edges[i]?.points ?? [];
    if (points.length === 0) return;
    const d = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join(' ');
    const mid = points[Math.floor(points.length / 2)];
    const namespaces = [...new Set([namespacesOf(e.from), namespacesOf(e.to)].filter((n): n is string => n !== undefined))];
    svg.push(`<g class="edge" data-edge="${i}" data-from="${escape(e.from)}" data-to="${escape(e.to)}" data-namespaces="${escape(namespaces.join(' '))}" data-status="${e.status}">`
      + `<path class="hit" d="${d}"/><path class="line" d="${d}" marker-end="url(#arrow)"/><text x="${num(mid.x)}" y="${num(mid.y - 4)}" text-anchor="middle">${escape(e.label)}</text></g>`);
  });
  for (const n of graph.nodes) {
    const shape = n.kind === 'external'
      ? `<ellipse cx="${num(n.x)}" cy="${num(n.y)}" rx="${num(n.width / 2)}" ry="${num(n.height / 2)}"/>`
      : `<rect x="${num(n.x - n.width / 2)}" y="${num(n.y - n.height / 2)}" width="${num(n.width)}" height="${num(n.height)}" rx="4"/>`;
    svg.push(`<g class="node" data-id="${escape(n.id)}" data-kind="${n.kind}"${n.namespace !== undefined ? ` data-namespace="${escape(n.namespace)}"` : ''}>${shape}`
      + `<text x="${num(n.x)}" y="${num(n.y + 4)}" text-anchor="middle">${escape(n.label)}</text></g>`);
  }
  svg.push('</svg>');

  const { summary } = model;
  const policyRows = Object.entries(summary.policies).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]) => `<tr><td>${escape(kind)}</td><td>${n}</td></tr>`);
  const coverageRows = summary.coverage.map(c => `<tr><td>${escape(c.namespace)}</td><td>${c.workloads}</td><td>${c.ingressIsolated}/${c.workloads}</td><td>${c.egressIsolated}/${c.workloads}</td></tr>`);
  const matrixRows = model.flows.map((f, i) => `<tr data-flow="${i}" data-status="${f.status}"><td>${escape(f.from)}</td><td>${escape(f.to)}</td><td>${escape(f.port)}</td><td>${f.status}</td></tr>`);
  const exposureRows = model.exposure.workloads.map(w => `<tr><td>${escape(w.workload)}</td><td>${w.ingressOpen ? 'open' : 'isolated'}</td><td>${w.egressOpen ? 'open' : 'isolated'}</td>`
    + `<td>${w.ingress.map(p => escape(`${p.port}: ${p.fromOutside.join(', ') || 'no address outside'}; ${p.fromWorkloads.join(', ') || 'no workload'}`)).join('<br>') || 'no declared port'}</td>`
    + `<td>${escape(w.egress.map(r => `${r.to} on ${r.ports.join(', ')}`).join('; ') || 'nothing outside')}</td></tr>`);
  const findingRows = model.findings.map(f => `<tr><td>${escape(f.level)}</td><td>${escape(f.code)}</td><td>${escape(f.subject)}</td><td>${escape(f.message)}</td></tr>`);
  const namespaceOptions = summary.coverage.map(c => `<option value="${escape(c.namespace)}">${escape(c.namespace)}</option>`);
  const diffLine = model.diff ? `<p id="diff">Against the manifests before the change: ${model.diff.added} flows newly allowed (green), ${model.diff.removed} newly denied (red, dashed).</p>` : '';
  // The data the script reads: inside a script element, so `</` is written `<\/`.
  const data = JSON.stringify({ edges: model.edges, flows: model.flows }).replace(/<\//g, '<\\/');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p>Engine: <strong>${escape(model.engine)}</strong>. ${summary.namespaces} namespaces, ${summary.workloads} workloads.</p>
${diffLine}
<h2>Summary</h2>
<table id="policies"><thead><tr><th>Policy kind</th><th>Count</th></tr></thead><tbody>${policyRows.join('')}</tbody></table>
<table id="coverage"><thead><tr><th>Namespace</th><th>Workloads</th><th>Ingress isolated</th><th>Egress isolated</th></tr></thead><tbody>${coverageRows.join('')}</tbody></table>
<h2>Graph</h2>
<div id="filters"><label>Namespace <select id="namespace-filter"><option value="">all namespaces</option>${namespaceOptions.join('')}</select></label>
<label>Port <input id="port-filter" placeholder="8080/TCP"></label></div>
${svg.join('\n')}
<h2>Trace</h2>
<pre id="trace">Click an edge or a row of the matrix to see why the flow is allowed.</pre>
<h2>Matrix</h2>
<table id="matrix"><thead><tr><th>From</th><th>To</th><th>Port</th><th>Change</th></tr></thead><tbody>${matrixRows.join('')}</tbody></table>
<h2>Exposure</h2>
<table id="exposure"><thead><tr><th>Workload</th><th>Ingress</th><th>Egress</th><th>Who may connect</th><th>Outside it may reach</th></tr></thead><tbody>${exposureRows.join('')}</tbody></table>
<h2>Lint findings</h2>
<table id="findings"><thead><tr><th>Level</th><th>Code</th><th>Object</th><th>Message</th></tr></thead><tbody>${findingRows.join('') || '<tr><td colspan="4">none</td></tr>'}</tbody></table>
<script type="application/json" id="report-data">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
