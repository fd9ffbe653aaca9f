export { endpointNamer } from '../analyzer/endpoint-names';

/** Orders strings by code unit, so output does not depend on the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
