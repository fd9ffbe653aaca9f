// The scalar fields of a Calico rule as Calico reads them (api/pkg/lib/numorstring): protocols by name
// or number, ports as a number, a "first:last" range or a named port.

/** Protocol numbers of the names Calico accepts. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { TCP: 6, UDP: 17, ICMP: 1, ICMPv6: 58, SCTP: 132, UDPLite: 136 };

/** A port of a rule: a numeric range (one port is a range of one) or a name resolved on the endpoint. */
export type CalicoPort =
  | { readonly kind: 'range'; readonly first: number; readonly last: number }
  | { readonly kind: 'named'; readonly name: string };

const NAMED_PORT = /^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

/** The protocol number of a `protocol` value (`TCP`, `UDPLite`, 6...); undefined when Calico would refuse it. */
export function calicoProtocolNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 255 ? value : undefined;
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROTOCOL_NUMBERS, value) ? PROTOCOL_NUMBERS[value] : undefined;
}

/** Whether a rule's protocol allows ports: TCP, UDP and SCTP only (numorstring.Protocol.SupportsPorts). */
export function protocolSupportsPorts(value: unknown): boolean {
  const n = calicoProtocolNumber(value);
  return n === 6 || n === 17 || n === 132;
}

/** Reads one entry of `ports`/`notPorts`: `80`, `"80"`, `"8000:8080"` or `"http"`. */
export function parseCalicoPort(value: unknown): CalicoPort | { readonly error: string } {
  const bad = { error: `must be a port number from 1 to 65535, a range "first:last" or a port name, got ${describe(value)}` };
  if (typeof value === 'number') return isPort(value) ? { kind: 'range', first: value, last: value } : bad;
  if (typeof value !== 'string' || value === '') return bad;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return isPort(n) ? { kind: 'range', first: n, last: n } : bad;
  }
  if (value.includes(':')) {
    const parts = value.split(':');
    if (parts.length !== 2 || !parts.every(p => /^\d+$/.test(p))) return bad;
    const [first, last] = parts.map(Number);
    if (!isPort(first) || !isPort(last)) return bad;
    if (first > last) return { error: `is the range ${value}, whose first port is after its last` };
    return { kind: 'range', first, last };
  }
  return NAMED_PORT.test(value) ? { kind: 'named', name: value } : bad;
}

/** `80`, `8000:8080`, `http`: a port as the manifest writes it. */
export function calicoPortText(port: CalicoPort): string {
  if (port.kind === 'named') return port.name;
  return port.first === port.last ? `${port.first}` : `${port.first}:${port.last}`;
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : String(value);
}
