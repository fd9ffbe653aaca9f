import { ApiCode } from './api-codes';

/** Where a value sits in an object: keys and list indexes from the root (`['spec', 'egress', 0, 'to']`). */
export type FieldPath = readonly (string | number)[];

/** One thing the API server would refuse in an object. */
export interface ApiProblem {
  readonly code: ApiCode;
  readonly path: FieldPath;
  /** What is wrong, without the path: `must be a list, got a mapping`. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** `spec.egress[0].to`; a key that is not a plain name is quoted (`matchLabels["app name"]`), so the text stays one line. */
export function pathText(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text === '' ? '<object>' : text;
}

/** `spec.egress[0].to: must be a list, got a mapping. Fix: ...`: one problem as one line. */
export function problemLine(problem: ApiProblem): string {
  return `${pathText(problem.path)}: ${problem.message}. Fix: ${problem.fix}`;
}
