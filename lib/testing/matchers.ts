import { ReachabilityChangeSpec, toChangeReachabilityOf } from './diff-matcher';
import { toAllow, toDeny } from './flow-matchers';
import { FlowSpec } from './flow-spec';
import { ReachabilitySpec, toHaveReachability } from './reachability-matcher';
import type { NetpolTarget } from './target';

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
