/**
 * Every CEL rule (`x-kubernetes-validations`) in the schema tables, and the function that ports it.
 * The tables keep the rules' text; test/analyzer/load/schema-tables.test.ts fails on a rule missing here,
 * so a rule added by an updated CRD is ported before it is trusted.
 */
export const PORTED_CEL_RULES: ReadonlyMap<string, string> = new Map([
  // Calico Rule (ingress and egress items).
  ['!has(self.http) || !has(self.protocol) || self.protocol == \'TCP\' || self.protocol == 6', 'calico.ts ruleProblems: http needs protocol TCP or none'],
  ['self.action == \'Allow\' || !has(self.http)', 'calico.ts ruleProblems: http only on Allow rules'],
  ['!has(self.destination) || !has(self.destination.services) || (!has(self.destination.ports) || size(self.destination.ports) == 0) && (!has(self.destination.notPorts) || size(self.destination.notPorts) == 0)',
    'calico.ts ruleProblems: no ports beside destination services'],
  // Calico ICMPFields.
  ['!has(self.code) || has(self.type)', 'calico.ts ruleProblems: an ICMP code needs a type'],
  // Calico GlobalNetworkPolicySpec.
  ['!((has(self.doNotTrack) && self.doNotTrack) && (has(self.preDNAT) && self.preDNAT))', 'calico.ts globalSpecProblems: not preDNAT and doNotTrack'],
  ['(!has(self.preDNAT) || !self.preDNAT) || !has(self.egress) || size(self.egress) == 0', 'calico.ts globalSpecProblems: preDNAT without egress rules'],
  ['(!has(self.preDNAT) || !self.preDNAT) || !has(self.types) || !self.types.exists(t, t == \'Egress\')', 'calico.ts globalSpecProblems: preDNAT without type Egress'],
  ['(has(self.applyOnForward) && self.applyOnForward) || ((!has(self.doNotTrack) || !self.doNotTrack) && (!has(self.preDNAT) || !self.preDNAT))',
    'calico.ts globalSpecProblems: doNotTrack and preDNAT need applyOnForward'],
  // Calico Tier, both wordings (defaultAction defaults to Deny before the rules run).
  ['self.metadata.name == \'kube-admin\' ? (has(self.spec.defaultAction) && self.spec.defaultAction == \'Pass\') : true', 'calico.ts tierProblems'],
  ['self.metadata.name == \'kube-baseline\' ? (has(self.spec.defaultAction) && self.spec.defaultAction == \'Pass\') : true', 'calico.ts tierProblems'],
  ['self.metadata.name == \'default\' ? (has(self.spec.defaultAction) && self.spec.defaultAction == \'Deny\') : true', 'calico.ts tierProblems'],
  ['self.metadata.name == \'kube-admin\' ? self.spec.defaultAction == \'Pass\' : true', 'calico.ts tierProblems'],
  ['self.metadata.name == \'kube-baseline\' ? self.spec.defaultAction == \'Pass\' : true', 'calico.ts tierProblems'],
  ['self.metadata.name == \'default\' ? self.spec.defaultAction == \'Deny\' : true', 'calico.ts tierProblems'],
  // network-policy-api.
  ['isCIDR(self)', 'admin-policies.ts peerProblems: networks items are CIDRs'],
  ['self.metadata.name == \'default\'', 'admin-policies.ts adminPolicyProblems: the BaselineAdminNetworkPolicy is named default'],
  ['self.start < self.end', 'admin-policies.ts rangeProblems: a port range starts below its end'],
]);
