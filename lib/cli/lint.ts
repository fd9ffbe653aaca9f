import { Command, Option } from 'commander';
import { SUPPORTED_ENGINES, checkEngine, engineFor } from './engine';
import { EXIT_FAILED, EXIT_OK, InputError } from './errors';
import { CliRun } from './io';
import { loadClusterForLint, MANIFEST_ARGUMENT } from './manifests';
import { podCidrOption, withPodCidrs } from './pod-cidrs';
import { Finding, LINT_RULES, runLints } from '../analyzer/lints';
import { compareFindings } from '../analyzer/lints/run';
import { API_CODE_INFO } from '../analyzer/load';

const FORMATS = ['text', 'json'];

interface LintOptions {
  readonly format: string;
  readonly engine?: string;
  readonly ack?: string[];
  readonly podCidr?: string[];
}

interface Acknowledgement {
  readonly code: string;
  readonly reason: string;
  readonly subject?: string;
}

function help(): string {
  const width = Math.max(...LINT_RULES.map(r => r.code.length));
  const rules = LINT_RULES.map(r => `  ${r.code.padEnd(width)}  ${r.severity.padEnd(7)}  ${engineGroup(r.engines)}\n  ${''.padEnd(width)}  ${r.title}`).join('\n');
  return `
Engine (--engine): the semantics the rules judge with, and which rules run: the NP_* rules under every
engine (each engine enforces NetworkPolicies), CALICO_* under calico and calico-crd, CILIUM_* under
cilium, ADMIN_* under kubernetes, cluster-network-policy, calico and calico-crd. Default: detected from
the policy kinds, as "check" would choose: cilium with Cilium policies, calico (projectcalico.org) or
calico-crd (crd.projectcalico.org only) with Calico policies, else kubernetes.

Acknowledging a finding (repeat --ack for several):
  --ack CODE:REASON          accepts every finding of CODE
  --ack CODE=SUBJECT:REASON  accepts the finding of CODE for one subject, as printed
  An acknowledged finding is still printed, marked with its reason, and never fails the run.

Output (stdout):
  text  one line per finding "SEVERITY CODE subject: message", then "  why: ..."
  json  {"engine": "calico-crd", "findings": [{"code", "level", "object", "field", "message", "fix",
        "why", "acknowledged"?}]}: level is error, warning or info; object the manifest
        ("GlobalNetworkPolicy default-deny"), a Namespace or an endpoint ("ns/Kind/name"); field its
        path ("spec.ingress[0]"), null when the finding is about the whole object; fix the change to
        make (the end of message), null for API findings, whose message carries it; "severity" and
        "subject" repeat level and object under their former names

Rules (code, level, engines, what):
${rules}

API checks (the manifests as the API server would check them, with strict field validation): one
error finding per problem; an object with such a problem is left out of the rules' analysis. An
object of a group or kind the analyzer does not read is an API_KIND_SKIPPED info finding. API
findings cannot be acknowledged. Codes:
${apiErrorCodes()}

Exit codes:
  0   no error-level finding, or each one is acknowledged
  1   an error-level finding is not acknowledged
  2   bad input: unreadable or malformed manifest, malformed --ack, unknown lint code
  70  internal error (a bug in cdk-netpol)

Example:
  $ cdk-netpol lint dist/ --ack 'NP_POD_NOT_ISOLATED=batch/CronJob/report:open on purpose'
  $ cdk-netpol lint --engine calico-crd --format json aks/
`;
}

/** `every engine`, `calico, calico-crd`...: where a rule applies. */
function engineGroup(engines: readonly string[]): string {
  return engines.length === SUPPORTED_ENGINES.length ? 'every engine' : engines.join(', ');
}

/** The error codes of the API checks, wrapped to the help's width. */
function apiErrorCodes(): string {
  const words = Object.entries(API_CODE_INFO).filter(([, info]) => info.severity === 'error').map(([code]) => code).join(', ').split(' ');
  const lines = [''];
  for (const word of words) {
    if (lines[lines.length - 1].length + word.length > 96) lines.push('');
    lines[lines.length - 1] += `${lines[lines.length - 1] === '' ? '  ' : ' '}${word}`;
  }
  return lines.join('\n');
}

