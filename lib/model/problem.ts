/**
 * One thing wrong with an input value, before it is tied to a construct path.
 */
export interface Problem {
  /** Stable code from `ErrorCode`. */
  readonly code: string;
  /** Field inside the value, e.g. `except[1]`; empty for the value itself. */
  readonly field: string;
  /** The bad value as the user gave it. */
  readonly value: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}
