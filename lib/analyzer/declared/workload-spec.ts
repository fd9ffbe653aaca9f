import { ProtocolName, parseProtocol } from './protocol-name';

/** A container port a declared workload listens on. */
export interface WorkloadPortSpec {
  /** The port's name, which named-port rules (`Port.named('metrics')`) resolve. */
  readonly name?: string;
  readonly port: number;
  /** Default TCP. */
  readonly protocol?: ProtocolName;
}

/** Pods to judge a chart's policies against, described by what policies see of them. */
export interface WorkloadSpec {
  readonly namespace: string;
  readonly name: string;
  /** `Pod` (default), `Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `ReplicationController`, `Job` or `CronJob`. */
  readonly kind?: string;
  /** The pods' labels (a workload's pod template labels). */
  readonly labels: Readonly<Record<string, string>>;
  readonly ports?: readonly WorkloadPortSpec[];
  /** Pod IPs, so IP-based rules can match the pod; only for kind `Pod`. */
  readonly ips?: readonly string[];
}

/** apiVersion of each workload kind. */
const API_VERSIONS: Readonly<Record<string, string>> = {
  Pod: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** The manifest a workload spec stands for; throws on a spec that would mislead the analysis. */
export function workloadManifest(spec: WorkloadSpec): any {
  const where = `workload ${spec.namespace}/${spec.name}`;
  if (!spec.namespace || !spec.name) throw new Error(`${where}: namespace and name are required`);
  const kind = spec.kind ?? 'Pod';
  const apiVersion = API_VERSIONS[kind];
  if (!apiVersion) throw new Error(`${where}: kind "${kind}" is not a workload kind; use one of ${Object.keys(API_VERSIONS).join(', ')}`);
  if (spec.ips?.length && kind !== 'Pod') throw new Error(`${where}: ips are only known for kind Pod, not ${kind}`);
  const labels = { ...spec.labels };
  const podSpec = { containers: [{ name: 'main', image: 'declared', ports: (spec.ports ?? []).map((p, i) => containerPort(p, `${where}: ports[${i}]`)) }] };
  const metadata = { name: spec.name, namespace: spec.namespace };
  const template = { metadata: { labels }, spec: podSpec };
  switch (kind) {
    case 'Pod': return { apiVersion, kind, metadata: { ...metadata, labels }, spec: podSpec, ...podStatus(spec.ips ?? []) };
    case 'ReplicationController': return { apiVersion, kind, metadata, spec: { selector: labels, template } };
    case 'CronJob': return { apiVersion, kind, metadata, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    case 'Job': return { apiVersion, kind, metadata, spec: { template } };
    default: return { apiVersion, kind, metadata, spec: { selector: { matchLabels: labels }, template } };
  }
}

function containerPort(port: WorkloadPortSpec, where: string): any {
  if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535) throw new Error(`${where}: port ${port.port} is not in 1-65535`);
  return { ...(port.name ? { name: port.name } : {}), containerPort: port.port, protocol: parseProtocol(port.protocol, `${where}.protocol`) };
}

function podStatus(ips: readonly string[]): any {
  return ips.length ? { status: { podIP: ips[0], podIPs: ips.map(ip => ({ ip })) } } : {};
}
