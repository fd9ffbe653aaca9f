import { LabelSelector } from '../compile/form';
import { Labels } from '../types';

interface Entry<P> {
  readonly policy: P;
  /** Position in the order policies were added: results keep it. */
  readonly order: number;
}

/**
 * The policies of one namespace, indexed by one `matchLabels` pair of their pod selector (every pair must hold, so
 * a pod lacking it is never selected); policies whose selector has none are checked for every pod. Finding the
 * policies that select a pod costs its labels and the policies that may select it, not every policy of the namespace.
 */
export class PolicyIndex<P> {
  private readonly byLabel = new Map<string, Entry<P>[]>();
  private readonly everyPod: Entry<P>[] = [];
  private count = 0;

  /** Adds a policy; `podSelector` undefined: checked for every pod. */
  public add(policy: P, podSelector: LabelSelector | undefined): void {
    this.addAnchored(policy, anchorOf(podSelector));
  }

  /** Adds a policy that selects only pods carrying the label `anchor` (`[key, value]`); undefined: checked for every pod. */
  public addWithLabel(policy: P, anchor: readonly [string, string] | undefined): void {
    this.addAnchored(policy, anchor === undefined || anchor[0].includes(SEPARATOR) ? undefined : labelKey(anchor[0], anchor[1]));
  }

  private addAnchored(policy: P, anchor: string | undefined): void {
    const entry = { policy, order: this.count++ };
    if (anchor === undefined) {
      this.everyPod.push(entry);
      return;
    }
    const list = this.byLabel.get(anchor);
    if (list) list.push(entry);
    else this.byLabel.set(anchor, [entry]);
  }

  /** The policies `selects` accepts among those that may select a pod with these labels, in the order added. */
  public selecting(labels: Labels, selects: (policy: P) => boolean): P[] {
    const found: Entry<P>[] = this.everyPod.filter(e => selects(e.policy));
    if (this.byLabel.size > 0) {
      const keys = Object.keys(labels);
      if (keys.length <= this.byLabel.size) {
        for (const key of keys) this.byLabel.get(labelKey(key, labels[key]))?.forEach(e => selects(e.policy) && found.push(e));
      } else {
        // A pod with more labels than the namespace has anchors: look the anchors up on the pod instead.
        for (const [anchor, entries] of this.byLabel) {
          const [key, value] = splitKey(anchor);
          if (Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === value) entries.forEach(e => selects(e.policy) && found.push(e));
        }
      }
    }
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    return found.map(e => e.policy);
  }
}

const SEPARATOR = '\u0000';

function labelKey(key: string, value: string): string {
  return `${key}${SEPARATOR}${value}`;
}

function splitKey(anchor: string): [string, string] {
  const at = anchor.indexOf(SEPARATOR);
  return [anchor.slice(0, at), anchor.slice(at + 1)];
}

/** One `matchLabels` pair a pod must carry to be selected; undefined when the selector has none to offer. */
function anchorOf(selector: LabelSelector | undefined): string | undefined {
  if (selector === undefined || selector === null || typeof selector !== 'object') return undefined;
  const matchLabels = selector.matchLabels;
  if (matchLabels === undefined || matchLabels === null || typeof matchLabels !== 'object') return undefined;
  for (const [key, value] of Object.entries(matchLabels)) {
    if (typeof value === 'string' && !key.includes(SEPARATOR)) return labelKey(key, value);
  }
  return undefined;
}
