import { compareStrings } from '../../../model/canonical-order';
import { NetworkPolicyForm, RuleForm } from '../../compile/form';
import { matchesLabelSelector } from '../../selectors';
import { Cluster, Endpoint, Protocol, Service } from '../../types';
import { LintCode } from '../codes';
import { EVERY_ENGINE } from '../engines';
import { Finding, LintRule, LintRuleInfo, findingOf } from '../finding';
import { DIRECTIONS, Direction, isEmptySelector, networkPolicies } from './policies';
import { portFormsAllow } from '../ports';
import { peerFormSelects, policySelects } from '../scope';
import { endpointSubject } from '../subjects';

const info: LintRuleInfo = {
  code: LintCode.NP_SERVICE_PORT_NOT_CONTAINER_PORT,
  severity: 'warning',
  title: 'A rule opens a Service port that is not the destination pods\' container port',
  why: 'NetworkPolicy ports match the pod\'s container port after the Service translated it; opening the Service port leaves the real port closed.',
  engines: EVERY_ENGINE,
};

// Source: kubernetes.io/docs/concepts/services-networking/network-policies ("port"): ports are the destination pod's
// ports, matched after the Service's virtual IP and port were translated to a pod and its targetPort.

export const npServicePortNotContainerPort: LintRule = { ...info, check };

/** Applies only when the model has Services; ranges and named ports are not checked (they name container ports). */
function check(cluster: Cluster): Finding[] {
  if (cluster.services.length === 0) return [];
  const findings = new Map<string, Finding>();
  for (const policy of networkPolicies(cluster)) {
    for (const direction of DIRECTIONS) {
      policy[direction].forEach((rule, i) => {
        const destinations = destinationsOf(cluster, policy, direction, rule);
        (rule.ports ?? []).forEach((p, j) => {
          if (p.kind !== 'number' || p.endPort !== undefined) return;
          const protocol: Protocol = p.protocol;
          for (const d of destinations) {
            if (d.ports.some(c => c.port === p.port && c.protocol === protocol)) continue;
            for (const { service, target } of translations(cluster, d, p.port, protocol)) {
              if (portFormsAllow(rule.ports, target, protocol, d)) continue;
              const field = `spec.${direction}[${i}].ports[${j}]`;
              const key = `${policy.id}|${field}|${service.namespace}/${service.name}|${target}`;
              if (findings.has(key)) continue;
              findings.set(key, findingOf(info, policy.id, {
                field,
                problem: `${field} opens ${p.port}/${protocol}, a port of Service ${service.namespace}/${service.name} that forwards to container port ${target} ` +
                  `of ${endpointSubject(d)}`,
                fix: `policies match container ports: use port ${target}`,
              }));
            }
          }
        });
      });
    }
  }
  return [...findings.values()];
}

/** The pods a rule's traffic goes to: the policy's pods for ingress, the rule's pod peers for egress (none for "anywhere"). */
function destinationsOf(cluster: Cluster, policy: NetworkPolicyForm, direction: Direction, rule: RuleForm): Endpoint[] {
  const selected = direction === 'ingress'
    ? cluster.endpoints.filter(e => policySelects(policy, e))
    : cluster.endpoints.filter(e => rule.peers?.some(peer => peerFormSelects(cluster, peer, e)));
  // Sorted, so the endpoint a message names does not depend on input order.
  return selected.sort((a, b) => compareStrings(endpointSubject(a), endpointSubject(b)));
}

/** Services selecting the endpoint that map `port` to a different container port (named targetPorts resolved on it). */
function translations(cluster: Cluster, endpoint: Endpoint, port: number, protocol: Protocol): { service: Service; target: number }[] {
  const found: { service: Service; target: number }[] = [];
  for (const service of cluster.services) {
    // A Service without selector has hand-made endpoints: it selects no pod of ours.
    if (service.namespace !== endpoint.namespace || isEmptySelector({ matchLabels: service.selector })) continue;
    if (!matchesLabelSelector({ matchLabels: service.selector }, endpoint.labels)) continue;
    for (const sp of service.ports) {
      if (sp.port !== port || sp.protocol !== protocol || sp.targetPort == null) continue;
      const target = typeof sp.targetPort === 'number'
        ? sp.targetPort
        : endpoint.ports.find(c => c.name === sp.targetPort && c.protocol === protocol)?.port;
      if (target !== undefined && target !== port) found.push({ service, target });
    }
  }
  return found;
}
