import { netpolMatchers } from './matchers';

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
