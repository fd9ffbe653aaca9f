/**
 * Every CEL rule (`x-kubernetes-validations`) of the CRDs the validator reads, and where it is ported.
 * ajv does not evaluate CEL; the converter refuses a CRD holding a rule missing here, so a new rule in
 * an updated CRD fails loudly until it is ported or listed as skipped with a reason.
 *
 * All rules of Calico v3.32.1 (projectcalico.org/v3 and crd.projectcalico.org/v1 NetworkPolicy,
 * GlobalNetworkPolicy, Tier) and network-policy-api v0.1.8 / v0.2.0 (standard channel) are ported;
 * none is skipped. The datreeio Cilium schemas carry no CEL rules.
 */

/** Where a rule is ported, or why it is skipped. */
export interface CelEntry {
  readonly ported?: string;
  readonly skipped?: string;
}

const CALICO_TIER_PASS = 'calico.ts tierRules: the reserved tier must have this default action (defaulted to Deny)';

export const CEL_RULES: ReadonlyMap<string, CelEntry> = new Map<string, CelEntry>([
  // Calico Rule (ingress and egress items), both API groups.
  ['!has(self.http) || !has(self.protocol) || self.protocol == \'TCP\' || self.protocol == 6', { ported: 'calico.ts validateRule: HTTP match needs protocol TCP or none' }],
  ['self.action == \'Allow\' || !has(self.http)', { ported: 'calico.ts validateRule: HTTP match only on Allow rules' }],
  ['!has(self.destination) || !has(self.destination.services) || (!has(self.destination.ports) || size(self.destination.ports) == 0) && (!has(self.destination.notPorts) || size(self.destination.notPorts) == 0)', { ported: 'calico.ts validateRule: no ports/notPorts beside destination services' }],
  // Calico ICMPFields (icmp, notICMP).
  ['!has(self.code) || has(self.type)', { ported: 'calico.ts validateIcmp: code needs a type' }],
  // Calico GlobalNetworkPolicySpec.
  ['!((has(self.doNotTrack) && self.doNotTrack) && (has(self.preDNAT) && self.preDNAT))', { ported: 'calico.ts globalSpecRules: preDNAT and doNotTrack' }],
  ['(!has(self.preDNAT) || !self.preDNAT) || !has(self.egress) || size(self.egress) == 0', { ported: 'calico.ts globalSpecRules: preDNAT without egress rules' }],
  ['(!has(self.preDNAT) || !self.preDNAT) || !has(self.types) || !self.types.exists(t, t == \'Egress\')', { ported: 'calico.ts globalSpecRules: preDNAT without Egress type' }],
  ['(has(self.applyOnForward) && self.applyOnForward) || ((!has(self.doNotTrack) || !self.doNotTrack) && (!has(self.preDNAT) || !self.preDNAT))', { ported: 'calico.ts globalSpecRules: applyOnForward with preDNAT or doNotTrack' }],
  // Calico Tier, projectcalico.org/v3 wording.
  ['self.metadata.name == \'kube-admin\' ? (has(self.spec.defaultAction) && self.spec.defaultAction == \'Pass\') : true', { ported: CALICO_TIER_PASS }],
  ['self.metadata.name == \'kube-baseline\' ? (has(self.spec.defaultAction) && self.spec.defaultAction == \'Pass\') : true', { ported: CALICO_TIER_PASS }],
  ['self.metadata.name == \'default\' ? (has(self.spec.defaultAction) && self.spec.defaultAction == \'Deny\') : true', { ported: CALICO_TIER_PASS }],
  // Calico Tier, crd.projectcalico.org/v1 wording (the same rules without has()).
  ['self.metadata.name == \'kube-admin\' ? self.spec.defaultAction == \'Pass\' : true', { ported: CALICO_TIER_PASS }],
  ['self.metadata.name == \'kube-baseline\' ? self.spec.defaultAction == \'Pass\' : true', { ported: CALICO_TIER_PASS }],
  ['self.metadata.name == \'default\' ? self.spec.defaultAction == \'Deny\' : true', { ported: CALICO_TIER_PASS }],
  // network-policy-api.
  ['isCIDR(self)', { ported: 'admin-network-policy.ts: egress `networks` items are CIDRs (held to the strict form)' }],
  ['self.metadata.name == \'default\'', { ported: 'admin-network-policy.ts: the BaselineAdminNetworkPolicy is named `default`' }],
  ['self.start < self.end', { ported: 'admin-network-policy.ts: ClusterNetworkPolicy port range start < end' }],
]);

/** Whitespace as YAML folding leaves it is not significant. */
export function normalizeCel(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim();
}

/** The CEL rules met while converting schemas (for the report and the tests). */
export const celRulesSeen = new Set<string>();

/** `ConvertOptions.onCel`: accepts a rule of the inventory, throws on any other. */
export function checkCelRule(rule: string, where: string): void {
  const normalized = normalizeCel(rule);
  if (!CEL_RULES.has(normalized)) {
    throw new Error(`kube-validator: CEL rule at ${where} is neither ported nor listed as skipped in validators/cel.ts: ${normalized}`);
  }
  celRulesSeen.add(normalized);
}
