// Exit codes and the error type for bad input. Every failure the CLI reports is one line on stderr.

/** Exit codes, shared by every command and documented in `--help`. */
export const EXIT_OK = 0;
/** `check`: some `expect` did not match; `lint`: an error-level finding is not acknowledged. */
export const EXIT_FAILED = 1;
/** Bad input: usage, unreadable or malformed files, unknown endpoints or engines. */
export const EXIT_USAGE = 2;
/** A bug in cdk-netpol (sysexits.h EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** Bad input the user can fix. The message is one line and already names the file or option. */
export class InputError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'InputError';
  }
}

/** Collapses a message to one line, so stderr never carries a multi-line dump. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The message of anything thrown, without its stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return oneLine(error.message || error.name);
  return oneLine(String(error));
}
