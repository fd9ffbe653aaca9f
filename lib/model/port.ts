import { nestProblems } from './field-paths';
import { endPortBelowPort, endPortWithNamedPort, portAmbiguous, portNotInteger, portOutOfRange } from './messages/values';
import { Problem } from './problem';
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
    if (this.isAllPorts) {
      if (this.protocol !== undefined || this.portNumber !== undefined || this.name !== undefined || this.endPort !== undefined) {
        return [portAmbiguous('', value, 'all-ports')];
      }
      return [];
    }
    if (this.name !== undefined && this.portNumber !== undefined) {
      return [portAmbiguous('', value, 'number-and-name')];
    }
    if (this.name !== undefined) {
      if (this.endPort !== undefined) {
        return [endPortWithNamedPort('endPort', value, 'named')];
      }
      return nestProblems('name', checkPortName(this.name));
    }
    if (this.portNumber === undefined) {
      if (this.endPort !== undefined) {
        return [endPortWithNamedPort('endPort', value, 'no-port')];
      }
      return [];
    }
    const problems = [...checkNumber('port', this.portNumber)];
    if (this.endPort !== undefined) {
      problems.push(...checkNumber('endPort', this.endPort));
      if (problems.length === 0 && this.endPort < this.portNumber) {
        problems.push(endPortBelowPort('endPort', value, this.portNumber, this.endPort, this.protocol));
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
    return [portNotInteger(field, n)];
  }
  if (n < 1 || n > 65535) {
    return [portOutOfRange(field, n)];
  }
  return [];
}
