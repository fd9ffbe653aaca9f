import { App, Chart } from 'cdk8s';
import { Command, Option } from 'commander';
import { AksSummary, folderFiles, objectFiles, shellWord, writeFolder, yamlStream } from './aks-output';
import { terraformModuleFiles } from './aks-terraform';
import { EXIT_OK, InputError } from './errors';
import { CliRun } from './io';
import { AksNetworkBaseline, AksNetworkPolicy, Diagnostics, ErrorCode, NetpolErrors } from '../index';

const ENGINES = Object.values(AksNetworkPolicy) as string[];
const FORMATS = ['yaml', 'terraform'];

interface AksOptions {
  readonly engine: string;
  readonly format: string;
  readonly defaultDeny?: boolean;
  readonly exempt?: string[];
  readonly alsoExempt?: string[];
  readonly namespaces?: string[];
  readonly nodeLocalDns?: string[];
  readonly out?: string;
}

const HELP = `
Engines (--engine, the cluster's "az aks create --network-policy"):
  azure   Azure Network Policy Manager: NetworkPolicies only, no cluster-wide policy, so the
          namespaces to isolate are listed with --namespaces (a default deny and DNS in each)
  calico  AKS-managed Calico: one crd.projectcalico.org/v1 GlobalNetworkPolicy (no Calico API
          server on AKS), after the Kubernetes NetworkPolicies (order 2000)
  cilium  Azure CNI powered by Cilium: one CiliumClusterwideNetworkPolicy, L3/L4 only (FQDN and
          L7 rules need Advanced Container Networking Services)

Default deny is off unless --default-deny is given, as in the AKS Terraform module: then every
pod outside the exempt namespaces is isolated both ways, except DNS on UDP and TCP 53 to CoreDNS
and the --node-local-dns addresses (AKS LocalDNS listens on 169.254.10.10 and 169.254.10.11).
Without the flag no policy is written: any policy that selects a pod would isolate it.

Exempt namespaces (never isolated), by default:
${wrap(AksNetworkBaseline.SYSTEM_NAMESPACES, '  ', 98)}
--exempt replaces this list (it must keep kube-system, where CoreDNS runs); --also-exempt adds
to it.

Output (--format yaml, the default):
  stdout     the objects as one YAML stream (nothing without --default-deny; a note on stderr)
  --out DIR  one file per object (<kind>_[<namespace>_]<name>.yaml), a kustomization.yaml listing
             them and a README.md; apply with "kubectl apply -k DIR".
Output (--format terraform, with --out DIR): a Terraform module in JSON syntax, for users without
  cdktf: main.tf.json, variables.tf.json, outputs.tf.json and a README.md. Default deny is the
  module's variable enable_default_deny (default false), so --default-deny is refused: set the
  variable where the module is called. The policies are created only with it on, as
  kubernetes_network_policy_v1 (azure) or kubernetes_manifest (Calico and Cilium kinds) resources.
  The exempt list is the variable exempt_namespaces (default: the list the options give); for
  azure, the namespaces to isolate are the variable namespaces (default: --namespaces), and a
  namespace both listed and exempt is refused. The options are checked as with --default-deny.
A folder written before by this command, in either format, is rewritten; any other non-empty
folder is refused. The same arguments always give byte-identical output. No cluster is contacted.

Exit codes:
  0   the baseline was written
  2   bad input: unknown engine, invalid namespace or address, --namespaces missing for azure
      or given for calico and cilium, kube-system not exempt, a non-empty --out folder,
      --format terraform without --out or with --default-deny
  70  internal error (a bug in cdk-netpol)

Examples:
  $ cdk-netpol aks --engine calico --default-deny --also-exempt ingress-nginx --out aks-baseline/
  $ cdk-netpol aks --engine azure --default-deny --namespaces team-a team-b | kubectl apply -f -
  $ cdk-netpol aks --engine cilium --format terraform --also-exempt ingress-nginx --out netpol/
`;

/** `aks`: the AKS network policy baseline for the cluster's engine, default deny behind a flag. */
export function registerAks(program: Command, run: CliRun): void {
  program.command('aks')
    .summary('write the AKS network policy baseline (default deny behind --default-deny)')
    .description('Write the network policy baseline of an AKS cluster for its engine (Azure NPM, AKS-managed Calico or Azure CNI powered by Cilium): with --default-deny, every pod outside the system namespaces is isolated except DNS.')
    .addOption(new Option('--engine <engine>', 'the cluster\'s engine').choices(ENGINES).makeOptionMandatory())
    .option('--default-deny', 'isolate all pods outside the exempt namespaces but DNS (default: off)')
    .option('--exempt <NS...>', 'namespaces to leave alone, replacing the default list')
    .option('--also-exempt <NS...>', 'namespaces to leave alone besides the default (or --exempt) list')
    .option('--namespaces <NS...>', 'azure only: the namespaces to isolate')
    .option('--node-local-dns <IP...>', 'node-local DNS addresses pods may query on UDP and TCP 53')
    .addOption(new Option('--format <format>', 'yaml (objects), or terraform (a module, with --out)').choices(FORMATS).default('yaml'))
    .option('--out <DIR>', 'write one file per object, kustomization.yaml and README.md into DIR (yaml), or the module (terraform)')
    .addHelpText('after', HELP)
    .action((options: AksOptions) => {
      run.exitCode = aks(run, options);
    });
}

