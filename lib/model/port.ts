import { ErrorCode } from './errors';
import { Problem } from './problem';
import { nestProblems } from './problems';
import { checkPortName } from './syntax';

/** Transport protocols a network policy can match. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/** Options of `Port.of`. */
export interface PortOptions {
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * The port number, or the first port of a range. Give `port` or `name`, not both.
   * @default - no number: `name` is used, or every port of the protocol when neither is given
   */
  readonly port?: number;
  /**
   * A named container port (IANA service name syntax), resolved on each selected pod.
   * @default - no name
   */
  readonly name?: string;
  /**
   * The last port of a range (inclusive). Needs a numeric `port`.
   * @default - a single port
   */
  readonly endPort?: number;
  /**
   * Every protocol and every port. Excludes all the other options.
   * @default false
   */
  readonly allPorts?: boolean;
}

const PORT = Symbol.for('cdk-netpol.Port');

/**
 * A port, port range, named port or "every port" of a protocol, as network policies match them.
 *
 * Ports are matched against the destination pod's container ports, never a Service's port.
 */
export class Port {
  /** DNS over UDP, port 53. */
  public static readonly DNS_UDP = Port.udp(53);
  /** DNS over TCP, port 53 (large answers and zone transfers fall back to TCP). */
  public static readonly DNS_TCP = Port.tcp(53);
  /** HTTP, TCP 80. */
  public static readonly HTTP = Port.tcp(80);
  /** HTTPS, TCP 443. */
  public static readonly HTTPS = Port.tcp(443);

  /** A single TCP port. */
  public static tcp(port: number): Port {
    return new Port({ protocol: Protocol.TCP, port });
  }

  /** A single UDP port. */
  public static udp(port: number): Port {
    return new Port({ protocol: Protocol.UDP, port });
  }

  /** A single SCTP port. */
  public static sctp(port: number): Port {
    return new Port({ protocol: Protocol.SCTP, port });
  }

  /** An inclusive TCP port range (`endPort`). */
  public static tcpRange(port: number, endPort: number): Port {
    return new Port({ protocol: Protocol.TCP, port, endPort });
  }

  /** An inclusive UDP port range (`endPort`). */
  public static udpRange(port: number, endPort: number): Port {
    return new Port({ protocol: Protocol.UDP, port, endPort });
  }

  /** An inclusive SCTP port range (`endPort`). */
  public static sctpRange(port: number, endPort: number): Port {
    return new Port({ protocol: Protocol.SCTP, port, endPort });
  }

  /** A named container port, e.g. `Port.named('http')`. */
  public static named(name: string, protocol?: Protocol): Port {
    return new Port({ protocol: protocol ?? Protocol.TCP, name });
  }

  /** Every TCP port. */
  public static allTcp(): Port {
    return new Port({ protocol: Protocol.TCP });
  }

  /** Every UDP port. */
  public static allUdp(): Port {
    return new Port({ protocol: Protocol.UDP });
  }

  /** Every SCTP port. */
  public static allSctp(): Port {
    return new Port({ protocol: Protocol.SCTP });
  }

  /** Every port of every protocol: the explicit way to leave a rule's ports open. */
  public static allPorts(): Port {
    return new Port({ allPorts: true });
  }

  /** Any port shape from options. */
  public static of(options: PortOptions): Port {
    return new Port(options);
  }

  /** True when `x` is a Port from any copy of this library. */
  public static isPort(x: any): x is Port {
    return x !== null && typeof x === 'object' && PORT in x;
  }

  /** The protocol; undefined for `allPorts()`. */
  public readonly protocol?: Protocol;
  /** The port number or the start of the range; undefined for named ports and whole protocols. */
  public readonly portNumber?: number;
  /** The end of the range; undefined for single ports. */
  public readonly endPort?: number;
  /** The container port name; undefined for numeric ports. */
  public readonly name?: string;
  /** True for `allPorts()`. */
  public readonly isAllPorts: boolean;

  private constructor(options: PortOptions) {
    Object.defineProperty(this, PORT, { value: true });
    this.isAllPorts = options.allPorts === true;
    this.protocol = this.isAllPorts ? options.protocol : options.protocol ?? Protocol.TCP;
    this.portNumber = options.port;
    this.endPort = options.endPort;
    this.name = options.name;
  }

