/**
 * A manifest that cannot be read, or an object of a kind the analyzer reads that makes no sense.
 * The message is one line, starts with the source and names the document and the object.
 */
export class ManifestError extends Error {
  /** The file the problem is in (as given), `<stdin>`, or the construct path of a synthesized object. */
  public readonly source: string;

  public constructor(source: string, message: string) {
    super(message);
    this.name = 'ManifestError';
    this.source = source;
  }
}
