import { toAllow, toDeny, FlowSpec } from './flows';
import { ReachabilitySpec, toHaveReachability } from './reachability';
import { ReachabilityChangeSpec, toChangeReachabilityOf } from './reachability-change';
import type { NetpolTarget } from '../workloads';

/** The matchers, for `expect.extend(netpolMatchers)`. */
export const netpolMatchers = { toAllow, toDeny, toHaveReachability, toChangeReachabilityOf };

/**
 * The matchers as `expect(target)` offers them once installed; `target` is an App, a Chart or `withWorkloads(...)`.
 * Each fails, with or without `.not`, on a verdict that depends on where a pod without declared IPs sits in the
 * pod CIDRs, and says which pod and which ipBlock (or networks, nets) decide it.
 */
export interface NetpolMatchers<R> {
  /** The policies allow the flow: the source's egress and the destination's ingress. Prints the trace when not. */
  toAllow(flow: FlowSpec): R;
  /** The policies deny the flow, on either side. Prints the trace when not. */
  toDeny(flow: FlowSpec): R;
  /** The flows allowed on one port among the endpoints are exactly `allowed`. Prints the missing and unexpected ones. */
  toHaveReachability(spec: ReachabilitySpec): R;
  /**
   * Against `before` (an App, a Chart or `withWorkloads(...)`), the target newly allows exactly `added` and newly
   * denies exactly `removed`. Prints each unexpected change with its trace.
   */
  toChangeReachabilityOf(before: NetpolTarget, spec?: ReachabilityChangeSpec): R;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends NetpolMatchers<R> {}
  }
}

/** The part of jest's `expect` this needs. */
export interface ExtendableExpect {
  extend(matchers: Record<string, unknown>): void;
}

/**
 * Adds `toAllow`, `toDeny`, `toHaveReachability` and `toChangeReachabilityOf` to jest's `expect` (the global one unless given),
 * once per test file, e.g. at the top of the file or from `setupFilesAfterEnv`.
 */
export function installMatchers(target?: ExtendableExpect): void {
  const expectFn = target ?? (globalThis as any).expect;
  if (typeof expectFn?.extend !== 'function') {
    throw new Error('installMatchers: no jest expect found; call it inside a jest test file, or pass expect: installMatchers(expect)');
  }
  expectFn.extend(netpolMatchers);
}