  /** Canonical form: `tcp/443`, `udp/53`, `tcp/8000-8080`, `tcp/http`, `tcp/*`, `*`. */
  public toString(): string {
    if (this.isAllPorts) return '*';
    const proto = (this.protocol ?? Protocol.TCP).toLowerCase();
    if (this.name !== undefined) return `${proto}/${this.name}`;
    if (this.portNumber === undefined) return `${proto}/*`;
    if (this.endPort !== undefined && this.endPort !== this.portNumber) return `${proto}/${this.portNumber}-${this.endPort}`;
    return `${proto}/${this.portNumber}`;
  }

  /** @internal */
  public _problems(): Problem[] {
    const value = this.toString();
    const problem = (code: string, field: string, message: string, fix: string): Problem[] => [{ code, field, value, message, fix }];
    if (this.isAllPorts) {
      if (this.protocol !== undefined || this.portNumber !== undefined || this.name !== undefined || this.endPort !== undefined) {
        return problem(ErrorCode.PORT_AMBIGUOUS, '', 'allPorts excludes protocol, port, name and endPort', 'use Port.allPorts() alone, or drop allPorts');
      }
      return [];
    }
    if (this.name !== undefined && this.portNumber !== undefined) {
      return problem(ErrorCode.PORT_AMBIGUOUS, '', 'a port is either a number or a name, not both', 'use Port.tcp(n) for a number or Port.named(name) for a container port name');
    }
    if (this.name !== undefined) {
      if (this.endPort !== undefined) {
        return problem(ErrorCode.END_PORT_WITH_NAMED_PORT, 'endPort', 'endPort needs a numeric port; a named port cannot start a range',
          'use Port.tcpRange(first, last) with numbers, or drop endPort');
      }
      return nestProblems('name', checkPortName(this.name));
    }
    if (this.portNumber === undefined) {
      if (this.endPort !== undefined) {
        return problem(ErrorCode.END_PORT_WITH_NAMED_PORT, 'endPort', 'endPort needs a numeric port', 'give port as the first port of the range');
      }
      return [];
    }
    const problems = [...checkNumber('port', this.portNumber)];
    if (this.endPort !== undefined) {
      problems.push(...checkNumber('endPort', this.endPort));
      if (problems.length === 0 && this.endPort < this.portNumber) {
        problems.push(...problem(ErrorCode.END_PORT_BELOW_PORT, 'endPort', `endPort ${this.endPort} is below port ${this.portNumber}`,
          `swap them: ${this.protocol?.toLowerCase()}Range(${this.endPort}, ${this.portNumber})`));
      }
    }
    return problems;
  }

  /** @internal Kubernetes NetworkPolicyPort JSON, keys in canonical order. */
  public _toKube(): any {
    const out: any = {};
    if (this.endPort !== undefined && this.endPort !== this.portNumber) out.endPort = this.endPort;
    if (this.name !== undefined) out.port = this.name;
    else if (this.portNumber !== undefined) out.port = this.portNumber;
    out.protocol = this.protocol;
    return out;
  }

  /** @internal Orders ports by protocol, then number, then name. */
  public _compare(other: Port): number {
    const key = (p: Port) => [p.isAllPorts ? '' : p.protocol ?? '', p.name === undefined ? 0 : 1, p.portNumber ?? -1, p.endPort ?? p.portNumber ?? -1, p.name ?? ''] as const;
    const a = key(this);
    const b = key(other);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }
}

function checkNumber(field: string, n: number): Problem[] {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    return [{ code: ErrorCode.PORT_NOT_INTEGER, field, value: String(n), message: `${field} must be a whole number`, fix: `use a whole number from 1 to 65535, e.g. ${Math.round(Number(n)) || 443}` }];
  }
  if (n < 1 || n > 65535) {
    return [{ code: ErrorCode.PORT_OUT_OF_RANGE, field, value: String(n), message: `${field} must be between 1 and 65535`, fix: 'use a port number from 1 to 65535' + (n === 0 ? ', or Port.allTcp() for every TCP port' : '') }];
  }
  return [];
}
