import { InputError } from './errors';
import { findDuplicateKey } from '../analyzer/loading/parse-json';
import { Protocol } from '../analyzer/types';

/** The protocols a flow may name; TCP when it names none. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

const FIELDS = ['from', 'to', 'port', 'protocol', 'expect'];

/** One entry of FLOWS.json, checked but not yet resolved against the manifests. */
export interface FlowSpec {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly expect?: boolean;
}

/**
 * Parses FLOWS.json: a JSON array of `{from, to, port, protocol?, expect?}`.
 * Throws an InputError naming the file, the flow's index and the field.
 */
export function parseFlowSpecs(text: string, file: string): FlowSpec[] {
  let json: unknown;
  try {
    // Editors on Windows may start the file with a byte order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${file}: malformed JSON: ${(error as Error).message}`);
  }
  // JSON.parse keeps the last of two equal keys: a second "expect" would silently replace the first.
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    throw new InputError(`${file}: malformed JSON: duplicate key ${JSON.stringify(duplicate.key)}${duplicate.path === '' ? '' : ` in ${duplicate.path}`}`);
  }
  if (!Array.isArray(json)) {
    throw new InputError(`${file}: expected a JSON array of flows, got ${typeName(json)}`);
  }
  return json.map((entry, i) => parseFlowSpec(entry, `${file}: flows[${i}]`));
}

function parseFlowSpec(entry: unknown, where: string): FlowSpec {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new InputError(`${where}: expected an object {"from", "to", "port", "protocol"?, "expect"?}, got ${typeName(entry)}`);
  }
  const flow = entry as Record<string, unknown>;
  // A misspelt "expect" would silently turn an assertion off, so unknown fields are refused.
  const unknown = Object.keys(flow).find(k => !FIELDS.includes(k));
  if (unknown !== undefined) {
    throw new InputError(`${where}: unknown field "${unknown}" (fields: ${FIELDS.join(', ')})`);
  }
  return {
    from: peerField(flow, 'from', where),
    to: peerField(flow, 'to', where),
    port: portField(flow, where),
    protocol: protocolField(flow, where),
    ...(flow.expect === undefined ? {} : { expect: expectField(flow, where) }),
  };
}

function peerField(flow: Record<string, unknown>, field: 'from' | 'to', where: string): string {
  const value = flow[field];
  if (value === undefined) throw new InputError(`${where}.${field}: missing (expected "<namespace>/<name>" or an IP address)`);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${where}.${field}: expected "<namespace>/<name>" or an IP address, got ${show(value)}`);
  }
  return value;
}

function portField(flow: Record<string, unknown>, where: string): number {
  const value = flow.port;
  if (value === undefined) throw new InputError(`${where}.port: missing (expected an integer 1..65535)`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new InputError(`${where}.port: expected an integer 1..65535, got ${show(value)}`);
  }
  return value;
}

function protocolField(flow: Record<string, unknown>, where: string): Protocol {
  const value = flow.protocol;
  if (value === undefined) return 'TCP';
  if (typeof value !== 'string' || !(PROTOCOLS as readonly string[]).includes(value)) {
    throw new InputError(`${where}.protocol: unknown protocol ${show(value)} (expected ${PROTOCOLS.join(', ')})`);
  }
  return value as Protocol;
}

function expectField(flow: Record<string, unknown>, where: string): boolean {
  const value = flow.expect;
  if (typeof value !== 'boolean') throw new InputError(`${where}.expect: expected true or false, got ${show(value)}`);
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads `--port`: an integer 1..65535 written in decimal. */
export function parsePortOption(text: string): number {
  const port = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(`--port ${text}: expected an integer 1..65535`);
  }
  return port;
}

/** Reads `--protocol`: TCP, UDP or SCTP. */
export function parseProtocolOption(text: string): Protocol {
  if (!(PROTOCOLS as readonly string[]).includes(text)) {
    throw new InputError(`--protocol ${text}: unknown protocol (expected ${PROTOCOLS.join(', ')})`);
  }
  return text as Protocol;
}
