import { ManifestError } from './manifest-error';

/** True when the text starts like JSON: an object or an array. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

// Deeper than any manifest; YAML stops near this depth too, and the evaluators recurse over specs.
const MAX_DEPTH = 1000;

/**
 * Parses JSON, or throws a one-line ManifestError with the line and column of the syntax error. A key
 * repeated in one object is refused, as YAML refuses it: JSON.parse would keep the last one silently.
 */
export function parseJson(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(source, `${source}: invalid JSON${positionText(text, error)}: ${jsonProblem(error)}`);
  }
  return checkParsedJson(value, text, source);
}

/** The value JSON.parse read from `text`, once its keys are unique and it is not nested too deeply. */
export function checkParsedJson(value: unknown, text: string, source: string): unknown {
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    const where = duplicate.path === '' ? 'the top-level object' : duplicate.path;
    throw new ManifestError(source, `${source}: invalid JSON${lineColumn(text, duplicate.position)}: duplicate key ${JSON.stringify(duplicate.key)} in ${where} (JSON readers keep the last one silently; remove one)`);
  }
  return checkJsonDepth(value, source);
}

/** A key that appears twice in one object of valid JSON text: the key, the path to the object, the offset of the second. */
export function findDuplicateKey(text: string): { key: string; path: string; position: number } | undefined {
  type Frame = { object: true; keys: Set<string>; key?: string; expectKey: boolean } | { object: false; index: number };
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x7b /* { */) {
      stack.push({ object: true, keys: new Set(), expectKey: true });
    } else if (c === 0x5b /* [ */) {
      stack.push({ object: false, index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    } else if (c === 0x3a /* : */) {
      if (top?.object) top.expectKey = false;
    } else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) { escaped = true; i++; } else if (d === 0x22) {break;}
      }
      if (top?.object && top.expectKey) {
        const raw = text.slice(start, i + 1);
        const key = escaped ? JSON.parse(raw) as string : raw.slice(1, -1);
        if (top.keys.has(key)) return { key, path: framePath(stack.slice(0, -1)), position: start };
        top.keys.add(key);
        top.key = key;
      }
    }
  }
  return undefined;
}

function framePath(frames: readonly ({ object: true; key?: string } | { object: false; index: number })[]): string {
  return frames.map((f, i) => f.object ? (/^[A-Za-z_$][\w$-]*$/.test(f.key ?? '') ? `${i === 0 ? '' : '.'}${f.key}` : `[${JSON.stringify(f.key)}]`) : `[${f.index}]`).join('');
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  return ` at line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}`;
}

/** The value, unless it nests deeper than code that walks it recursively can follow. */
export function checkJsonDepth(value: unknown, source: string): unknown {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) throw new ManifestError(source, `${source}: invalid JSON: nested more than ${MAX_DEPTH} levels deep`);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return value;
}

// V8 says "... in JSON at position 42" (and sometimes "(line 3 column 4)"): report line and column only.
function positionText(text: string, error: unknown): string {
  const match = /at position (\d+)/.exec(messageOf(error));
  return match ? lineColumn(text, Number(match[1])) : '';
}

function jsonProblem(error: unknown): string {
  return messageOf(error)
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
