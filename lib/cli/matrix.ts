import { Command, Option } from 'commander';
import { checkEngine, engineOption, evaluatorFor } from './engine';
import { EXIT_OK } from './errors';
import { CliRun } from './io';
import { lenientOption } from './lenient';
import { loadCluster, MANIFEST_ARGUMENT } from './manifests';
import {
  ClassRows, compareRows, ExternalRows, MatrixRow, renderCsv, renderDot, renderGroupedCsv, renderGroupedJson, renderJson, renderMermaid, renderTable,
} from './matrix-render';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { compareStrings, endpointNamer } from './refs';
import { externalView } from '../analyzer/external-peers';
import { ClassMatrix, computeClassMatrix, computeMatrix } from '../analyzer/matrix';
import { Cluster, Endpoint, Evaluator } from '../analyzer/types';

const FORMATS = ['table', 'json', 'csv', 'mermaid', 'dot'];

const HELP = `
Workloads are named "<namespace>/<name>", or "<namespace>/<Kind>/<name>" when two objects in
the namespace share the name.

Formats (output sorted by source, destination, port):
  table    aligned columns FROM, TO, PORT, e.g. "8080/TCP (http)"
  json     {"engine": "kubernetes", "flows": [{"from", "to", "port", "protocol", "portName"?}]}
  csv      a header, then one line per flow: from,to,port,protocol,port_name,certain,allowed,assumption
  mermaid  a flowchart: one subgraph per namespace, one labelled edge per allowed pair, and the
           named peers as round nodes with the flows to and from them: "internet", each address
           block a policy names, on Cilium each DNS name (fqdn:NAME) and reserved entity
           (entity:NAME) its policies name, and cluster-dns when no workload is the cluster DNS
  dot      the same picture as a Graphviz DOT digraph: a cluster per namespace, external peers
           as ellipses

--group (json, csv): list each class of workloads once, with its members, and the flows between
classes, instead of every pair of workloads: output that grows with the classes and their flows,
not with the square of the workloads. A class holds workloads that no policy can tell apart (same
namespace, same values of the labels selectors read, same service account where selectors read it,
same answers to the address peers where the engine matches pods by IP) and that declare the same
ports; a flow from a class to another holds for every member of each, a class's flow to itself
between different members.
  json     {"engine", "classes": [{"id": "c1", "members": ["ns/name", ...]}],
            "flows": [{"from": "c1", "to": "c2", "port", "protocol", "portName"?}]}
  csv      record,class,member,from,to,port,protocol,port_name,certain,allowed,assumption: a
           "class" line per member of each class, then a "flow" line per flow
Table, mermaid and dot always list workloads.

Uncertain flows: when a verdict depends on where a pod without a known IP sits in the pod
CIDRs (--pod-cidr), the flow is listed and marked: "[uncertain]" when it is allowed for a pod
in no ipBlock, "[may be allowed]" when it is denied for such a pod but allowed for some IPs.
Table and mermaid explain the marks in a legend; JSON entries of such flows add
"certain": false, "allowed": true|false and "assumption" (which pod and ipBlock decide it); CSV
lines have them in their columns (certain,allowed: true,true for the others). With --group, the
assumption names the first members of the classes; it holds for every member alike.

Exit codes:
  0   the matrix was printed
  2   bad input: unreadable or malformed manifest, a manifest the API server would refuse (an
      API_* code; --lenient drops unknown fields), unknown format or engine
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol matrix --format mermaid dist/ > flows.mmd
`;

