import { Problem } from '../problem';

/** The one place a Problem is assembled; the factories beside it fix its code, message and fix. */
export function problem(code: string, field: string, value: string, message: string, fix: string): Problem {
  return { code, field, value, message, fix };
}
