// The addresses outside the cluster (outside every pod CIDR), cut into pieces that no address block of the policies
// splits: every address of a piece gets the same verdict, so one probe address stands for the piece.

import * as ipaddr from 'ipaddr.js';
import { addressPredicatesOf } from './address-predicates';
import { rangeOf } from './classes';
import { normalizedPolicies } from './compile';
import { ParsedCidr, parseCidr } from './ip-match';
import { podCidrsOf } from './pod-cidrs';
import { Cluster } from './types';

export const ANY_ADDRESS = 'any address';
/** The external peer standing for every address outside the pod CIDRs that no policy names. */
export const INTERNET = 'internet';

/** A piece of the outside: addresses `first` to `last` of one family, and the most specific policy block holding them. */
export interface OutsidePiece {
  readonly family: 'ipv4' | 'ipv6';
  readonly first: bigint;
  readonly last: bigint;
  /** The CIDR as a policy writes it (the smallest that holds the piece), or `internet` when none does. */
  readonly owner: string;
  /** An address of the piece, to evaluate flows with. */
  readonly probe: string;
}

/** The outside of a cluster under an engine's policies. */
export interface OutsidePieces {
  readonly pieces: readonly OutsidePiece[];
  /** The pieces whose probe address `allowed` accepts, merged into CIDRs; `any address` when all are. */
  allowedRanges(allowed: (ip: string) => boolean): string[];
}

/** The outside, cut at every address block the engine's policies name (ipBlocks, networks, nets, Cilium CIDRs). */
export function outsidePieces(cluster: Cluster, engine: string): OutsidePieces {
  const blocks: ParsedCidr[] = [...addressPredicatesOf(cluster, engine).flatMap(p => p.cidrs), ...ciliumCidrs(cluster)];
  const pods = podCidrsOf(cluster).map(parseCidr).filter((c): c is ParsedCidr => c !== undefined);
  const pieces: OutsidePiece[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const end = 2n ** BigInt(family === 'ipv4' ? 32 : 128);
    const cuts = new Set<bigint>([0n, end]);
    const ranges = (list: readonly ParsedCidr[]) => list.map(c => ({ c, r: rangeOf(c) })).filter(x => x.r.family === family);
    const familyBlocks = ranges(blocks);
    const familyPods = ranges(pods);
    for (const { r } of [...familyBlocks, ...familyPods]) {
      cuts.add(r.first);
      cuts.add(r.last + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i + 1 < sorted.length; i++) {
      const first = sorted[i];
      if (familyPods.some(({ r }) => first >= r.first && first <= r.last)) continue;
      // The smallest block holding the piece names it (blocks never split a piece).
      let owner: { text: string; size: bigint } | undefined;
      for (const { c, r } of familyBlocks) {
        const size = r.last - r.first;
        if (first >= r.first && first <= r.last && (owner === undefined || size < owner.size)) owner = { text: c.text, size };
      }
      pieces.push({ family, first, last: sorted[i + 1] - 1n, owner: owner?.text ?? INTERNET, probe: addressText(family, first) });
    }
  }
  return {
    pieces,
    allowedRanges(allowed) {
      const ok = pieces.map(p => allowed(p.probe));
      if (ok.every(Boolean)) return [ANY_ADDRESS];
      // Adjacent allowed pieces merge before they are written as CIDRs.
      const merged: { family: 'ipv4' | 'ipv6'; first: bigint; last: bigint }[] = [];
      pieces.forEach((p, i) => {
        if (!ok[i]) return;
        const last = merged[merged.length - 1];
        if (last !== undefined && last.family === p.family && last.last + 1n === p.first) last.last = p.last;
        else merged.push({ family: p.family, first: p.first, last: p.last });
      });
      return merged.flatMap(p => cidrsOf(p.family, p.first, p.last));
    },
  };
}

/** Cilium's CIDR peers: outside the cluster only, so they are not address predicates, but they cut the outside. */
function ciliumCidrs(cluster: Cluster): ParsedCidr[] {
  const found: ParsedCidr[] = [];
  for (const form of normalizedPolicies(cluster)) {
    if (form.failure !== undefined || form.family !== 'cilium') continue;
    for (const set of form.ruleSets) {
      for (const rule of [...set.ingress, ...set.egress]) {
        for (const peer of rule.peers ?? []) if (peer.kind === 'cidr') found.push(peer.range.cidr, ...peer.range.except);
      }
    }
  }
  return found;
}

/** The smallest list of CIDRs that covers exactly the addresses `first` to `last`. */
function cidrsOf(family: 'ipv4' | 'ipv6', first: bigint, last: bigint): string[] {
  const bits = family === 'ipv4' ? 32 : 128;
  const out: string[] = [];
  let at = first;
  while (at <= last) {
    let size = 0;
    // The largest aligned block starting at `at` that stays in the range.
    while (size < bits && at % (2n ** BigInt(size + 1)) === 0n && at + 2n ** BigInt(size + 1) - 1n <= last) size++;
    out.push(`${addressText(family, at)}/${bits - size}`);
    at += 2n ** BigInt(size);
  }
  return out;
}

function addressText(family: 'ipv4' | 'ipv6', value: bigint): string {
  const bytes = family === 'ipv4' ? 4 : 16;
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out.unshift(Number(v % 256n));
    v /= 256n;
  }
  return ipaddr.fromByteArray(out).toString();
}
