import { IConstruct } from 'constructs';
import { engineProblems } from './engine-prop';
import { Engine } from '../engines/engine';
import { NetpolErrors } from '../model';
import { defaultEngineTooLate, engineContextUnknown } from '../model/messages';

/**
 * The engine that constructs under a scope render for when they are given none, kept in construct context under
 * `cdk-netpol:engine` as the engine's name (`kubernetes`, `calico`, `calico-crd`, `cilium`, `cluster-network-policy`).
 * Set it in `cdktf.json`'s `context` or a cdktf App's `context` prop, with `node.setContext`, or with
 * `DefaultEngine.set`; the nearest setting up the tree wins. Without one, Kubernetes NetworkPolicy.
 */
export class DefaultEngine {
  /**
   * The context key that holds the default engine's name, e.g. `"cilium"`: in cdktf.json's `context`, a cdktf App's
   * `context` prop, or `app.node.setContext(...)` before any construct is added.
   */
  public static readonly ENGINE_CONTEXT = 'cdk-netpol:engine';

  /**
   * Makes `engine` the default for every construct under `scope` (the nearest setting up the tree wins), by setting
   * the context key on `scope`. Call it before adding constructs to `scope`: construct context cannot change once a
   * scope has children, and those would have rendered for the earlier default (`DEFAULT_ENGINE_TOO_LATE`).
   */
  public static set(scope: IConstruct, engine: Engine): void {
    NetpolErrors._throwIfAny(scope.node.path, 'engine', engineProblems(engine));
    const children = scope.node.children;
    if (children.length > 0) {
      throw NetpolErrors._fromProblem(scope.node.path, '', defaultEngineTooLate('', children.map(c => c.node.id).join(', '), constantOf(engine)));
    }
    scope.node.setContext(DefaultEngine.ENGINE_CONTEXT, engine.name);
  }

  /** The engine a construct at `scope` renders for when it is given none: the context key's engine, else Engine.KUBERNETES. */
  public static of(scope: IConstruct): Engine {
    const value = scope.node.tryGetContext(DefaultEngine.ENGINE_CONTEXT);
    if (value === undefined) return Engine.KUBERNETES;
    const engine = typeof value === 'string' ? Engine.all().find(e => e.name === value) : undefined;
    if (engine !== undefined) return engine;
    throw NetpolErrors._fromProblem(setterOf(scope, value).node.path, `context["${DefaultEngine.ENGINE_CONTEXT}"]`,
      engineContextUnknown('', typeof value === 'string' ? value : JSON.stringify(value) ?? String(value), DefaultEngine.ENGINE_CONTEXT, Engine.all().map(e => e.name)));
  }

  private constructor() {}
}

/** The scope that holds the context value `value` reaches `scope` from: the highest ancestor that still sees it. */
function setterOf(scope: IConstruct, value: unknown): IConstruct {
  let owner = scope;
  while (owner.node.scope !== undefined && owner.node.scope.node.tryGetContext(DefaultEngine.ENGINE_CONTEXT) === value) owner = owner.node.scope;
  return owner;
}

/** `CILIUM` for cilium: the static member users name in code. */
function constantOf(engine: Engine): string {
  return engine.name.toUpperCase().replace(/-/g, '_');
}
