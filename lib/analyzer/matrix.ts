import { EndpointClass, endpointClasses } from './classes';
import { MatrixPort, MatrixSupport, PairVerdict, isMatrixCapable, pairVerdictOf, pairwiseSupport } from './matrix-support';
import { Cluster, ContainerPort, Endpoint, Evaluator, Flow, Protocol } from './types';
import { podAddressesMatter } from './uncertain-evaluator';

/** The port of a flow and, when it is uncertain, why: what every kind of matrix row carries. */
export interface FlowPortVerdict {
  readonly port: number;
  readonly protocol: Protocol;
  readonly portName?: string;
  /** Present (false) only when the verdict depends on where a pod without a known IP sits in the pod CIDRs. */
  readonly certain?: false;
  /** For uncertain flows: the verdict for a pod matching no address peer; false means "may be allowed". */
  readonly allowed?: boolean;
  /** For uncertain flows: which pod and which address peer decide it. */
  readonly assumption?: string;
}

/** One allowed (or, when uncertain, possibly allowed) flow of the matrix, on a port the destination declares. */
export interface MatrixEntry extends FlowPortVerdict {
  readonly from: Endpoint;
  readonly to: Endpoint;
}

/**
 * Endpoints that no policy can tell apart and that declare the same ports: a flow from one class to another holds
 * for every member of the one and every member of the other (a class's flow to itself: between different members).
 */
export interface MatrixClass {
  /** In the cluster's order. */
  readonly members: readonly Endpoint[];
  /** The ports every member declares. */
  readonly ports: readonly ContainerPort[];
}

/**
 * One allowed (or uncertain) flow between two classes, on a port the destination class declares; an uncertain flow's
 * assumption names the classes' first members.
 */
export interface ClassFlow extends FlowPortVerdict {
  readonly from: MatrixClass;
  readonly to: MatrixClass;
}

/** The matrix between classes: each class once with its members, and the flows between them. */
export interface ClassMatrix {
  readonly classes: readonly MatrixClass[];
  readonly flows: readonly ClassFlow[];
}

/** A pair of classes on a destination port whose verdict is allowed or uncertain. */
interface EvaluatedPair {
  readonly source: EndpointClass;
  readonly destination: EndpointClass;
  readonly port: MatrixPort;
  readonly verdict: PairVerdict;
}

/**
 * Every allowed flow between two different endpoints on the destination's declared container ports.
 *
 * Endpoints are grouped into classes no policy of the engine can tell apart (`endpointClasses`). The evaluator's
 * `MatrixSupport` names, for each destination class and port, the candidate source classes, and each candidate pair
 * is then checked once: with the Kubernetes and Cilium evaluators, the work follows the rules and the allowed flows,
 * not the square of the classes; an evaluator without one has every pair of classes evaluated. A flow whose verdict
 * depends on where a pod without a known IP sits in the pod CIDRs is listed too, marked, even when denied for a pod
 * that matches no address peer (it may be allowed); its assumption names the pods of each such entry.
 */
export function computeMatrix(cluster: Cluster, evaluator: Evaluator): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  const targetsOf = new Map<EndpointClass, Map<string, { endpoint: Endpoint; declared: ContainerPort }[]>>();
  for (const { source, destination, port, verdict } of evaluatedPairs(cluster, evaluator).pairs) {
    let byPort = targetsOf.get(destination);
    if (byPort === undefined) {
      byPort = new Map();
      targetsOf.set(destination, byPort);
    }
    const key = `${port.port}/${port.protocol}`;
    let targets = byPort.get(key);
    if (targets === undefined) {
      targets = declarationsOf(destination, port);
      byPort.set(key, targets);
    }
    for (const from of source.members) {
      for (const { endpoint: to, declared } of targets) {
        if (from === to) continue;
        const entry: MatrixEntry = declared.name
          ? { from, to, port: port.port, protocol: port.protocol, portName: declared.name }
          : { from, to, port: port.port, protocol: port.protocol };
        if (verdict.certain) {
          entries.push(entry);
          continue;
        }
        // The assumption names the pods: evaluate each member's own flow (only uncertain pairs pay for it).
        const own = from === source.representative && to === destination.representative
          ? verdict
          : pairVerdictOf(evaluator.evaluate(flowOf(from, to, port)));
        if (!own.certain) entries.push({ ...entry, certain: false, allowed: own.allowed, assumption: own.assumption ?? '' });
        else if (own.allowed) entries.push(entry);
      }
    }
  }
  return entries.sort(compareEntries);
}

/**
 * The matrix between classes, linear in the classes and their flows: the classes of `endpointClasses` split by the
 * ports their members declare, each listed once with its members, and every allowed (or uncertain) flow between
 * them. Uncertain flows are evaluated for the first members of their classes, whose names their assumption gives.
 */
