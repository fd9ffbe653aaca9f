import * as fs from 'fs';
import * as path from 'path';
import { formatBytes } from './limits';
import { ManifestError } from './manifest-error';

/** The source name of standard input. */
export const STDIN_SOURCE = '<stdin>';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * The manifest files under a folder: `*.yaml`, `*.yml`, `*.json`, recursively, in code-unit order of
 * their names at each level. Hidden entries (`.git`, `.github`) are skipped; symlinked folders are
 * followed once.
 */
export function manifestFilesUnder(folder: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    const real = attempt(dir, () => fs.realpathSync(dir));
    if (seen.has(real)) return;
    seen.add(real);
    const names = attempt(dir, () => fs.readdirSync(dir)).filter(n => !n.startsWith('.')).sort(compareStrings);
    for (const name of names) {
      const full = path.join(dir, name);
      const stat = attempt(full, () => fs.statSync(full));
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile() && MANIFEST_FILE.test(name)) files.push(full);
    }
  };
  walk(folder);
  if (files.length === 0) throw new ManifestError(folder, `${folder}: no manifest files (*.yaml, *.yml, *.json) in this folder`);
  return files;
}

/** Whether a path names a folder; throws a ManifestError naming it when it cannot be read. */
export function isFolder(file: string): boolean {
  return attempt(file, () => fs.statSync(file)).isDirectory();
}

/**
 * A file's text, read in chunks up to the byte limit: a regular file over the limit is refused before it is
 * read, and a pipe or device that never ends (`/dev/zero`, `<(yes)`) is refused at the limit instead of
 * filling memory.
 */
export function readFileText(file: string, maxBytes: number): string {
  const stat = attempt(file, () => fs.statSync(file));
  if (stat.isFile()) checkSize(file, stat.size, maxBytes);
  const fd = attempt(file, () => fs.openSync(file, 'r'));
  try {
    // The file may have grown since stat: the reader stops at the limit all the same.
    return decode(readWithin(fd, file, maxBytes));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Standard input's text, read synchronously (the loader is synchronous) in chunks, so an endless or
 * oversized stream is refused at the limit instead of filling memory.
 */
export function readStdinText(maxBytes: number): string {
  return decode(readWithin(0, STDIN_SOURCE, maxBytes));
}

/** Everything a file descriptor gives until its end, refused as soon as it passes `maxBytes`. */
function readWithin(fd: number, source: string, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    const n = attempt(source, () => readChunk(fd, chunk));
    if (n === 0) break;
    total += n;
    checkSize(source, total, maxBytes);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/** One read; a non-blocking pipe that is momentarily empty is waited for, not treated as the end. */
function readChunk(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EOF') return 0;
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** Throws when a text is over the byte limit. */
export function checkSize(source: string, bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) {
    throw new ManifestError(source, `${source}: too large (${formatBytes(bytes)}; the limit is ${formatBytes(maxBytes)})`);
  }
}

function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function attempt<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new ManifestError(file, `${file}: cannot read (${reason(error)})`);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many symbolic links';
    case 'EISDIR': return 'is a directory';
    default: return code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
