// Control characters (a newline in a file name, say) would break the one-line messages the CLI promises.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A file name as messages show it: as given, or JSON-quoted with escapes when it holds control characters. */
export function sourceLabel(source: string): string {
  return CONTROL.test(source) ? JSON.stringify(source).replace(CONTROLS, escape) : source;
}

/** The text with control characters escaped JSON-style (`\n`, `\u0007`), so it stays one line. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** `<source>: <problem>` made one line: the leading source labelled, control characters escaped. */
export function oneLineMessage(source: string, message: string): string {
  return message.startsWith(source) && source !== ''
    ? sourceLabel(source) + escapeControls(message.slice(source.length))
    : escapeControls(message);
}

function escape(c: string): string {
  const short: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
  return short[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
