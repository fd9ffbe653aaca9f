import * as path from 'path';
import { InputError, messageOf } from './errors';
import { ManifestError, readTextInput, sourceLabel } from '../analyzer/load';

/** Where a command reads and writes; injectable so tests run the CLI in-process. */
export interface CliIo {
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  /** Writes to standard output (text carries its own newlines). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /**
   * Reads a whole text file given as an absolute path, or standard input for `-`.
   * Manifest files and folders are read by the loader; this reads FLOWS.json and `-`.
   * Defaults to the file system and file descriptor 0.
   */
  readFile?(file: string): string;
}

/** The process's own streams and file system. */
export function processIo(): CliIo {
  return {
    stdout: text => { process.stdout.write(text); },
    stderr: text => { process.stderr.write(text); },
    cwd: process.cwd(),
  };
}

/** The name standard input goes by in messages (the loader uses the same). */
export const STDIN = '<stdin>';

/**
 * Reads one input named on the command line: a path relative to `io.cwd`, or `-` for stdin. Like
 * manifests, it is read in chunks and refused past the loader's byte limit (a pipe or `/dev/zero` too).
 */
export function readInput(io: CliIo, file: string): string {
  const target = file === '-' ? '-' : path.resolve(io.cwd, file);
  try {
    if (io.readFile) return io.readFile(target);
    return readTextInput(target);
  } catch (error) {
    // The loader names the resolved path; the user named `file`.
    if (error instanceof ManifestError) throw new InputError(`${displayName(file)}${messageOf(error).slice(sourceLabel(error.source).length)}`);
    throw new InputError(`${displayName(file)}: cannot read: ${reason(error)}`);
  }
}

/**
 * The path to hand the loader. The loader resolves against the process's directory and names files
 * in its messages as it was given them, so a path the user typed is passed on unchanged when it can be.
 */
export function loaderPath(io: CliIo, file: string): string {
  if (path.isAbsolute(file) || path.resolve(io.cwd) === process.cwd()) return file;
  return path.relative(process.cwd(), path.resolve(io.cwd, file)) || '.';
}

/** A loader's source (a path from `loaderPath`, or `<stdin>`) as the user named it. */
export function displaySource(io: CliIo, source: string): string {
  if (source === STDIN || path.isAbsolute(source) || path.resolve(io.cwd) === process.cwd()) return source;
  return path.relative(io.cwd, path.resolve(process.cwd(), source)) || '.';
}

function displayName(file: string): string {
  return file === '-' ? STDIN : sourceLabel(file);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return messageOf(error);
}

/** One invocation: where it writes and the exit code its command chose. */
export interface CliRun {
  readonly io: CliIo;
  exitCode: number;
}
