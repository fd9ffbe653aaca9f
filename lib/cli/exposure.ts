import { Command, Option } from 'commander';
import { SUPPORTED_ENGINES, checkEngine, engineFor } from './engine';
import { EXIT_OK } from './errors';
import { CliRun } from './io';
import { lenientOption } from './lenient';
import { MANIFEST_ARGUMENT, loadCluster } from './manifests';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { Exposure, PortExposure, WorkloadExposure, exposureOf } from '../analyzer/exposure';

const FORMATS = ['text', 'markdown', 'json'];

const HELP = `
Per workload, judged with the engine's semantics by probing it:
  ingress, per declared port: which addresses outside the pod CIDRs may connect ("any address",
    or CIDRs), whether a pod of any namespace may (a probe pod without labels in a new
    namespace, which no egress policy holds back), whether every other pod of its namespace
    may, and which workloads of the cluster may;
  egress: which addresses outside the pod CIDRs it may reach, on which ports (every port the
    policies name or the workloads declare, 53, 80, 443, and "any port" for the others), and
    which named peers: on Cilium each DNS name (fqdn:NAME) and reserved entity
    (entity:NAME) its policies name, and cluster-dns when no workload is the cluster DNS.
Workloads open in a direction (every probe allowed) come first.

Formats:
  text      a block per workload
  markdown  one table
  json      {"engine", "podCidrs", "workloads": [{workload, ingressOpen, egressOpen,
             ingress: [{port, fromOutside, fromEveryNamespace, fromOwnNamespace, fromWorkloads}],
             egress: [{to, ports}]}]}

Exit codes:
  0   the exposure was printed
  2   bad input (as for matrix)
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol exposure --format markdown dist/
`;

interface ExposureOptions {
  readonly format: string;
  readonly engine?: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

/** `exposure`: what can reach each workload, and what it can reach outside the cluster. */
export function registerExposure(program: Command, run: CliRun): void {
  program.command('exposure')
    .summary('list what can reach each workload, and what it can reach outside the cluster')
    .description('Per workload: who may connect to each declared port (from outside the cluster, from any namespace, from its namespace, which workloads), and where outside the cluster it may connect; open workloads first.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--engine <engine>', `policy semantics: ${SUPPORTED_ENGINES.join(', ')} (default: detected from the policy kinds)`))
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<MANIFEST...>', MANIFEST_ARGUMENT)
    .addHelpText('after', HELP)
    .action((manifests: string[], options: ExposureOptions) => {
      run.exitCode = exposure(run, manifests, options);
    });
}

function exposure(run: CliRun, manifests: string[], options: ExposureOptions): number {
  if (options.engine !== undefined) checkEngine(options.engine);
  const cluster = withPodCidrs(loadCluster(run.io, manifests, { lenient: options.lenient }), options.podCidr);
  const engine = engineFor(cluster, options.engine);
  const result = exposureOf(cluster, engine);
  run.io.stdout(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n`
    : options.format === 'markdown' ? renderMarkdown(result) : renderText(result));
  return EXIT_OK;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));

function ingressText(p: PortExposure): string {
  return `${p.port}: from outside: ${list(p.fromOutside)}; from any namespace: ${yesNo(p.fromEveryNamespace)}; `
    + `from its namespace: ${yesNo(p.fromOwnNamespace)}; workloads: ${list(p.fromWorkloads)}`;
}

function egressText(w: WorkloadExposure): string {
  return list(w.egress.map(r => `${r.to} on ${r.ports.join(', ')}`));
}

function openText(w: WorkloadExposure): string {
  const open = [w.ingressOpen ? 'ingress' : '', w.egressOpen ? 'egress' : ''].filter(Boolean);
  return open.length > 0 ? `OPEN (${open.join(' and ')}) ` : '';
}

function renderText(result: Exposure): string {
  const lines = [`engine ${result.engine}; outside the cluster: every address outside ${result.podCidrs.join(', ')}`];
  for (const w of result.workloads) {
    lines.push(`${openText(w)}${w.workload}`);
    if (w.ingress.length === 0) lines.push('  ingress: no declared port');
    for (const p of w.ingress) lines.push(`  ingress ${ingressText(p)}`);
    lines.push(`  egress to outside: ${egressText(w)}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(result: Exposure): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `**cdk-netpol exposure** (${result.engine}): ${result.workloads.filter(w => w.ingressOpen || w.egressOpen).length} of ${result.workloads.length} workloads open in a direction.`,
    '',
    '| Workload | Ingress open | Egress open | Ingress | Egress to outside |',
    '|---|---|---|---|---|',
    ...result.workloads.map(w => `| ${[
      w.workload, yesNo(w.ingressOpen), yesNo(w.egressOpen), w.ingress.map(ingressText).join('<br>') || 'no declared port', egressText(w),
    ].map(cell).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}
