import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { SUPPORTED_ENGINES, checkEngine, engineFor } from './engine';
import { EXIT_OK, InputError } from './errors';
import { CliRun } from './io';
import { lenientOption } from './lenient';
import { MANIFEST_ARGUMENT, loadCluster } from './manifests';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { renderReportHtml } from '../report/render-html';
import { reportModel } from '../report/report-model';

const HELP = `
The report is one HTML file with its styles and script inside: opening it makes no request.
It holds:
  a summary: namespaces, workloads, policies per kind, and per namespace how many workloads are
    isolated for ingress and for egress (not open to every probe; see exposure --help);
  the graph: namespaces as boxes holding their workloads, the named peers (as matrix --help
    lists them) as ellipses, one edge per allowed pair
    labelled with its ports, laid out when the report is written;
  filters by namespace and by port, for the graph and the matrix;
  the matrix: every allowed flow; clicking a row or an edge shows what "explain" prints for it;
  the exposure table and the lint findings of the engine.
With --before, flows newly allowed since those manifests are green, and those newly denied red.

Exit codes:
  0   the report was written
  2   bad input (as for matrix), or --out cannot be written
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol report dist/ --out report.html --before ../main/dist/
`;

interface ReportOptions {
  readonly out: string;
  readonly before?: string;
  readonly engine?: string;
  readonly title?: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

/** `report`: the HTML report of the manifests. */
export function registerReport(program: Command, run: CliRun): void {
  program.command('report')
    .summary('write an HTML report: graph, matrix with traces, exposure, lint findings')
    .description('Write one self-contained HTML file that shows the reachability of the manifests: a summary, the graph, the matrix with the trace of each flow, the exposure of each workload and the lint findings.')
    .addOption(new Option('--out <file>', 'the HTML file to write').makeOptionMandatory())
    .addOption(new Option('--before <path>', 'the manifests before a change (a file, folder or cdk.tf.json): colour what it opens and closes'))
    .addOption(new Option('--engine <engine>', `policy semantics: ${SUPPORTED_ENGINES.join(', ')} (default: detected from the policy kinds)`))
    .addOption(new Option('--title <text>', 'the page title').default('cdk-netpol report'))
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<MANIFEST...>', MANIFEST_ARGUMENT)
    .addHelpText('after', HELP)
    .action((manifests: string[], options: ReportOptions) => {
      run.exitCode = report(run, manifests, options);
    });
}

function report(run: CliRun, manifests: string[], options: ReportOptions): number {
  if (options.engine !== undefined) checkEngine(options.engine);
  const cluster = withPodCidrs(loadCluster(run.io, manifests, { lenient: options.lenient }), options.podCidr);
  const before = options.before === undefined
    ? undefined
    : withPodCidrs(loadCluster(run.io, [options.before], { lenient: options.lenient }), options.podCidr);
  const engine = engineFor(cluster, options.engine);
  const html = renderReportHtml(reportModel(cluster, engine, before), options.title ?? 'cdk-netpol report');
  const out = path.resolve(run.io.cwd, options.out);
  try {
    fs.writeFileSync(out, html);
  } catch (e) {
    // `code` and `message`, whatever realm the error comes from.
    const reason = typeof (e as { message?: unknown })?.message === 'string' ? (e as Error).message.split('\n')[0] : String(e);
    throw new InputError(`--out ${options.out}: cannot write it (${reason})`);
  }
  run.io.stderr(`cdk-netpol: wrote ${options.out}\n`);
  return EXIT_OK;
}
