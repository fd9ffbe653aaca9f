import { Composer, Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, Parser, Range, visit, YAMLError } from 'yaml';
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
  // merge: `<<: *base` keys, which kubectl's YAML reader supports too. Repeated keys are refused, as `uniqueKeys`
  // would, but by one pass over each document (`uniqueKeys` compares every key with every earlier one of its map:
  // quadratic in the keys of one mapping).
  const composer = new Composer({ uniqueKeys: false, merge: true });
  const out: YamlDocument[] = [];
  // Documents done; a problem is in document `done + 1`.
  let done = 0;
  try {
    for (const doc of composer.compose(parser.parse(text))) {
      if (done === limits.maxDocuments) {
        throw new ManifestError(source, `${source}: more than ${limits.maxDocuments} documents`);
      }
      out.push({ index: done + 1, value: documentValue(doc, text, lines, limits.maxAliasCount) });
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

function documentValue(doc: Document.Parsed, text: string, lines: LineCounter, maxAliasCount: number): unknown {
  const size = text.length;
  const { duplicate, aliases } = scan(doc, text);
  // The first problem in the document, as the composer would have reported it with `uniqueKeys`.
  const syntax = doc.errors[0];
  if (syntax !== undefined && (duplicate === undefined || syntax.pos[0] <= duplicate)) throw new YamlProblem(syntaxText(syntax, lines));
  if (duplicate !== undefined) throw new YamlProblem(problemText(duplicate, DUPLICATE_KEY, lines));
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

const DUPLICATE_KEY = 'Map keys must be unique';

/**
 * One pass over the document (aliases are not followed): the offset of the first key that repeats an earlier key of
 * its mapping, as `yaml`'s `uniqueKeys` compares them (two scalar keys with the same value; other keys are never
 * equal), or undefined; and the number of aliases, counted before any is expanded. One Set per mapping: linear.
 */
function scan(doc: Document.Parsed, text: string): { duplicate: number | undefined; aliases: number } {
  let first: number | undefined;
  let aliases = 0;
  visit(doc, {
    Alias: () => {
      aliases++;
    },
    Map: (_key, map) => {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      map.items.forEach((pair, i) => {
        const key = pair.key;
        if (!isScalar(key)) return;
        const value = key.value;
        // `uniqueKeys` compares with ===: NaN never equals NaN.
        if (typeof value === 'number' && Number.isNaN(value)) return;
        if (!seen.has(value)) {
          seen.add(value);
          return;
        }
        // Where the previous entry ends: its value, or its key when it has none (`? key` alone).
        const previous = i > 0 ? map.items[i - 1].value ?? map.items[i - 1].key : undefined;
        const at = keyStart(key.range, isNode(previous) && endsEmpty(previous) ? previous.range : undefined, text);
        if (at !== undefined && (first === undefined || at < first)) first = at;
      });
    },
  });
  return { duplicate: first, aliases };
}

/**
 * Whether a node ends with an empty value without a comment (`a:` with nothing after it): the composer leaves the
 * line break after it to that value.
 */
function endsEmpty(node: unknown): boolean {
  if (isScalar(node)) return node.range !== undefined && node.range !== null && node.range[0] === node.range[1] && node.range[1] === node.range[2];
  if (isMap(node) || isSeq(node)) {
    const last = node.items[node.items.length - 1];
    if (last === undefined) return false;
    return isPair(last) ? endsEmpty(last.value ?? last.key) : endsEmpty(last);
  }
  return false;
}

/**
 * Where `yaml` reports a repeated key: where the composer stood when it read the key. That is where the key starts;
 * right after the previous value when that value ends empty and only blanks and one line break come between (`a:`,
 * then `a: 1` on the next line); and for an empty key (`? ` alone), after the blanks, line breaks and comments that
 * follow its indicator.
 */
function keyStart(range: Range | null | undefined, previous: Range | null | undefined, text: string): number | undefined {
  if (!range) return undefined;
  let at = range[0];
  if (previous && previous[2] <= at && /^[ \t]*(\r?\n)?[ \t]*$/.test(text.slice(previous[2], at))) return previous[2];
  if (range[1] !== at) return at;
  while (at < text.length) {
    const c = text[at];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      at++;
    } else if (c === '#') {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    } else {
      break;
    }
  }
  return at;
}

function aliasLimitText(max: number): string {
  return `YAML alias limit exceeded (more than ${max} aliases)`;
}

function syntaxText(error: YAMLError, lines: LineCounter): string {
  // yaml reports its own stack overflow as an error of the document.
  const problem = /call stack/i.test(error.message) ? NESTED_TOO_DEEPLY : oneLine(error.message);
  return problemText(error.pos[0], problem, lines);
}

function problemText(offset: number, problem: string, lines: LineCounter): string {
  const { line, col } = lines.linePos(offset);
  return `invalid YAML at line ${line}, column ${col}: ${problem}`;
}

function unexpected(error: unknown): string {
  if (error instanceof RangeError) return NESTED_TOO_DEEPLY;
  return oneLine(error instanceof Error ? error.message : String(error));
}

function oneLine(text: string): string {
  return text.split('\n')[0].trim();
}
