import { Command, Option } from 'commander';
import { checkEngine, engineOption, evaluatorFor } from './engine';
import { EXIT_OK } from './errors';
import { parsePortOption, parseProtocolOption, PROTOCOLS } from './flows';
import { CliRun } from './io';
import { lenientOption } from './lenient';
import { loadCluster, MANIFEST_ARGUMENT } from './manifests';
import { resolvePeer } from './peers';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { explainText } from '../analyzer/explain';

const HELP = `
Endpoints (--from, --to):
  NS/NAME    a Pod or workload ("NS/Kind/NAME" when two objects in the namespace share
             the name); or an IP address for a peer outside the cluster

Output (stdout): the verdict line "ALLOW|DENY <from> -> <to> <port>/<protocol>", then one
line per policy decision in evaluation order (the source's egress, then the destination's
ingress). When the verdict depends on where a pod without a known IP sits in the pod CIDRs
(--pod-cidr), a line "  uncertain: ..." after the verdict line names the pod and the ipBlock
that decide it; the verdict shown is then the one for a pod in no ipBlock.

Exit codes:
  0   the flow was evaluated (allowed and denied are both answers)
  2   bad input: unreadable or malformed manifest, a manifest the API server would refuse (an
      API_* code; --lenient drops unknown fields), unknown endpoint, invalid port or protocol,
      unknown engine
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol explain --from shop/web --to shop/api --port 8080 dist/shop.k8s.yaml
`;

interface ExplainOptions {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly protocol: string;
  readonly engine: string;
  readonly podCidr?: string[];
  readonly lenient?: boolean;
}

/** `explain`: why one flow is allowed or denied. */
export function registerExplain(program: Command, run: CliRun): void {
  program.command('explain')
    .summary('explain why one flow is allowed or denied')
    .description('Evaluate one flow against the network policies in the manifests and print the verdict with the policies and rules that decided it.')
    .requiredOption('--from <NS/NAME|IP>', 'source: a Pod or workload, or an IP address')
    .requiredOption('--to <NS/NAME|IP>', 'destination: a Pod or workload, or an IP address')
    .requiredOption('--port <N>', 'destination container port, 1..65535')
    .addOption(new Option('--protocol <PROTOCOL>', `${PROTOCOLS.join(', ')}`).default('TCP'))
    .addOption(engineOption())
    .addOption(podCidrOption())
    .addOption(lenientOption())
    .argument('<MANIFEST...>', MANIFEST_ARGUMENT)
    .addHelpText('after', HELP)
    .action((manifests: string[], options: ExplainOptions) => {
      run.exitCode = explain(run, manifests, options);
    });
}

function explain(run: CliRun, manifests: string[], options: ExplainOptions): number {
  checkEngine(options.engine);
  const port = parsePortOption(options.port);
  const protocol = parseProtocolOption(options.protocol);
  const cluster = withPodCidrs(loadCluster(run.io, manifests, { lenient: options.lenient }), options.podCidr);
  const flow = {
    from: resolvePeer(cluster, options.from, `--from ${options.from}`),
    to: resolvePeer(cluster, options.to, `--to ${options.to}`),
    port,
    protocol,
  };
  const text = explainText(flow, evaluatorFor(options.engine, cluster).evaluate(flow));
  run.io.stdout(text.endsWith('\n') ? text : text + '\n');
  return EXIT_OK;
}
