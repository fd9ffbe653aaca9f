import { IConstruct } from 'constructs';
import { Engine } from '../engines/engine';

const defaults = new WeakMap<IConstruct, Engine>();

/**
 * The engine that constructs under a scope render for when they are given none: set it on an App or
 * a Chart once, and every policy below follows. Without one, Kubernetes NetworkPolicy.
 */
export class DefaultEngine {
  /** Makes `engine` the default for every construct under `scope` (the nearest setting up the tree wins). */
  public static set(scope: IConstruct, engine: Engine): void {
    defaults.set(scope, engine);
  }

  /** The engine a construct at `scope` renders for when it is given none. */
  public static of(scope: IConstruct): Engine {
    for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
      const engine = defaults.get(s);
      if (engine) return engine;
    }
    return Engine.KUBERNETES;
  }

  private constructor() {}
}
