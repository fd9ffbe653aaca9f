import { Command } from 'commander';
import { checkEngine, engineOption, evaluatorFor } from './engine';
import { EXIT_FAILED, EXIT_OK, InputError } from './errors';
import { FlowSpec, parseFlowSpecs } from './flows';
import { CliRun, readInput } from './io';
import { lenientOption } from './lenient';
import { loadCluster, MANIFEST_ARGUMENT } from './manifests';
import { resolvePeer } from './peers';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { effectText } from '../analyzer/explain';
import { Flow, Verdict } from '../analyzer/types';

const HELP = `
FLOWS.json is a JSON array of flows:
  [{"from": "shop/web", "to": "shop/api", "port": 8080, "protocol": "TCP", "expect": true}]
  from, to   "<namespace>/<name>" of a Pod or workload ("<namespace>/<Kind>/<name>" when
             two objects in the namespace share the name), or an IP address
  port       the destination's container port, 1..65535
  protocol   TCP (default), UDP or SCTP
  expect     optional; true = must be allowed, false = must be denied

Output (stdout): one JSON object
  {"engine": "kubernetes", "results": [{"from", "to", "port", "protocol", "allowed", "certain",
  "assumption"?, "trace"}]} in the order of the flows; trace holds one line per policy decision, as
  "explain" prints them. certain is false when the verdict depends on where a pod without a known
  IP sits in the pod CIDRs (--pod-cidr); then allowed is the verdict for a pod in no ipBlock, and
  assumption names the pod and the ipBlock that decide it. An "expect" on such a flow fails.

Exit codes:
  0   every flow was evaluated and every "expect" matched
  1   some "expect" did not match, or its flow's verdict is uncertain (each is named on stderr)
  2   bad input: unreadable file, malformed JSON, invalid flow, unknown endpoint or engine, a
      manifest the API server would refuse (an API_* code; --lenient drops unknown fields)
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol check --flows flows.json dist/
`;

/** `check`: evaluates the flows of FLOWS.json against the manifests; the CI gate. */
export function registerCheck(program: Command, run: CliRun): void {
  program.command('check')
    .summary('evaluate the flows in FLOWS.json and check their expectations')
    .description('Evaluate every flow in FLOWS.json against the network policies in the manifests, print the verdicts as JSON, and fail when a flow\'s "expect" does not match.')
    .requiredOption('--flows <FLOWS.json>', 'JSON array of flows to evaluate (- for standard input)')
    .addOption(engineOption())
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<MANIFEST...>', MANIFEST_ARGUMENT)
    .addHelpText('after', HELP)
    .action((manifests: string[], options: CheckOptions) => {
      run.exitCode = check(run, manifests, options);
    });
}

interface CheckOptions {
  readonly flows: string;
  readonly engine: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

function check(run: CliRun, manifests: string[], options: CheckOptions): number {
  checkEngine(options.engine);
  if (options.flows === '-' && manifests.includes('-')) {
    throw new InputError('-: standard input can be given only once (--flows - and MANIFEST -)');
  }
  const file = options.flows === '-' ? '<stdin>' : options.flows;
  const specs = parseFlowSpecs(readInput(run.io, options.flows), file);
  const cluster = withPodCidrs(loadCluster(run.io, manifests, { lenient: options.lenient }), options.podCidr);
  // Resolve every flow before evaluating any, so bad input never yields partial output.
  const flows: Flow[] = specs.map((spec, i) => ({
    from: resolvePeer(cluster, spec.from, `${file}: flows[${i}].from`),
    to: resolvePeer(cluster, spec.to, `${file}: flows[${i}].to`),
    port: spec.port,
    protocol: spec.protocol,
  }));
  const evaluator = evaluatorFor(options.engine, cluster);
  const verdicts = flows.map(flow => evaluator.evaluate(flow));
  const results = specs.map((spec, i) => ({
    from: spec.from,
    to: spec.to,
    port: spec.port,
    protocol: spec.protocol,
    allowed: verdicts[i].allowed,
    certain: verdicts[i].certain,
    ...(verdicts[i].certain ? {} : { assumption: verdicts[i].assumption }),
    // The lines explain prints under its verdict line, one per Effect.
    trace: verdicts[i].trace.map(effectText),
  }));
  run.io.stdout(JSON.stringify({ engine: options.engine, results }, undefined, 2) + '\n');
  const mismatches = specs.flatMap((spec, i) => mismatch(spec, verdicts[i], `${file}: flows[${i}]`));
  for (const line of mismatches) run.io.stderr(`cdk-netpol: ${line}\n`);
  return mismatches.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** An "expect" the verdict contradicts, or cannot prove because it is uncertain. */
function mismatch(spec: FlowSpec, verdict: Verdict, where: string): string[] {
  if (spec.expect === undefined || (verdict.certain && spec.expect === verdict.allowed)) return [];
  const word = (yes: boolean) => yes ? 'allowed' : 'denied';
  const got = verdict.certain ? word(verdict.allowed) : `an uncertain verdict: ${verdict.assumption}`;
  return [`${where} ${spec.from} -> ${spec.to} ${spec.port}/${spec.protocol}: expected ${word(spec.expect)}, got ${got}`];
}
