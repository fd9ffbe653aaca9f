import { ErrorCode } from './errors';
import { HttpMatch } from './http-match';
import { Problem } from './problem';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** Canonical form of an HTTP match: `GET /v1/.* [X-Team: a]`. */
export function httpMatchText(match: HttpMatch): string {
  const headers = (match.headers ?? []).length > 0 ? ` [${[...match.headers!].sort().join('; ')}]` : '';
  return `${match.method ?? '*'} ${match.path ?? '*'}${headers}`;
}

/** Problems of one HTTP match. */
export function httpMatchProblems(match: HttpMatch): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, value: string, message: string, fix: string) =>
    problems.push({ code: ErrorCode.HTTP_MATCH_INVALID, field, value, message, fix });
  if (match.method !== undefined && !METHODS.includes(match.method)) {
    bad('method', match.method, 'not an HTTP method', `use one of ${METHODS.join(', ')}`);
  }
  if (match.path !== undefined) {
    try {
      new RegExp(match.path);
    } catch {
      bad('path', match.path, 'not a valid regular expression', 'escape special characters, e.g. "/v1/charges(/.*)?"');
    }
    if (!match.path.startsWith('/')) bad('path', match.path, 'an HTTP path starts with "/"', `use "/${match.path}"`);
  }
  (match.headers ?? []).forEach((h, i) => {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+(:\s*\S.*)?$/.test(h)) bad(`headers[${i}]`, h, 'not a header name, optionally with ": value"', 'use "X-Team" or "X-Team: payments"');
  });
  if (match.method === undefined && match.path === undefined && (match.headers ?? []).length === 0) {
    bad('', '{}', 'an empty HTTP match allows every request, which an L7 rule is meant to narrow', 'give a method, a path or headers');
  }
  return problems;
}
