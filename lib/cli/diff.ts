import { Command, Option } from 'commander';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from './diff-render';
import { SUPPORTED_ENGINES, checkEngine, engineFor } from './engine';
import { EXIT_FAILED, EXIT_OK, InputError } from './errors';
import { CliRun } from './io';
import { lenientOption } from './lenient';
import { MANIFEST_ARGUMENT, loadCluster } from './manifests';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { reachabilityDiff } from '../analyzer/diff';
import { EngineName } from '../analyzer/evaluators';
import { Cluster } from '../analyzer/types';

const FORMATS = ['text', 'markdown', 'json'];

const HELP = `
BEFORE and AFTER are each one file, folder, cdk.tf.json or - (stdin, for one of them): the
manifests before and after the change, each read as every command reads its manifests.

The delta is computed from the two reachability matrices: every flow between workloads, on the
ports each destination declares, that one side allows and the other does not. A workload is
the same on both sides when its namespace, kind and name are. An uncertain flow (a pod without
a known IP, see matrix --help) counts as allowed and is marked. Flows with the named peers count
too, per port probed (outside:internet, outside:CIDR, on Cilium outside:fqdn:NAME and
outside:entity:NAME, and outside:cluster-dns; see matrix --help); the outside is cut at the
address blocks of both sides, so a peer is the same addresses before and after.

Formats:
  text      a summary line, then "+ from -> to: ports" (newly allowed), "- ..." (newly
            denied), and "+ policy", "- policy", "~ policy" lines
  markdown  a pull-request comment: the summary, then tables of at most --max-rows rows
  json      {"engine", "added": [{from, to, port, protocol, portName?, certain?, trace}],
             "removed": [...(gone: the workload no longer there)],
             "policies": {"added": [...], "removed": [...], "changed": [...]}}
            (trace: the verdict's trace after the change)

Exit codes:
  0   the delta was printed
  1   --fail-on-new-flows and a flow is newly allowed
  2   bad input (as for matrix)
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol diff --format markdown main/dist/ dist/ > comment.md
`;

interface DiffOptions {
  readonly format: string;
  readonly engine?: string;
  readonly failOnNewFlows?: boolean;
  readonly maxRows: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

/** `diff`: what a change opens and closes. */
export function registerDiff(program: Command, run: CliRun): void {
  program.command('diff')
    .summary('list the flows a change newly allows and newly denies')
    .description('Compare the reachability of two sets of manifests (before and after a change) under one engine: flows newly allowed, newly denied, and the policies added, removed or changed.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--engine <engine>', `policy semantics to compare with: ${SUPPORTED_ENGINES.join(', ')} (default: detected from the policy kinds)`))
    .addOption(new Option('--fail-on-new-flows', 'exit 1 when a flow is newly allowed'))
    .addOption(new Option('--max-rows <n>', 'markdown: rows per table before "…and N more"').default('50'))
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<BEFORE>', `before the change: ${MANIFEST_ARGUMENT}`)
    .argument('<AFTER>', 'after the change, the same way')
    .addHelpText('after', HELP)
    .action((before: string, after: string, options: DiffOptions) => {
      run.exitCode = diff(run, before, after, options);
    });
}

function diff(run: CliRun, beforePath: string, afterPath: string, options: DiffOptions): number {
  const maxRows = Number(options.maxRows);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new InputError(`--max-rows: expected a positive integer, got ${JSON.stringify(options.maxRows)}`);
  if (options.engine !== undefined) checkEngine(options.engine);
  if (beforePath === '-' && afterPath === '-') throw new InputError('-: standard input can be given only once');
  const before = withPodCidrs(loadCluster(run.io, [beforePath], { lenient: options.lenient }), options.podCidr);
  const after = withPodCidrs(loadCluster(run.io, [afterPath], { lenient: options.lenient }), options.podCidr);
  const engine = (options.engine as EngineName | undefined) ?? engineOf(before, after);
  const delta = reachabilityDiff(before, after, engine);
  switch (options.format) {
    case 'json':
      run.io.stdout(renderDiffJson(delta));
      break;
    case 'markdown':
      run.io.stdout(renderDiffMarkdown(delta, maxRows));
      break;
    default:
      run.io.stdout(renderDiffText(delta));
  }
  return options.failOnNewFlows && delta.added.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** The engine both sides' policy kinds name (kubernetes when neither names one); different engines need --engine. */
function engineOf(before: Cluster, after: Cluster): EngineName {
  const detected = [before, after].map(c => engineFor(c));
  const named = [...new Set(detected.filter(e => e !== 'kubernetes'))];
  if (named.length > 1) throw new InputError(`before holds ${detected[0]} policies and after ${detected[1]} policies; choose the engine with --engine (${SUPPORTED_ENGINES.join(', ')})`);
  return named[0] ?? 'kubernetes';
}
