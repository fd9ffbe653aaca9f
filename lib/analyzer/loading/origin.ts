import { sourceLabel } from './source-label';

/** Where an object was read: a file (or `<stdin>`, or a construct path), the document in it, the List item. */
export interface Origin {
  readonly file: string;
  /** 1-based index of the document in the file. */
  readonly document?: number;
  /** The path to a List item inside the document, e.g. `items[2]`. */
  readonly item?: string;
}

const ORIGIN = Symbol.for('cdk-netpol.analyzer.origin');

/** Records where a parsed object came from, without making it an enumerable property (tests and JSON ignore it). */
export function withOrigin<T extends object>(doc: T, origin: Origin): T {
  if (Object.isExtensible(doc)) Object.defineProperty(doc, ORIGIN, { value: origin, configurable: true });
  return doc;
}

/** Where a parsed object came from, if `parseManifests` read it. */
export function originOf(doc: unknown): Origin | undefined {
  return typeof doc === 'object' && doc !== null ? (doc as any)[ORIGIN] : undefined;
}

/** The origin of a List's item. */
export function itemOrigin(list: Origin, index: number): Origin {
  const item = `${list.item ? `${list.item}.` : ''}items[${index}]`;
  return { ...list, item };
}

/** `deploy.yaml#3`, `list.yaml#1.items[2]`: the `source` of endpoints, services and policies. */
export function originText(origin: Origin): string {
  const file = sourceLabel(origin.file);
  if (origin.document === undefined) return file;
  return `${file}#${origin.document}${origin.item ? `.${origin.item}` : ''}`;
}

/** `deploy.yaml: document 3: <problem>`: a one-line message that names the file first, as the CLI expects. */
export function originMessage(origin: Origin, problem: string): string {
  const where = origin.document === undefined ? '' : `document ${origin.document}${origin.item ? `, ${origin.item}` : ''}: `;
  return `${origin.file}: ${where}${problem}`;
}
