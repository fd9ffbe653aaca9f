import { Engine } from '../engines/engine';
import { Problem } from '../model';
import { engineNotAnEngine } from '../model/messages';

/** An `engine` prop that is not an Engine (a JavaScript caller's `'calico'`, say): refused before anything reads it. */
export function engineProblems(engine: unknown): Problem[] {
  if (engine === undefined || Engine.isEngine(engine)) return [];
  return [engineNotAnEngine('', String(engine))];
}