function aks(run: CliRun, options: AksOptions): number {
  const terraform = options.format === 'terraform';
  if (terraform && options.out === undefined) throw new InputError('--format terraform: a Terraform module is a folder; give it with --out DIR');
  if (terraform && options.defaultDeny) {
    throw new InputError('--default-deny: with --format terraform, default deny is the module\'s variable enable_default_deny (default false), '
      + 'decided where the module is called; drop --default-deny and set enable_default_deny = true in the module block');
  }
  // The module holds the policies its flag turns on: they are rendered, and the options checked, as with --default-deny.
  const defaultDeny = terraform || (options.defaultDeny ?? false);
  const exempt = [...options.exempt ?? AksNetworkBaseline.SYSTEM_NAMESPACES, ...options.alsoExempt ?? []];
  // Never synthesized to disk: the objects are read from the charts.
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'aks');
  const baseline = construct(options, () => new AksNetworkBaseline(chart, 'Baseline', {
    networkPolicy: options.engine as AksNetworkPolicy,
    defaultDeny,
    exemptNamespaces: exempt,
    namespaces: options.namespaces,
    nodeLocalDnsAddresses: options.nodeLocalDns,
  }));
  const objects = synthesize(app, chart);
  const files = objectFiles(objects);
  if (options.out === undefined) {
    run.io.stdout(yamlStream(files));
  } else {
    const summary: AksSummary = {
      engine: options.engine,
      defaultDeny,
      exempt: baseline.exemptNamespaces,
      namespaces: baseline.namespaces,
      nodeLocalDns: options.nodeLocalDns ?? [],
      command: commandLine(options),
      yamlCommand: commandLine({ ...options, format: 'yaml', defaultDeny: true, out: undefined }),
      out: options.out,
    };
    writeFolder(run.io, options.out, terraform ? terraformModuleFiles(objects, summary) : folderFiles(files, summary));
  }
  // After the output, so a failure to write stays the one line on stderr.
  for (const d of Diagnostics.of(app).filter(w => w.acknowledged === undefined)) {
    // The construct API's way to silence a warning means nothing on the command line.
    run.io.stderr(`cdk-netpol: warning [${d.code}] ${d.message.replace(/ Acknowledge with Diagnostics\.acknowledge\(.*\)\.$/, '')}\n`);
  }
  if (!defaultDeny) run.io.stderr('cdk-netpol: note: default deny is off (add --default-deny): the baseline holds no policy\n');
  return EXIT_OK;
}

/** Builds the construct; its coded errors become one line naming the option, the value and the fix. */
function construct<T>(options: AksOptions, build: () => T): T {
  try {
    return build();
  } catch (error) {
    // An INTERNAL error is a bug in cdk-netpol, not a bad option: it exits as the internal error it is.
    if (!NetpolErrors.isNetpolError(error) || NetpolErrors.codeOf(error) === ErrorCode.INTERNAL) throw error;
    throw new InputError(optionMessage(options, error as { problems: CodedProblem[] }));
  }
}

/** Construct props, as the options that set them. */
const OPTIONS: ReadonlyArray<[string, string]> = [
  ['exemptNamespaces', '--exempt'],
  ['namespaces', '--namespaces'],
  ['nodeLocalDnsAddresses', '--node-local-dns'],
  ['defaultDeny', '--default-deny'],
  ['networkPolicy', '--engine'],
];

/** One problem of a cdk-netpol error (see NetpolErrors: `problems`, each field joined to the construct's). */
interface CodedProblem {
  readonly code: string;
  readonly field: string;
  readonly value: string;
  readonly message: string;
  readonly fix: string;
}

/** Every problem of a construct error, each said as the option that set it; one line, as every CLI error is. */
function optionMessage(options: AksOptions, error: { readonly problems: readonly CodedProblem[] }): string {
  return error.problems.map(problem => problemMessage(options, problem)).join('; ');
}

function problemMessage(options: AksOptions, problem: CodedProblem): string {
  const prop = problem.field.replace(/\[\d+\]$/, '');
  const alsoExempt = prop === 'exemptNamespaces' && (options.alsoExempt ?? []).includes(problem.value) && !(options.exempt ?? []).includes(problem.value);
  const option = alsoExempt ? '--also-exempt' : OPTIONS.find(([p]) => p === prop)?.[1] ?? problem.field;
  const got = problem.value === '[]' ? '' : ` (got ${JSON.stringify(problem.value)})`;
  const fix = OPTIONS.reduce((text, [p, o]) => text.split(`\`${p}\``).join(o), problem.fix)
    .replace('AksNetworkBaseline.SYSTEM_NAMESPACES', 'the default list with --also-exempt');
  return `${option}: ${problem.message}${got}. Fix: ${fix} [${problem.code}]`;
}

/** Runs the tree validations as synthesis does, and returns every object. Warnings are reported by the caller, not printed. */
function synthesize(app: App, chart: Chart): any[] {
  const warn = console.warn;
  console.warn = () => {};
  try {
    app.synthYaml();
  } finally {
    console.warn = warn;
  }
  return chart.toJson();
}

/** `words` joined by ", " in lines of at most `width` characters, each line indented. */
function wrap(words: readonly string[], indent: string, width: number): string {
  const lines: string[] = [];
  for (const word of words.map((w, i) => i < words.length - 1 ? `${w},` : w)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(indent + word);
  }
  return lines.join('\n');
}

/** The command line with the given options, in a fixed order (`--format yaml` and no `--out` left out). */
function commandLine(o: AksOptions): string {
  const list = (flag: string, values?: string[]) => values !== undefined ? [flag, ...values] : [];
  return ['cdk-netpol', 'aks', '--engine', o.engine, ...o.format !== 'yaml' ? ['--format', o.format] : [], ...o.defaultDeny ? ['--default-deny'] : [],
    ...list('--exempt', o.exempt), ...list('--also-exempt', o.alsoExempt), ...list('--namespaces', o.namespaces),
    ...list('--node-local-dns', o.nodeLocalDns), ...list('--out', o.out !== undefined ? [o.out] : undefined)].map(shellWord).join(' ');
}