/** `matrix`: every allowed flow between the workloads, as a table, JSON, CSV or a Mermaid chart; JSON and CSV also by class. */
export function registerMatrix(program: Command, run: CliRun): void {
  program.command('matrix')
    .summary('list the allowed flows between all workloads')
    .description('List the flows the network policies allow between the workloads and Pods in the manifests, on the container ports each destination declares.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .addOption(new Option('--group', 'json and csv: list classes of workloads no policy tells apart, and the flows between them'))
    .addOption(engineOption())
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<MANIFEST...>', MANIFEST_ARGUMENT)
    .addHelpText('after', HELP)
    .action((manifests: string[], options: MatrixOptions) => {
      run.exitCode = matrix(run, manifests, options);
    });
}

interface MatrixOptions {
  readonly format: string;
  readonly group?: boolean;
  readonly engine: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

function matrix(run: CliRun, manifests: string[], options: MatrixOptions): number {
  checkEngine(options.engine);
  const cluster = withPodCidrs(loadCluster(run.io, manifests, { lenient: options.lenient }), options.podCidr);
  const nameOf = endpointNamer(cluster);
  const evaluator = evaluatorFor(options.engine, cluster);
  if (options.group && (options.format === 'json' || options.format === 'csv')) {
    const classes = classRows(computeClassMatrix(cluster, evaluator), nameOf);
    run.io.stdout(options.format === 'json' ? renderGroupedJson(options.engine, classes) : renderGroupedCsv(classes));
    return EXIT_OK;
  }
  const rows = matrixRows(cluster, evaluator, nameOf);
  switch (options.format) {
    case 'json':
      run.io.stdout(renderJson(options.engine, rows));
      break;
    case 'csv':
      run.io.stdout(renderCsv(rows));
      break;
    case 'mermaid':
      run.io.stdout(renderMermaid(cluster.endpoints, rows, nameOf, externalRows(cluster, evaluator, nameOf)));
      break;
    case 'dot':
      run.io.stdout(renderDot(cluster.endpoints, rows, nameOf, externalRows(cluster, evaluator, nameOf)));
      break;
    default:
      run.io.stdout(renderTable(rows));
  }
  return EXIT_OK;
}

/** The peers outside the cluster and their flows with the workloads, named, sorted. */
function externalRows(cluster: Cluster, evaluator: Evaluator, nameOf: (e: Endpoint) => string): ExternalRows {
  const view = externalView(cluster, evaluator);
  const flows = view.flows.map(f => ({ direction: f.direction, workload: nameOf(f.workload), peer: f.peer, ports: f.ports }))
    .sort((a, b) => compareStrings(a.workload, b.workload) || compareStrings(a.direction, b.direction) || compareStrings(a.peer, b.peer));
  return { peers: view.peers.map(p => p.name), flows };
}

/** Every allowed flow between workloads, named, sorted, each port once. */
function matrixRows(cluster: Cluster, evaluator: Evaluator, nameOf: (e: Endpoint) => string): MatrixRow[] {
  return dedupe(computeMatrix(cluster, evaluator).map((m): MatrixRow => ({
    from: nameOf(m.from),
    to: nameOf(m.to),
    port: m.port,
    protocol: m.protocol,
    ...(m.portName ? { portName: m.portName } : {}),
    ...(m.certain === false ? { certain: false as const, allowed: m.allowed ?? false, assumption: m.assumption ?? '' } : {}),
  })).sort(compareRows));
}

/** The class matrix, named: classes ordered by their first member's name and numbered c1, c2...; flows by class, port, protocol. */
function classRows(classMatrix: ClassMatrix, nameOf: (e: Endpoint) => string): ClassRows {
  const named = classMatrix.classes.map(c => ({ c, members: c.members.map(nameOf).sort(compareStrings) }));
  named.sort((a, b) => compareStrings(a.members[0], b.members[0]));
  const ids = new Map(named.map(({ c }, i) => [c, i]));
  const flows = classMatrix.flows.map(f => ({
    from: ids.get(f.from)!,
    to: ids.get(f.to)!,
    port: f.port,
    protocol: f.protocol,
    ...(f.portName ? { portName: f.portName } : {}),
    ...(f.certain === false ? { certain: false as const, allowed: f.allowed ?? false, assumption: f.assumption ?? '' } : {}),
  })).sort((a, b) => a.from - b.from || a.to - b.to || a.port - b.port || compareStrings(a.protocol, b.protocol));
  return { classes: named.map(n => n.members), flows };
}

function dedupe(rows: MatrixRow[]): MatrixRow[] {
  return rows.filter((r, i) => i === 0 || compareRows(rows[i - 1], r) !== 0);
}
