import { ciliumField, ciliumRuleSets } from './policies';
import { ParsedCidr, parseCidr } from '../../ip-match';
import { podCidrsOf } from '../../pod-cidrs';
import { Cluster } from '../../types';
import { LintCode } from '../codes';
import { CILIUM_ENGINES } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS } from '../kubernetes/policies';

// Source: docs.cilium.io/en/latest/security/policy/language ("IP/CIDR based": CIDR rules apply to traffic where one
// side is not managed by Cilium; they do not apply to traffic between pods, which is matched by identity).

const info: LintRuleInfo = {
  code: LintCode.CILIUM_CIDR_COVERS_PODS,
  severity: 'warning',
  title: 'A Cilium CIDR rule covers a pod CIDR (or, with --pod-cidr given, lies in one): Cilium CIDR rules never match pods',
  why: 'Cilium matches pods by identity, never by address: a CIDR meant to take in the pod network allows (or denies) none of its pods.',
  engines: CILIUM_ENGINES,
};

export const ciliumCidrCoversPods: LintRule = { ...info, check };

/**
 * A `cidr` peer covers a pod CIDR when it holds all of it and no `except` takes it out. With the default pod CIDRs
 * (the private ranges) only that is reported; with declared ones, a CIDR inside a pod CIDR is aimed at pods too.
 */
function check(cluster: Cluster): Finding[] {
  const declared = cluster.podCidrs !== undefined;
  const podCidrs = podCidrsOf(cluster).map(c => parseCidr(c)).filter((c): c is ParsedCidr => c !== undefined);
  const findings: Finding[] = [];
  for (const { policy, set } of ciliumRuleSets(cluster)) {
    for (const direction of DIRECTIONS) {
      for (const rule of set[direction]) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind !== 'cidr') continue;
          const covered = podCidrs.find(pod => contains(peer.range.cidr, pod) && !peer.range.except.some(e => contains(e, pod)));
          const inside = declared ? podCidrs.find(pod => contains(pod, peer.range.cidr)) : undefined;
          const pods = covered ?? inside;
          if (pods === undefined) continue;
          const field = ciliumField(rule.label);
          const text = `cidr ${peer.cidr}${peer.except.length > 0 ? ` except ${peer.except.join(',')}` : ''}`;
          const effect = rule.action === 'Deny' ? 'denies' : 'allows';
          findings.push(findingOf(info, policy.id, {
            field,
            problem: `${field} names ${text}, which ${covered ? 'covers' : 'lies in'} the pod CIDR ${pods.text}: Cilium CIDR rules never match pods, ` +
              `so it ${effect} no traffic ${direction === 'ingress' ? 'from' : 'to'} the pods there`,
            fix: `select pods with ${direction === 'ingress' ? 'fromEndpoints' : 'toEndpoints'} (or the entity cluster), and keep CIDRs for addresses outside the cluster`,
          }));
        }
      }
    }
  }
  return findings;
}

/** Whether `outer` holds every address of `inner` (same family). */
function contains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  const [outerAddress, outerBits] = outer.range;
  const [innerAddress, innerBits] = inner.range;
  return outerAddress.kind() === innerAddress.kind() && outerBits <= innerBits && innerAddress.match(outer.range);
}
