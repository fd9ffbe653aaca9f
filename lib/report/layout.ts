// The report's graph, laid out when the report is written by dagre (a layered layout, MIT, @dagrejs/dagre): the
// HTML carries the positions and needs no library to draw them.

/** The part of dagre's API the layout uses (dagre's own types are ESM-only; its CommonJS build is what loads here). */
interface DagreGraph {
  setGraph(label: object): void;
  graph(): { width?: number; height?: number };
  setDefaultEdgeLabel(label: () => object): void;
  setNode(id: string, label: object): void;
  setParent(id: string, parent: string): void;
  setEdge(from: string, to: string): void;
  hasNode(id: string): boolean;
  node(id: string): { x: number; y: number; width: number; height: number };
  edge(from: string, to: string): { points?: { x: number; y: number }[] } | undefined;
}
interface Dagre {
  graphlib: { Graph: new (options: { compound: boolean; multigraph: boolean }) => DagreGraph };
  layout(graph: DagreGraph): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre = require('@dagrejs/dagre') as Dagre;

/** A node to lay out: a workload in its namespace, or a peer outside the cluster (no namespace). */
export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly namespace?: string;
}

/** A placed node: its centre and size. */
export interface PlacedNode extends GraphNode {
  readonly kind: 'workload' | 'external';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A namespace's box around its workloads. */
export interface PlacedCluster {
  readonly namespace: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A placed edge: the points of its line. */
export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface LaidOut {
  readonly width: number;
  readonly height: number;
  readonly clusters: readonly PlacedCluster[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

const CHAR_WIDTH = 7;
const NODE_HEIGHT = 30;

/** Lays out workloads grouped by namespace, the outside peers apart, edges left to right. Deterministic for equal input. */
export function layoutGraph(
  workloads: readonly GraphNode[], external: readonly GraphNode[], edges: readonly { from: string; to: string }[],
): LaidOut {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 20, ranksep: 60, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const clusterId = (ns: string) => `namespace:${ns}`;
  for (const ns of [...new Set(workloads.map(w => w.namespace!))]) g.setNode(clusterId(ns), { label: ns });
  for (const n of [...workloads, ...external]) {
    g.setNode(n.id, { label: n.label, width: Math.max(60, n.label.length * CHAR_WIDTH + 20), height: NODE_HEIGHT });
    if (n.namespace !== undefined) g.setParent(n.id, clusterId(n.namespace));
  }
  // An edge to a workload that no longer exists (a flow a change removed with it) is listed, not drawn.
  const drawn = (e: { from: string; to: string }) => e.from !== e.to && g.hasNode(e.from) && g.hasNode(e.to);
  for (const e of edges) if (drawn(e)) g.setEdge(e.from, e.to);
  dagre.layout(g);

  const box = (id: string) => g.node(id);
  const place = (n: GraphNode, kind: PlacedNode['kind']): PlacedNode => {
    const { x, y, width, height } = box(n.id);
    return { ...n, kind, x, y, width, height };
  };
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    clusters: [...new Set(workloads.map(w => w.namespace!))].map(ns => {
      const { x, y, width, height } = box(clusterId(ns));
      return { namespace: ns, x, y, width, height };
    }),
    nodes: [...workloads.map(w => place(w, 'workload')), ...external.map(e => place(e, 'external'))],
    edges: edges.map(e => ({
      from: e.from,
      to: e.to,
      points: drawn(e) ? (g.edge(e.from, e.to)?.points ?? []) : [],
    })),
  };
}
