import { ApiCode } from './api-codes';
import { ApiProblem, problemLine } from './api-problem';
import { ManifestError } from './manifest-error';
import { Origin, originMessage } from './origin';

/**
 * An object the API server would refuse. The message is one line: the file and document, the code, the
 * object, the field path, what is wrong and the fix; further problems are counted, and all are in `problems`.
 */
export class ApiError extends ManifestError {
  /** The code of the first problem. */
  public readonly code: ApiCode;
  /** `NetworkPolicy prod/web`. */
  public readonly subject: string;
  public readonly problems: readonly ApiProblem[];

  public constructor(origin: Origin, subject: string, problems: readonly ApiProblem[]) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(origin.file, originMessage(origin, `[${first.code}] ${subject}: ${problemLine(first)}${more}`));
    this.name = 'ApiError';
    this.code = first.code;
    this.subject = subject;
    this.problems = problems;
  }
}
