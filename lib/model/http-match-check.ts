import { HttpMatch } from './http-match';
import { httpMatchInvalid, httpMatchMethodInvalid } from './messages/values';
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
  if (match.method !== undefined && !METHODS.includes(match.method)) {
    problems.push(httpMatchMethodInvalid('method', match.method, METHODS));
  }
  if (match.path !== undefined) {
    try {
      new RegExp(match.path);
    } catch {
      problems.push(httpMatchInvalid('path', match.path, 'path-regex'));
    }
    if (!match.path.startsWith('/')) problems.push(httpMatchInvalid('path', match.path, 'path-slash'));
  }
  (match.headers ?? []).forEach((h, i) => {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+(:\s*\S.*)?$/.test(h)) problems.push(httpMatchInvalid(`headers[${i}]`, h, 'header'));
  });
  if (match.method === undefined && match.path === undefined && (match.headers ?? []).length === 0) {
    problems.push(httpMatchInvalid('', '{}', 'empty'));
  }
  return problems;
}
