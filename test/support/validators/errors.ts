/**
 * Field errors in the API server's wording (`field.Error`): `<path>: <type>: <value>: <detail>`.
 */

/** Collects field errors in the API server's wording. */
export class Errors {
  public readonly list: string[] = [];
  public invalid(at: string, value: unknown, detail: string): void {
    this.list.push(`${at}: Invalid value: ${show(value)}: ${detail}`);
  }
  public required(at: string, detail: string): void {
    this.list.push(`${at}: Required value${detail ? `: ${detail}` : ''}`);
  }
  public forbidden(at: string, detail: string): void {
    this.list.push(`${at}: Forbidden: ${detail}`);
  }
  public notSupported(at: string, value: unknown, supported: readonly unknown[]): void {
    this.list.push(`${at}: Unsupported value: ${show(value)}: supported values: ${supported.map(s => typeof s === 'string' ? `"${s}"` : show(s)).join(', ')}`);
  }
  public duplicate(at: string, value: unknown): void {
    this.list.push(`${at}: Duplicate value: ${show(value)}`);
  }
  public tooLong(at: string, limit: number): void {
    this.list.push(`${at}: Too long: may not be more than ${limit} bytes`);
  }
}

export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

export const isObject = (x: unknown): x is { [key: string]: any } => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isString = (x: unknown): x is string => typeof x === 'string';

/** The items of `list` that are objects, with their index (non-objects are the schema's to report). */
export function objectsOf(list: unknown): Array<[{ [key: string]: any }, number]> {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) => isObject(item) ? [[item, i] as [{ [key: string]: any }, number]] : []);
}

/** The items of `list` that are strings, with their index. */
export function stringsOf(list: unknown): Array<[string, number]> {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) => isString(item) ? [[item, i] as [string, number]] : []);
}

/** `['spec', 'ingress', '0', 'from']` -> `spec.ingress[0].from`; odd keys are quoted: `matchLabels["app.kubernetes.io/name"]`. */
export function fieldPath(segments: Array<string | number>): string {
  let out = '';
  for (const segment of segments) {
    const text = String(segment);
    if (/^[0-9]+$/.test(text)) out += `[${text}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) out += out === '' ? text : `.${text}`;
    else out += `[${JSON.stringify(text)}]`;
  }
  return out;
}
