import * as ipaddr from 'ipaddr.js';
import { checkObjectName, checkPortName } from '../../model/syntax';
import { ContainerPort } from '../types';
import { describeValue } from './describe';
import { Fail, problemText, readList, readMapping, readObject, readPortNumber, readProtocol } from './fields';

/**
 * The ports a pod spec declares: those of its containers and of its sidecars (init containers
 * with `restartPolicy: Always`, which keep running and serve like containers).
 */
export function containerPorts(podSpec: unknown, field: string, fail: Fail): ContainerPort[] {
  const spec = readMapping(podSpec, field, fail);
  if (spec === undefined) return [];
  const ports: ContainerPort[] = [];
  for (const list of ['containers', 'initContainers']) {
    readList(spec[list], `${field}.${list}`, fail).forEach((c, i) => {
      const at = `${field}.${list}[${i}]`;
      const container = readObject(c, at, fail);
      if (list === 'initContainers' && container.restartPolicy !== 'Always') return;
      readList(container.ports, `${at}.ports`, fail).forEach((p, j) => ports.push(containerPort(p, `${at}.ports[${j}]`, fail)));
    });
  }
  return ports;
}

function containerPort(value: unknown, field: string, fail: Fail): ContainerPort {
  const p = readObject(value, field, fail);
  const port = readPortNumber(p.containerPort, `${field}.containerPort`, fail);
  const protocol = readProtocol(p.protocol, `${field}.protocol`, fail);
  if (p.name === undefined || p.name === null) return { port, protocol };
  if (typeof p.name !== 'string') fail(`${field}.name`, `must be a string, got ${describeValue(p.name)}`);
  const problems = checkPortName(p.name);
  if (problems.length > 0) fail(`${field}.name`, problemText(problems[0]));
  return { name: p.name, port, protocol };
}

/** A Pod's addresses from `status.podIP` and `status.podIPs`, canonical and without repeats. */
export function podIps(status: unknown, fail: Fail): string[] {
  const s = readMapping(status, 'status', fail);
  if (s === undefined) return [];
  const ips: string[] = [];
  const add = (value: unknown, field: string) => {
    const ip = canonicalIp(value, field, fail);
    if (!ips.includes(ip)) ips.push(ip);
  };
  if (s.podIP !== undefined && s.podIP !== null && s.podIP !== '') add(s.podIP, 'status.podIP');
  readList(s.podIPs, 'status.podIPs', fail).forEach((entry, i) => {
    const at = `status.podIPs[${i}]`;
    add(readObject(entry, at, fail).ip, `${at}.ip`);
  });
  return ips;
}

function canonicalIp(value: unknown, field: string, fail: Fail): string {
  if (typeof value === 'string') {
    if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value).toString();
    if (value.includes(':') && !value.includes('%') && ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value).toRFC5952String();
  }
  return fail(field, `must be an IPv4 or IPv6 address, got ${describeValue(value)}`);
}

/**
 * The pods' service account: `serviceAccountName`, else the deprecated `serviceAccount` (the API server copies
 * it over), else `default`, which the ServiceAccount admission controller sets.
 */
export function serviceAccountOf(podSpec: unknown, field: string, fail: Fail): string {
  const spec = readMapping(podSpec, field, fail) ?? {};
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const value = spec[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') fail(`${field}.${key}`, `must be a string, got ${describeValue(value)}`);
    const problems = checkObjectName(value);
    if (problems.length > 0) fail(`${field}.${key}`, problemText(problems[0]));
    return value;
  }
  return 'default';
}
