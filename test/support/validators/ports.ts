/**
 * Port numbers and port names (apimachinery IsValidPortNum, IsValidPortName).
 */
import { Errors } from './errors';

const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/** IsValidPortNum. */
export function checkPortNumber(errors: Errors, at: string, port: unknown, shown: unknown = port): void {
  if (typeof port !== 'number' || !Number.isInteger(port)) return; // the schema reports non-integers
  if (port < 1 || port > 65535) errors.invalid(at, shown, 'must be between 1 and 65535, inclusive');
}

/** IsValidPortName (IANA_SVC_NAME, RFC 6335). */
export function checkPortName(errors: Errors, at: string, name: string): void {
  if (name.length > 15) errors.invalid(at, name, 'must be no more than 15 characters');
  if (!IANA_SVC_NAME.test(name)) errors.invalid(at, name, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.invalid(at, name, 'must contain at least one letter (a-z)');
  if (name.includes('--')) errors.invalid(at, name, 'must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errors.invalid(at, name, 'must not begin or end with a hyphen');
}
