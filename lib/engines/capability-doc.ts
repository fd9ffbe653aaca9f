import { CAPABILITY_ROWS } from './capability-rows';
import { Engine } from './engine';

/** `docs/engines.md`, generated from the engines' capability tables so the documentation cannot drift from the code. */
export function enginesMarkdown(): string {
  const engines = Engine.all();
  const header = `| capability | ${engines.map(e => `\`${e.name}\``).join(' | ')} |`;
  const rule = `|---|${engines.map(() => ':-:').join('|')}|`;
  const rows = CAPABILITY_ROWS.map(row => `| ${row.title} | ${engines.map(e => (e.capabilities[row.key] ? 'yes' : 'no')).join(' | ')} |`);
  return [
    '<!-- Generated from lib/engines by `npx projen docgen:engines`. Do not edit. -->',
    '# Policy engines',
    '',
    'What each engine can express. An intent an engine cannot express is refused with a coded error',
    '(`ENGINE_NO_DENY`, `ENGINE_NO_ORDER`, ...) naming the construct and the fix; it is never dropped or widened.',
    '',
    ...engines.map(e => `- \`${e.name}\`: ${e.description}`),
    '',
    header,
    rule,
    ...rows,
    '',
    '## How each engine evaluates (the analyzer implements exactly this)',
    '',
    '- `kubernetes`: a pod selected by a policy with a direction in `policyTypes` is isolated for it; allowed traffic is the',
    '  union of the rules of the policies selecting it. AdminNetworkPolicy / ClusterNetworkPolicy tier Admin come first,',
    '  BaselineAdminNetworkPolicy / tier Baseline last.',
    '- `calico`, `calico-crd`: tiers in order; in a tier, policies by `order` then name; the first matching Allow or Deny',
    '  decides, Pass goes to the next tier, Log goes on; a tier that selected the pod and decided nothing denies. Kubernetes',
    '  NetworkPolicies are order-1000 policies of tier `default`, so a later-order Allow in that tier re-opens what their',
    '  isolation denies: a cluster deny must not carry a blanket Allow. Within one cdk-netpol policy, deny rules are written',
    '  before allows, so deny wins there; a policy with deny rules and no isolation cannot be expressed (the end of the tier',
    '  would deny the rest) and is refused.',
    '- `cilium`: deny rules win over allows across CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and NetworkPolicy; a',
    '  pod is default-deny for a direction when a selecting policy has rules for it (`enableDefaultDeny` always written);',
    '  `egress: [{}]` denies all egress; peers in a CiliumNetworkPolicy stay in its namespace unless the namespace is named',
    '  (cdk-netpol always names it); CIDR rules never match pods; FQDN rules get a DNS rule to kube-dns added so the DNS',
    '  proxy sees the lookups.',
    '- `cluster-network-policy`: `kubernetes` semantics (tiers Admin, NetworkPolicy, Baseline). Cluster-scoped intents only:',
    '  a namespaced intent is refused (`ENGINE_NO_NAMESPACE_SCOPE`), as a ClusterNetworkPolicy deny is final where a',
    '  NetworkPolicy isolation adds up with other policies. Tier `admin` unless the intent says `baseline`, priority 500',
    '  unless given (0..1000). Rules in order (first match): Deny and Pass before Accept, then one last Deny per isolated',
    '  direction (ingress from all pods; egress to all pods, `0.0.0.0/0` and `::/0`). Ingress peers are pods only, so',
    '  isolation leaves sources outside the pod network alone (warned, `CLUSTER_NETWORK_POLICY_INGRESS_PODS_ONLY`); ipBlock',
    '  exceptions are cut out of `networks` exactly. `ClusterDefaultDeny` renders tier Baseline priority 1000, below every',
    '  NetworkPolicy.',
    '- AKS: Azure NPM enforces only `kubernetes`; AKS-managed Calico takes `calico-crd`; Azure CNI powered by Cilium takes',
    '  `cilium` (FQDN and L7 need the ACNS add-on; no L7 in cluster-wide policies).',
    '',
  ].join('\n');
}
