import { Command, Option } from 'commander';
import { checkEngine, engineOption, evaluatorFor } from './engine';
import { EXIT_OK } from './errors';
import { CliRun } from './io';
import { lenientOption } from './lenient';
import { loadCluster } from './manifests';
import { compareRows, MatrixRow, renderJson, renderMermaid, renderTable } from './matrix-render';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { endpointNamer } from './refs';
import { computeMatrix } from '../analyzer/matrix';

const FORMATS = ['table', 'json', 'mermaid'];

const HELP = `
Workloads are named "<namespace>/<name>", or "<namespace>/<Kind>/<name>" when two objects in
the namespace share the name.

Formats (output sorted by source, destination, port):
  table    aligned columns FROM, TO, PORT, e.g. "8080/TCP (http)"
  json     {"engine": "kubernetes", "flows": [{"from", "to", "port", "protocol", "portName"?}]}
  mermaid  a flowchart: one subgraph per namespace, one labelled edge per allowed pair

Uncertain flows: when a verdict depends on where a pod without a known IP sits in the pod
CIDRs (--pod-cidr), the flow is listed and marked: "[uncertain]" when it is allowed for a pod
in no ipBlock, "[may be allowed]" when it is denied for such a pod but allowed for some IPs.
Table and mermaid explain the marks in a legend; JSON entries of such flows add
"certain": false, "allowed": true|false and "assumption" (which pod and ipBlock decide it).

Exit codes:
  0   the matrix was printed
  2   bad input: unreadable or malformed manifest, a manifest the API server would refuse (an
      API_* code; --lenient drops unknown fields), unknown format or engine
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol matrix --format mermaid dist/ > flows.mmd
`;

/** `matrix`: every allowed flow between the workloads, as a table, JSON or a Mermaid chart. */
export function registerMatrix(program: Command, run: CliRun): void {
  program.command('matrix')
    .summary('list the allowed flows between all workloads')
    .description('List the flows the network policies allow between the workloads and Pods in the manifests, on the container ports each destination declares.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .addOption(engineOption())
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<MANIFEST...>', 'YAML or JSON files, folders (read recursively: *.yaml, *.yml, *.json), or - for stdin')
    .addHelpText('after', HELP)
    .action((manifests: string[], options: MatrixOptions) => {
      run.exitCode = matrix(run, manifests, options);
    });
}

interface MatrixOptions {
  readonly format: string;
  readonly engine: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

function matrix(run: CliRun, manifests: string[], options: MatrixOptions): number {
  checkEngine(options.engine);
  const cluster = withPodCidrs(loadCluster(run.io, manifests, { lenient: options.lenient }), options.podCidr);
  const nameOf = endpointNamer(cluster);
  const rows = dedupe(computeMatrix(cluster, evaluatorFor(options.engine, cluster)).map((m): MatrixRow => ({
    from: nameOf(m.from),
    to: nameOf(m.to),
    port: m.port,
    protocol: m.protocol,
    ...(m.portName ? { portName: m.portName } : {}),
    ...(m.certain === false ? { certain: false as const, allowed: m.allowed ?? false, assumption: m.assumption ?? '' } : {}),
  })).sort(compareRows));
  switch (options.format) {
    case 'json':
      run.io.stdout(renderJson(options.engine, rows));
      break;
    case 'mermaid':
      run.io.stdout(renderMermaid(cluster.endpoints, rows, nameOf));
      break;
    default:
      run.io.stdout(renderTable(rows));
  }
  return EXIT_OK;
}

function dedupe(rows: MatrixRow[]): MatrixRow[] {
  return rows.filter((r, i) => i === 0 || compareRows(rows[i - 1], r) !== 0);
}
