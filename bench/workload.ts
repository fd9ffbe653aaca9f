import { App } from 'cdk8s';

/** Namespaces in the workload; each gets one Chart with five policies. */
export const NAMESPACE_COUNT = 1000;

/** Policies per namespace: default deny, DNS, and the three tier ingresses. */
export const POLICIES_PER_NAMESPACE = 5;

/** Every policy the workload renders. */
export const POLICY_COUNT = NAMESPACE_COUNT * POLICIES_PER_NAMESPACE;

/** `ns-0000` … `ns-0999`, computed once so no variant pays for the formatting. */
export const NAMESPACES: readonly string[] = Array.from({ length: NAMESPACE_COUNT }, (_, i) => `ns-${String(i).padStart(4, '0')}`);

/** One way of expressing the workload: builds a fresh App holding every namespace's Chart. */
export interface Variant {
  readonly name: string;
  build(): App;
}
