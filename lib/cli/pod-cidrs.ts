import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_POD_CIDRS, podCidrProblem } from '../analyzer/pod-cidrs';
import { Cluster } from '../analyzer/types';

/**
 * The `--pod-cidr` option of the analyzing commands: where pods without a known IP may sit. Each value is checked
 * as it is read, so a MANIFEST argument written right after the option's values is refused with a hint.
 */
export function podCidrOption(): Option {
  return new Option('--pod-cidr <CIDR...>',
    `the cluster's pod CIDRs, one or more (put MANIFEST arguments first, or end the list with --); a verdict that depends on where a pod without a known IP sits in them is marked uncertain (default: ${DEFAULT_POD_CIDRS.join(', ')})`)
    .argParser(collectPodCidr);
}

function collectPodCidr(value: string, previous: string[] | undefined): string[] {
  const problem = podCidrProblem(value);
  if (problem !== undefined) {
    // Not even shaped like an address: most likely a MANIFEST argument the option took as one more value.
    const hint = /^[0-9a-fA-F.:]+(\/\d+)?$/.test(value) ? '' : ' (write MANIFEST arguments before --pod-cidr, or end its values with --)';
    throw new InvalidArgumentError(`"${value}" is not a pod CIDR: ${problem}${hint}`);
  }
  return [...previous ?? [], value];
}

/** The cluster with the pod CIDRs the command line declares, if any. */
export function withPodCidrs(cluster: Cluster, podCidrs: readonly string[] | undefined): Cluster {
  return podCidrs === undefined ? cluster : { ...cluster, podCidrs };
}
