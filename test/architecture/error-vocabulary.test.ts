import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ErrorCode } from '../../lib/model';

// One error vocabulary: every failure of the model, the engines and the constructs is a coded NetpolError, and every
// Problem is built by a factory of lib/model/messages (code, message and fix in one place). This test fails on
//  - `new Error(...)` (or TypeError, RangeError...) under lib/model, lib/engines or lib/constructs outside errors.ts;
//  - a Problem literal there (an object with both `code` and `fix`) outside lib/model/messages and errors.ts;
//  - anywhere under lib, `code:` set to an ErrorCode member or to an ErrorCode value written as a string.

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
const CODED = ['model', 'engines', 'constructs'].map(dir => path.join(LIB, dir) + path.sep);
/** The Error itself is built here. */
const ERRORS = path.join(LIB, 'model', 'errors.ts');
/** Problems are built here. */
const MESSAGES = path.join(LIB, 'model', 'messages') + path.sep;
const ERROR_CLASSES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError']);
const CODES = new Set<string>(Object.values(ErrorCode));

/** One breach: `file:line: text`. */
type Finding = string;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)) {
    return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
  }
  return undefined;
}

/** `ErrorCode.X`, or a string literal that is an ErrorCode value. */
function isErrorCode(e: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'ErrorCode';
  return ts.isStringLiteralLike(e) && CODES.has(e.text);
}

/** Every breach in one file, `text` as if read from `file`. */
function findingsIn(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const coded = CODED.some(dir => file.startsWith(dir)) && file !== ERRORS;
  const factories = file.startsWith(MESSAGES) || file === ERRORS;
  const findings: Finding[] = [];
  const report = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    findings.push(`${path.relative(ROOT, file)}:${line + 1}: ${node.getText(source).split('\n')[0]}`);
  };
  const visit = (node: ts.Node): void => {
    if (coded && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ERROR_CLASSES.has(node.expression.text)) report(node);
    if (!factories && ts.isObjectLiteralExpression(node)) {
      const names = node.properties.map(propertyName);
      const codeSet = node.properties.find(p => propertyName(p) === 'code');
      if (coded && names.includes('code') && names.includes('fix')) report(node);
      else if (codeSet !== undefined && ts.isPropertyAssignment(codeSet) && isErrorCode(codeSet.initializer)) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function findingsOf(files: readonly string[]): Finding[] {
  return files.flatMap(f => findingsIn(f, fs.readFileSync(f, 'utf8')));
}

/** Each breach once, as a file outside the factories would hold it. */
const PROBE = `
import { ErrorCode, Problem } from '../problems';
export function thrown(): never { throw new Error('[ENGINE_NO_DENY] plain'); }
export const typed = () => new TypeError('x');
export const literal = (value: string): Problem => ({ code: ErrorCode.CIDR_MALFORMED, field: '', value, message: 'm', fix: 'f' });
export const shorthand = (code: string, fix: string) => ({ code, field: '', value: '', message: '', fix });
export const spread = (p: Problem) => ({ ...p, code: ErrorCode.TIER_INVALID });
export const written = { code: 'ALLOW_BLOCKED', field: 'peers[0]' };
export const fine = { code: 'NP_EGRESS_WITHOUT_DNS', message: 'a lint code, not an ErrorCode' };
export const placed = (p: Problem) => ({ ...p, field: 'x' });
`;

describe('one error vocabulary', () => {
  test('model, engines and constructs throw no plain Error, and lib builds no Problem outside lib/model/messages', () => {
    expect(findingsOf(sourceFiles(LIB))).toEqual([]);
  });

  test('a deliberately inserted breach fails the check, in every form', () => {
    // GIVEN the probe as a file of lib/engines
    const findings = findingsIn(path.join(LIB, 'engines', '__probe__.ts'), PROBE).map(f => f.replace(/^.*?: /, ''));
    // THEN each breach is found, and nothing else
    expect(findings).toEqual([
      'new Error(\'[ENGINE_NO_DENY] plain\')',
      'new TypeError(\'x\')',
      '{ code: ErrorCode.CIDR_MALFORMED, field: \'\', value, message: \'m\', fix: \'f\' }',
      '{ code, field: \'\', value: \'\', message: \'\', fix }',
      '{ ...p, code: ErrorCode.TIER_INVALID }',
      '{ code: \'ALLOW_BLOCKED\', field: \'peers[0]\' }',
    ]);
  });

  test('outside model, engines and constructs only ErrorCode values are checked: the analyzer may build its own findings', () => {
    const findings = findingsIn(path.join(LIB, 'analyzer', '__probe__.ts'), PROBE).map(f => f.replace(/^.*?: /, ''));
    expect(findings).toEqual([
      '{ code: ErrorCode.CIDR_MALFORMED, field: \'\', value, message: \'m\', fix: \'f\' }',
      '{ ...p, code: ErrorCode.TIER_INVALID }',
      '{ code: \'ALLOW_BLOCKED\', field: \'peers[0]\' }',
    ]);
  });

  test('the message factories may build Problems', () => {
    expect(findingsIn(path.join(MESSAGES, '__probe__.ts'), PROBE).map(f => f.replace(/^.*?: /, ''))).toEqual([
      'new Error(\'[ENGINE_NO_DENY] plain\')',
      'new TypeError(\'x\')',
    ]);
  });
});
