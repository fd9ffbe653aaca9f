import { Composer, Document, LineCounter, Parser, visit, YAMLError } from 'yaml';
import { LoadLimits } from './limits';
import { ManifestError } from './manifest-error';
import { originMessage } from './origin';
import { AliasShapeError, plainCopy } from './plain-copy';

/** One YAML document of a stream, as plain JavaScript (`null` for an empty document). */
export interface YamlDocument {
  /** 1-based. */
  readonly index: number;
  readonly value: unknown;
}

// Nodes that expanding aliases may add to a document beyond its own size.
const ALIAS_EXPANSION_BUDGET = 1_000_000;

/**
 * The documents of a YAML stream. Documents are composed one at a time, so a stream of many small
 * documents never holds more than one syntax tree. Aliases are counted before they are resolved:
 * an alias bomb is refused before it is expanded.
 */
export function yamlDocuments(text: string, source: string, limits: Required<LoadLimits>): YamlDocument[] {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  // merge: `<<: *base` keys, which kubectl's YAML reader supports too.
  const composer = new Composer({ uniqueKeys: true, merge: true });
  const out: YamlDocument[] = [];
  // Documents done; a problem is in document `done + 1`.
  let done = 0;
  try {
    for (const doc of composer.compose(parser.parse(text))) {
      if (done === limits.maxDocuments) {
        throw new ManifestError(source, `${source}: more than ${limits.maxDocuments} documents`);
      }
      out.push({ index: done + 1, value: documentValue(doc, text.length, lines, limits.maxAliasCount) });
      done++;
    }
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    const problem = error instanceof YamlProblem ? error.message : `cannot read YAML: ${unexpected(error)}`;
    throw new ManifestError(source, originMessage({ file: source, document: done + 1 }, problem));
  }
  return out;
}

class YamlProblem extends Error {}

const NESTED_TOO_DEEPLY = 'the document is nested too deeply';

function documentValue(doc: Document.Parsed, size: number, lines: LineCounter, maxAliasCount: number): unknown {
  if (doc.errors.length > 0) throw new YamlProblem(syntaxText(doc.errors[0], lines));
  const aliases = countAliases(doc, maxAliasCount);
  if (aliases > maxAliasCount) throw new YamlProblem(aliasLimitText(maxAliasCount));
  let value: unknown;
  try {
    // yaml counts the anchor itself as one use: allow it on top of the aliases.
    value = doc.toJS({ maxAliasCount: maxAliasCount + 1 });
  } catch (error) {
    // yaml's own check: an anchor whose aliases expand too often.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) throw new YamlProblem(aliasLimitText(maxAliasCount));
    throw error;
  }
  if (aliases === 0) return value;
  try {
    return plainCopy(value, size + ALIAS_EXPANSION_BUDGET);
  } catch (error) {
    if (error instanceof AliasShapeError) throw new YamlProblem(error.message);
    throw error;
  }
}

/** Counts alias nodes, stopping as soon as there are too many. */
function countAliases(doc: Document.Parsed, max: number): number {
  let count = 0;
  visit(doc, {
    Alias: () => {
      count++;
      return count > max ? visit.BREAK : undefined;
    },
  });
  return count;
}

function aliasLimitText(max: number): string {
  return `YAML alias limit exceeded (more than ${max} aliases)`;
}

function syntaxText(error: YAMLError, lines: LineCounter): string {
  const { line, col } = lines.linePos(error.pos[0]);
  // yaml reports its own stack overflow as an error of the document.
  const problem = /call stack/i.test(error.message) ? NESTED_TOO_DEEPLY : oneLine(error.message);
  return `invalid YAML at line ${line}, column ${col}: ${problem}`;
}

function unexpected(error: unknown): string {
  if (error instanceof RangeError) return NESTED_TOO_DEEPLY;
  return oneLine(error instanceof Error ? error.message : String(error));
}

function oneLine(text: string): string {
  return text.split('\n')[0].trim();
}
