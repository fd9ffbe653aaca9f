import { IConstruct } from 'constructs';

/**
 * Keys that must be unique per cdk8s App or cdktf stack (rendered policy names, Terraform addresses), each owned by the
 * object emitted in the claiming intent's place: same scope and id, so its path is the intent's path.
 *
 * Keys sit under a group (a kind and namespace, a resource type) and are strings the emitted object keeps anyway, so a
 * claim adds no object per policy to the heap. cdk8s walks the whole app once per Chart when it synthesizes, and objects
 * kept alive between the tree's own make those walks slower (measured by bench/synth.bench.ts).
 */
export class Claims {
  private readonly byRoot = new WeakMap<IConstruct, Map<string, Map<string, IConstruct>>>();

  /** The path of the object that owns `key` in `group` under `root`; undefined while unclaimed. */
  public ownerPath(root: IConstruct, group: string, key: string): string | undefined {
    return this.byRoot.get(root)?.get(group)?.get(key)?.node.path;
  }

  /** Records `owner` as the owner of `key` in `group` under `root`. */
  public record(root: IConstruct, group: string, key: string, owner: IConstruct): void {
    let groups = this.byRoot.get(root);
    if (groups === undefined) {
      groups = new Map();
      this.byRoot.set(root, groups);
    }
    let keys = groups.get(group);
    if (keys === undefined) {
      keys = new Map();
      groups.set(group, keys);
    }
    keys.set(key, owner);
  }
}
