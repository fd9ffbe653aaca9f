import * as ipaddr from 'ipaddr.js';
import { cidrHostBitsSet, cidrInvalidMask, cidrMalformed, cidrMissingMask } from './messages/values';
import { Problem } from './problem';

/** The address family of a CIDR or IP address. */
export enum IpFamily {
  /** IPv4, 32-bit addresses. */
  IPV4 = 'IPv4',
  /** IPv6, 128-bit addresses. */
  IPV6 = 'IPv6',
}

const CIDR = Symbol.for('cdk-netpol.Cidr');

interface Parsed {
  readonly family: IpFamily;
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefixLength: number;
  readonly text: string;
}

/**
 * An IP network in CIDR notation, e.g. `10.0.0.0/8` or `fd00::/8`.
 *
 * Parsing never throws: a malformed CIDR carries its problems and is refused,
 * with the construct path, by the construct or policy that uses it.
 */
export class Cidr {
  /** Every IPv4 address. */
  public static readonly ANY_IPV4 = Cidr.of('0.0.0.0/0');
  /** Every IPv6 address. */
  public static readonly ANY_IPV6 = Cidr.of('::/0');

  /** Parses a CIDR such as `10.0.0.0/8`. */
  public static of(cidr: string): Cidr {
    return new Cidr(cidr);
  }

  /** True when `x` is a Cidr from any copy of this library. */
  public static isCidr(x: any): x is Cidr {
    return x !== null && typeof x === 'object' && CIDR in x;
  }

  /** The text as given. */
  public readonly input: string;
  private readonly parsed?: Parsed;
  private readonly problems: Problem[];

  private constructor(input: string) {
    Object.defineProperty(this, CIDR, { value: true });
    this.input = input;
    const result = parse(String(input));
    this.parsed = result.parsed;
    this.problems = result.problems;
  }

  /** Whether the CIDR parsed and has no host bits set. */
  public get isValid(): boolean {
    return this.problems.length === 0;
  }

  /** The address family; undefined when the CIDR is malformed. */
  public get family(): IpFamily | undefined {
    return this.parsed?.family;
  }

  /** The prefix length; undefined when the CIDR is malformed. */
  public get prefixLength(): number | undefined {
    return this.parsed?.prefixLength;
  }

  /** True when every address of `other` is inside this network (a network contains itself). */
  public contains(other: Cidr): boolean {
    const a = this.parsed;
    const b = other.parsed;
    if (!a || !b || a.family !== b.family || b.prefixLength < a.prefixLength) return false;
    return b.network.match(a.network, a.prefixLength);
  }

  /** True when `other` is inside this network and smaller than it. */
  public strictlyContains(other: Cidr): boolean {
    return this.contains(other) && other.prefixLength! > this.prefixLength!;
  }

  /** Canonical form: the network address in its shortest standard spelling and the prefix length. */
  public toString(): string {
    return this.parsed?.text ?? this.input;
  }

  /** @internal */
  public _problems(): Problem[] {
    return this.problems;
  }

  /** @internal Orders CIDRs by family, then address, then prefix length. */
  public _compare(other: Cidr): number {
    const a = this.parsed;
    const b = other.parsed;
    if (!a || !b) return this.toString() < other.toString() ? -1 : this.toString() > other.toString() ? 1 : 0;
    if (a.family !== b.family) return a.family === IpFamily.IPV4 ? -1 : 1;
    const x = a.network.toByteArray();
    const y = b.network.toByteArray();
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) return x[i] - y[i];
    }
    return a.prefixLength - b.prefixLength;
  }
}

function bits(family: IpFamily): number {
  return family === IpFamily.IPV4 ? 32 : 128;
}

function parse(input: string): { parsed?: Parsed; problems: Problem[] } {
  const refused = (problem: Problem) => ({ problems: [problem] });
  const slash = input.indexOf('/');
  const address = slash < 0 ? input : input.slice(0, slash);
  let family: IpFamily;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) {
    family = IpFamily.IPV4;
    ip = ipaddr.IPv4.parse(address);
  } else if (address.includes(':') && !address.includes('%') && ipaddr.IPv6.isValid(address)) {
    family = IpFamily.IPV6;
    ip = ipaddr.IPv6.parse(address);
    // ipaddr.js reads `::a.b.c.d` as `::ffff:a.b.c.d`, and Kubernetes refuses IPv4-mapped addresses: never guess, refuse.
    if (address.includes('.') || ip.isIPv4MappedAddress()) {
      return refused(cidrMalformed('', input, 'ipv4-in-ipv6'));
    }
  } else {
    return refused(cidrMalformed('', input, 'not-an-address'));
  }
  const maxPrefix = bits(family);
  if (slash < 0) {
    return refused(cidrMissingMask('', input, address, maxPrefix));
  }
  const maskText = input.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(maskText) || Number(maskText) > maxPrefix) {
    return refused(cidrInvalidMask('', input, address, maxPrefix, family));
  }
  const prefixLength = Number(maskText);
  const network = family === IpFamily.IPV4
    ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefixLength}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${prefixLength}`);
  const networkText = addressText(network);
  if (networkText !== addressText(ip)) {
    return refused(cidrHostBitsSet('', input, address, networkText, prefixLength, maxPrefix));
  }
  return { parsed: { family, network, prefixLength, text: `${networkText}/${prefixLength}` }, problems: [] };
}

function addressText(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  return ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString();
}
