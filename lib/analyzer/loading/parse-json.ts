import { ManifestError } from './manifest-error';

/** True when the text starts like JSON: an object or an array. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

// Deeper than any manifest; YAML stops near this depth too, and the evaluators recurse over specs.
const MAX_DEPTH = 1000;

/** Parses JSON, or throws a one-line ManifestError with the line and column of the syntax error. */
export function parseJson(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(source, `${source}: invalid JSON${positionText(text, error)}: ${jsonProblem(error)}`);
  }
  return checkJsonDepth(value, source);
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
  if (!match) return '';
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
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