export function computeClassMatrix(cluster: Cluster, evaluator: Evaluator): ClassMatrix {
  const { classes: endpointClassList, pairs } = evaluatedPairs(cluster, evaluator);
  const split = new Map<EndpointClass, MatrixClass[]>();
  const classes: MatrixClass[] = [];
  const splitOf = (c: EndpointClass): MatrixClass[] => {
    let found = split.get(c);
    if (found === undefined) {
      const byPorts = new Map<string, { members: Endpoint[]; ports: readonly ContainerPort[] }>();
      for (const e of c.members) {
        const key = JSON.stringify(e.ports.map(p => [p.port, p.protocol, p.name ?? null]));
        const known = byPorts.get(key);
        if (known) known.members.push(e);
        else byPorts.set(key, { members: [e], ports: e.ports });
      }
      found = [...byPorts.values()];
      split.set(c, found);
    }
    return found;
  };
  for (const c of endpointClassList) classes.push(...splitOf(c));
  const flows: ClassFlow[] = [];
  for (const { source, destination, port, verdict } of pairs) {
    for (const to of splitOf(destination)) {
      const declared = to.ports.find(p => p.port === port.port && p.protocol === port.protocol);
      if (declared === undefined) continue;
      for (const from of splitOf(source)) {
        if (from === to && from.members.length < 2) continue;
        const flow = { from, to, port: port.port, protocol: port.protocol, ...(declared.name ? { portName: declared.name } : {}) };
        if (verdict.certain) {
          flows.push(flow);
          continue;
        }
        const own = pairVerdictOf(evaluator.evaluate(flowOf(from.members[0], from === to ? to.members[1] : to.members[0], port)));
        if (!own.certain) flows.push({ ...flow, certain: false, allowed: own.allowed, assumption: own.assumption ?? '' });
        else if (own.allowed) flows.push(flow);
      }
    }
  }
  return { classes, flows };
}

/** The classes and the pairs of them whose flow is allowed or uncertain, each destination class on each of its ports. */
function evaluatedPairs(cluster: Cluster, evaluator: Evaluator): { classes: readonly EndpointClass[]; pairs: EvaluatedPair[] } {
  const classes = endpointClasses(cluster, evaluator.engine);
  const support = supportOf(evaluator, classes);
  const pairs: EvaluatedPair[] = [];
  for (const destination of classes.classes) {
    for (const port of portsOf(destination)) {
      const candidates = support.candidateSources(destination, port);
      for (const source of candidates === 'all' ? classes.classes : candidates) {
        const verdict = support.verdict(source, destination, port);
        if (verdict.allowed || !verdict.certain) pairs.push({ source, destination, port, verdict });
      }
    }
  }
  return { classes: classes.classes, pairs };
}

/** The evaluator's own matrix path, or every pair of classes. */
function supportOf(evaluator: Evaluator, classes: ReturnType<typeof endpointClasses>): MatrixSupport {
  const evaluate = (flow: Flow) => evaluator.evaluate(flow);
  return isMatrixCapable(evaluator) ? evaluator.matrixSupport(classes, evaluate, podAddressesMatter(evaluator)) : pairwiseSupport(evaluate);
}

/** Each port some member of the class declares, once per number and protocol, in the order first declared. */
function portsOf(c: EndpointClass): MatrixPort[] {
  const seen = new Set<string>();
  const ports: MatrixPort[] = [];
  for (const e of c.members) {
    for (const p of e.ports) {
      const key = `${p.port}/${p.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ports.push({ port: p.port, protocol: p.protocol });
    }
  }
  return ports;
}

/** The members declaring the port, each declaration of it in the member's order. */
function declarationsOf(c: EndpointClass, port: MatrixPort): { endpoint: Endpoint; declared: ContainerPort }[] {
  const found: { endpoint: Endpoint; declared: ContainerPort }[] = [];
  for (const endpoint of c.members) {
    for (const declared of endpoint.ports) if (declared.port === port.port && declared.protocol === port.protocol) found.push({ endpoint, declared });
  }
  return found;
}

const flowOf = (from: Endpoint, to: Endpoint, port: MatrixPort): Flow =>
  ({ from: { kind: 'endpoint', endpoint: from }, to: { kind: 'endpoint', endpoint: to }, port: port.port, protocol: port.protocol });

/** Orders entries by source, destination, protocol and port; entries of one pair and port keep their order. */
export function compareEntries(a: MatrixEntry, b: MatrixEntry): number {
  return compareText(a.from.namespace, b.from.namespace) || compareText(a.from.name, b.from.name) || compareText(a.from.kind, b.from.kind)
    || compareText(a.to.namespace, b.to.namespace) || compareText(a.to.name, b.to.name) || compareText(a.to.kind, b.to.kind)
    || compareText(a.protocol, b.protocol) || a.port - b.port;
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
