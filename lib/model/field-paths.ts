import { Problem } from './problem';

/** Joins a parent field path and a child field path: `peers[0]` + `except[1]` = `peers[0].except[1]`. */
export function joinField(parent: string, child: string): string {
  if (!parent) return child;
  if (!child) return parent;
  return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}

/** Prefixes the field of every problem. */
export function nestProblems(field: string, problems: readonly Problem[]): Problem[] {
  if (problems.length === 0) return [];
  return problems.map(p => ({ ...p, field: joinField(field, p.field) }));
}
