import { oneLineMessage } from './source-label';

/**
 * A manifest that cannot be read, or an object of a kind the analyzer reads that makes no sense.
 * The message is one line, starts with the source and names the document and the object; a source or
 * value with control characters (a newline in a file name) is escaped, so it stays one line.
 */
export class ManifestError extends Error {
  /** The file the problem is in (as given), `<stdin>`, or the construct path of a synthesized object. */
  public readonly source: string;

  public constructor(source: string, message: string) {
    super(oneLineMessage(source, message));
    this.name = 'ManifestError';
    this.source = source;
  }
}
