import { CompiledPolicy, CompiledRule } from '../compiled';
import { CiliumPeer } from './peers';
import { CiliumPortMatcher } from './ports';

/** A Cilium rule compiled once: `peers`/`ports` undefined means every peer / every port. */
export interface CiliumRule extends CompiledRule {
  readonly action: 'Allow' | 'Deny';
  readonly peers?: readonly CiliumPeer[];
  readonly ports?: readonly CiliumPortMatcher[];
  /** Why the rule is read as matching although part of it could not be read (deny rules only). */
  readonly failClosed?: string;
}

/**
 * One rule set as Cilium's policy repository holds it: one `spec` (or one entry of `specs`) of a
 * CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy, or a translated NetworkPolicy. Reuses the
 * CompiledPolicy shape: `isolatesIngress`/`isolatesEgress` say whether it puts the pods it selects into
 * default deny for that direction (rules in that direction and `enableDefaultDeny` not false).
 */
export interface CiliumPolicy extends CompiledPolicy {
  readonly tier: 'NetworkPolicy';
  readonly ingress: readonly CiliumRule[];
  readonly egress: readonly CiliumRule[];
  /** Whether the rule set has rules (allow or deny) in that direction: it then applies to the pods it selects. */
  readonly hasIngress: boolean;
  readonly hasEgress: boolean;
  /**
   * The endpoint selector its subject is chosen by (a NetworkPolicy's pod selector), for finding the rule sets that
   * may select a pod by one of its labels; undefined when it selects otherwise (checked for every pod of its scope).
   */
  readonly subjectSelector?: any;
  /** `fromRequires`/`toRequires` selectors, already scoped: folded into every endpoint selector of the allow rules of a pod they select. */
  readonly requires: { readonly ingress: readonly any[]; readonly egress: readonly any[] };
}