/** `lint`: policy mistakes Kubernetes accepts silently. */
export function registerLint(program: Command, run: CliRun): void {
  program.command('lint')
    .summary('find policy mistakes Kubernetes accepts silently')
    .description('Check the manifests for network policy mistakes the API server accepts silently, under the engine\'s semantics: missing DNS egress, selectors that match nothing, Service ports used as container ports, namespaces without a default deny; Calico Allows re-opening isolation, cluster denies cutting DNS; Cilium deny-only and empty rules, CIDRs over pods, FQDN rules without DNS; admin Deny and Pass mistakes.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--engine <engine>', `semantics and rules to lint with: ${SUPPORTED_ENGINES.join(', ')} (default: detected from the policy kinds)`))
    .addOption(new Option('--ack <CODE[=SUBJECT]:REASON>', 'acknowledge findings with a reason (repeatable)').argParser(collect))
    .addOption(podCidrOption())
    .argument('<MANIFEST...>', MANIFEST_ARGUMENT)
    .addHelpText('after', help)
    .action((manifests: string[], options: LintOptions) => {
      run.exitCode = lint(run, manifests, options);
    });
}

function lint(run: CliRun, manifests: string[], options: LintOptions): number {
  if (options.engine !== undefined) checkEngine(options.engine);
  const acknowledgements = (options.ack ?? []).map(parseAcknowledgement);
  const loaded = loadClusterForLint(run.io, manifests);
  const cluster = withPodCidrs(loaded.cluster, options.podCidr);
  const engine = engineFor(cluster, options.engine);
  // An object the API server would refuse is a finding here, not a reason to stop: the rest is still linted.
  const ruleFindings = runLints(cluster, { acknowledgements, engine });
  const findings: Finding[] = [...loaded.findings, ...ruleFindings].sort(compareFindings);
  if (options.format === 'json') {
    run.io.stdout(JSON.stringify({ engine, findings: findings.map(jsonOf) }, undefined, 2) + '\n');
  } else {
    for (const f of findings) {
      const ack = f.acknowledged !== undefined ? ` [acknowledged: ${f.acknowledged}]` : '';
      run.io.stdout(`${f.severity.toUpperCase()} ${f.code} ${f.subject}: ${f.message}${ack}\n  why: ${f.why}\n`);
    }
  }
  // A stale acknowledgement hides nothing today but would hide tomorrow's finding: say so.
  for (const a of acknowledgements) {
    if (!findings.some(f => f.code === a.code && (a.subject === undefined || f.subject === a.subject))) {
      run.io.stderr(`cdk-netpol: note: --ack ${a.code}${a.subject !== undefined ? `=${a.subject}` : ''} matched no finding\n`);
    }
  }
  return findings.some(f => f.severity === 'error' && f.acknowledged === undefined) ? EXIT_FAILED : EXIT_OK;
}

/**
 * A finding as `--format json` prints it: every key always present (null when it has no value), `acknowledged` when
 * set; `severity` and `subject` repeat `level` and `object` under the names earlier versions printed.
 */
function jsonOf(f: Finding): Record<string, unknown> {
  return {
    code: f.code,
    level: f.severity,
    object: f.subject,
    field: f.field ?? null,
    message: f.message,
    fix: f.fix ?? null,
    why: f.why,
    // The names of earlier versions, kept so their readers go on working.
    severity: f.severity,
    subject: f.subject,
    ...(f.acknowledged === undefined ? {} : { acknowledged: f.acknowledged }),
  };
}

/** `CODE:REASON` or `CODE=SUBJECT:REASON`; the code must be a known rule's, the reason non-empty. */
export function parseAcknowledgement(text: string): Acknowledgement {
  const match = /^([^=:]+)(?:=([^:]+))?:(.*)$/.exec(text);
  const reason = match?.[3].trim() ?? '';
  if (!match || reason === '') {
    throw new InputError(`--ack ${text}: expected CODE:REASON or CODE=SUBJECT:REASON with a non-empty reason`);
  }
  const code = match[1].trim();
  if (code in API_CODE_INFO) {
    throw new InputError(`--ack ${text}: ${code} cannot be acknowledged: the API server refuses the object (fix the manifest)`);
  }
  if (!LINT_RULES.some(r => r.code === code)) {
    throw new InputError(`--ack ${text}: unknown lint code ${code} (codes: ${LINT_RULES.map(r => r.code).join(', ')})`);
  }
  const subject = match[2]?.trim();
  return { code, reason, ...(subject ? { subject } : {}) };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...previous ?? [], value];
}
