import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { registerAks } from './aks';
import { registerCheck } from './check';
import { registerDiff } from './diff';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, InputError, messageOf, oneLine } from './errors';
import { registerExplain } from './explain';
import { registerExposure } from './exposure';
import { CliIo, CliRun, displaySource, processIo } from './io';
import { registerLint } from './lint';
import { displayMessage } from './manifests';
import { registerMatrix } from './matrix';
import { registerReport } from './report';
import { LookupError } from '../analyzer/endpoints';
import { ManifestError, sourceLabel } from '../analyzer/load';
import { DEFAULT_POD_CIDRS } from '../analyzer/pod-cidrs';

const HELP = `
MANIFEST arguments are YAML or JSON files (several documents each, "kind: List" included; a
cdktf stack's cdk.tf.json is read as the kubernetes provider creates its resources), folders
(read recursively: *.yaml, *.yml, *.json), or - for standard input. Endpoints are
Pods and workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
Job, CronJob), named "<namespace>/<name>".

Engines (--engine): kubernetes (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy,
ClusterNetworkPolicy), calico and calico-crd (Calico tiers, order, Pass; Kubernetes NetworkPolicies
as order-1000 policies of tier default), cilium (CNP, CCNP and NetworkPolicy; deny wins),
cluster-network-policy (the kubernetes semantics, named for the ClusterNetworkPolicy target).
"aks --engine" takes the AKS engine names instead: azure, calico, cilium.

Pod CIDRs (--pod-cidr): a pod whose IP the manifests do not give may sit anywhere in them
(default ${DEFAULT_POD_CIDRS.join(', ')}); a verdict that depends on
where (an ipBlock holds some of those addresses and not others) is marked uncertain.

Manifests are checked as the API server would check them (kubectl's strict field validation):
each policy's fields against its kind's official schema (types, enums, required fields, lists vs
mappings, unknown fields), the kind's validation rules (CIDRs and except, ports and endPort, label
selectors, policyTypes), and kinds that do not exist in their group. check, explain and matrix
refuse such a manifest with an API_* code; --lenient drops unknown fields instead (a warning per
object). lint reports each problem as an error finding with its API_* code. Every input is
limited to 16 MiB.

Exit codes:
  0   success
  1   check: an "expect" did not match; lint: an error-level finding is not acknowledged;
      diff --fail-on-new-flows: a flow is newly allowed
  2   bad input (one line on stderr naming the file or option and the problem)
  70  internal error (a bug in cdk-netpol)

Run "cdk-netpol <command> --help" for a command's arguments, output and an example.
`;

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code.
 * Never throws and never prints a stack trace: bad input is one line on stderr and exit 2.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const run: CliRun = { io, exitCode: EXIT_OK };
  try {
    await program(run).parseAsync([...argv], { from: 'user' });
    return run.exitCode;
  } catch (error) {
    return reportError(io, error);
  }
}

function program(run: CliRun): Command {
  const cli = new Command('cdk-netpol')
    .description('Offline reachability analysis of Kubernetes network policies: check expected flows, explain a verdict, list the allowed flows, show what a change opens and closes and what is exposed, lint policy mistakes; and the AKS network policy baseline. Reads and writes files only; no cluster is contacted.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .exitOverride()
    .configureOutput({
      writeOut: text => run.io.stdout(text),
      writeErr: text => run.io.stderr(text),
      outputError: (text, write) => write(`cdk-netpol: ${oneLine(text.replace(/^error: /, ''))}\n`),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .addHelpText('after', HELP);
  cli.helpCommand('help [command]', 'print help for a command');
  registerCheck(cli, run);
  registerExplain(cli, run);
  registerMatrix(cli, run);
  registerDiff(cli, run);
  registerExposure(cli, run);
  registerReport(cli, run);
  registerLint(cli, run);
  registerAks(cli, run);
  return cli;
}

function reportError(io: CliIo, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the help, the version or the usage error.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof InputError || error instanceof LookupError) {
    io.stderr(`cdk-netpol: ${messageOf(error)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ManifestError) {
    io.stderr(`cdk-netpol: ${manifestMessage(io, error)}\n`);
    return EXIT_USAGE;
  }
  io.stderr(`cdk-netpol: internal error: ${internalMessage(error)} (a bug in cdk-netpol; please report it)\n`);
  return EXIT_INTERNAL;
}

/** `TypeError: <first line>`: enough for a bug report, never a stack. */
function internalMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0].trim();
}

/** `<file>: <problem>`, with the file named as the user named it (the loader's message starts with it). */
function manifestMessage(io: CliIo, error: ManifestError): string {
  const message = messageOf(error);
  if (!error.source) return message;
  if (message.startsWith(sourceLabel(error.source))) return displayMessage(io, error.source, message);
  return `${sourceLabel(displaySource(io, error.source))}: ${message}`;
}

function version(): string {
  try {
    // lib/cli/main.ts and build/cli/main.js both sit two levels below package.json.
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
