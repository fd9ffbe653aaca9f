import { selectorText } from '../../selector-text';
import { Cluster } from '../../types';
import { namesClusterDns } from '../cluster-dns-peer';
import { LintCode } from '../codes';
import { EVERY_ENGINE } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, PEERS_FIELD, networkPolicies } from './policies';
import { peerFormSelects } from '../scope';

// Source: kubernetes.io/docs/tasks/administer-cluster/dns-custom-nameservers: the cluster DNS (CoreDNS) runs in
// kube-system with the label k8s-app=kube-dns; it is part of every cluster, rarely of an application's manifests.

const info: LintRuleInfo = {
  code: LintCode.NP_PEER_NOT_IN_MODEL,
  severity: 'info',
  title: 'A peer names the cluster DNS pods (kube-system, k8s-app=kube-dns), which are not in the manifests: not in the model',
  why: 'The analyzer judges a peer against the pods the manifests show; the cluster DNS is rarely among them, so flows to it are assumed, not checked.',
  engines: EVERY_ENGINE,
};

export const npPeerNotInModel: LintRule = { ...info, check };

/** Applies when the model has endpoints (else no selector can be judged) and a DNS peer matches none of them. */
function check(cluster: Cluster): Finding[] {
  if (cluster.endpoints.length === 0) return [];
  const findings: Finding[] = [];
  for (const policy of networkPolicies(cluster)) {
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, i) => (rule.peers ?? []).forEach((peer, j) => {
        if (!namesClusterDns(cluster, peer) || cluster.endpoints.some(e => peerFormSelects(cluster, peer, e))) return;
        const field = `spec.${direction}[${i}].${PEERS_FIELD[direction]}[${j}]`;
        const pods = peer.kind === 'pods' ? selectorText(peer.podSelector) : '';
        findings.push(findingOf(info, policy.id, {
          field,
          problem: `${field} names the cluster DNS pods (${pods} in kube-system), which are not in the model: the manifests hold no such pod, ` +
            'so flows to them are not checked',
          fix: 'add the CoreDNS Deployment (or a declared workload kube-system/coredns labelled k8s-app=kube-dns) to check them',
        }));
      }));
    }
  }
  return findings;
}
