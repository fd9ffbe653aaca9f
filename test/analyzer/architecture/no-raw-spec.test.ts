import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The analyzer reads each policy document once: `loading/` checks it, `compile/` turns it into the normalized form,
// and everything else (evaluators, lints, matrix, address predicates...) reads that form. This test fails when code
// under lib/analyzer outside those two folders reads the `spec` of a PolicyDocument: `doc.spec`, `doc?.spec`,
// `doc['spec']`, `const { spec } = doc`, also through a cast (`(doc as any).spec`) or on an `any` receiver.

const ROOT = path.join(__dirname, '..', '..', '..');
const ANALYZER = path.join(ROOT, 'lib', 'analyzer');
/** Where reading a document's spec is the job. */
const READERS = ['loading', 'compile'].map(dir => path.join(ANALYZER, dir) + path.sep);
/**
 * Files that read the `spec` of objects that are not policy documents, on `any` receivers: cdktf resources turned
 * into manifests, and raw Cilium manifests checked before they become documents.
 */
const OTHER_SPECS = ['from-terraform.ts', path.join('cilium', 'check-spec.ts')].map(f => path.join(ANALYZER, f));

/** One read of a policy document's spec: `file:line: text`. */
type Finding = string;

function analyzerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return analyzerFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** A program over the analyzer's sources, with `extra` files (path -> text) added as if they were on disk. */
function programOf(extra: Readonly<Record<string, string>> = {}): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: d => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  })!;
  const host = ts.createCompilerHost(config.options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => extra[path.resolve(file)] !== undefined
    ? ts.createSourceFile(file, extra[path.resolve(file)], language, true)
    : getSourceFile(file, language, onError, create);
  host.fileExists = file => extra[path.resolve(file)] !== undefined || fileExists(file);
  host.readFile = file => extra[path.resolve(file)] ?? readFile(file);
  return ts.createProgram([...analyzerFiles(ANALYZER), ...Object.keys(extra)], { ...config.options, noEmit: true }, host);
}

/** True for the `spec` member of the analyzer's `PolicyDocument`. */
function isDocumentSpec(symbol: ts.Symbol | undefined): boolean {
  return (symbol?.declarations ?? []).some(d => ts.isPropertySignature(d) && ts.isInterfaceDeclaration(d.parent)
    && d.parent.name.text === 'PolicyDocument' && path.resolve(d.getSourceFile().fileName) === path.join(ANALYZER, 'types.ts'));
}

/** `x`, with parentheses, casts and `!` taken off: `(doc as any)` -> `doc`. */
function uncast(node: ts.Expression): ts.Expression {
  let e = node;
  const wrappers = [ts.isParenthesizedExpression, ts.isAsExpression, ts.isTypeAssertionExpression, ts.isNonNullExpression, ts.isSatisfiesExpression];
  while (wrappers.some(is => is(e))) e = (e as ts.ParenthesizedExpression).expression;
  return e;
}

/** Whether a type is, or has among its union members, a type with the document's `spec`. */
function hasDocumentSpec(checker: ts.TypeChecker, type: ts.Type): boolean {
  const members = type.isUnion() ? type.types : [type];
  return members.some(t => isDocumentSpec(checker.getPropertyOfType(checker.getApparentType(t), 'spec')));
}

/** Every read of a PolicyDocument's `spec` in a file (no finding for files of `loading/` and `compile/`). */
function specReads(program: ts.Program, file: ts.SourceFile): Finding[] {
  const name = path.resolve(file.fileName);
  if (READERS.some(dir => name.startsWith(dir))) return [];
  const checker = program.getTypeChecker();
  const anyIsOtherSpec = OTHER_SPECS.includes(name);
  const findings: Finding[] = [];
  const report = (node: ts.Node) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    findings.push(`${path.relative(ROOT, name)}:${line + 1}: ${node.getText(file)}`);
  };
  /** A read of `spec` from `receiver`, the property resolving to `symbol`. */
  const check = (node: ts.Node, receiver: ts.Expression | ts.ObjectBindingPattern, symbol: ts.Symbol | undefined) => {
    if (isDocumentSpec(symbol)) return report(node);
    if (!ts.isObjectBindingPattern(receiver)) {
      const inner = uncast(receiver);
      if (inner !== receiver && hasDocumentSpec(checker, checker.getTypeAtLocation(inner))) return report(node);
    }
    const type = checker.getTypeAtLocation(receiver);
    const untyped = type.flags === ts.TypeFlags.Any || type.flags === ts.TypeFlags.Unknown;
    if (!anyIsOtherSpec && untyped) return report(node);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'spec') {
      check(node, node.expression, checker.getSymbolAtLocation(node.name));
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'spec') {
      check(node, node.expression, checker.getSymbolAtLocation(node.argumentExpression));
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && (node.propertyName ?? node.name).getText(file) === 'spec') {
      const type = checker.getTypeAtLocation(node.parent);
      check(node, node.parent, checker.getPropertyOfType(type, 'spec'));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

function findingsOf(program: ts.Program, files: readonly string[]): Finding[] {
  return files.flatMap(f => specReads(program, program.getSourceFile(f)!));
}

/** Deliberate reads of a document's spec, for the negative test. */
const PROBE = `
import { Cluster, PolicyDocument } from '../types';
export const direct = (c: Cluster) => c.policies.map(p => p.spec);
export const optional = (doc?: PolicyDocument) => doc?.spec?.podSelector;
export const indexed = (doc: PolicyDocument) => doc['spec'];
export const destructured = (c: Cluster) => c.policies.map(({ spec }) => spec);
export const renamed = (doc: PolicyDocument) => { const { spec: s } = doc; return s; };
export const cast = (doc: PolicyDocument) => (doc as any).spec;
export const loose = (doc: any) => doc.spec.ingress;
export const fine = (doc: PolicyDocument) => \`spec.\${doc.kind}\` + doc.name;
`;

describe('no code outside loading/ and compile/ reads a policy document\'s spec', () => {
  const probe = path.join(ANALYZER, '__probe__', 'reads-spec.ts');
  const readerProbe = path.join(ANALYZER, 'compile', '__probe__', 'reads-spec.ts');
  const program = programOf({ [probe]: PROBE, [readerProbe]: PROBE });

  test('the analyzer\'s sources read the normalized form instead', () => {
    expect(findingsOf(program, analyzerFiles(ANALYZER))).toEqual([]);
  });

  test('a deliberately inserted read fails the check, in every form', () => {
    expect(findingsOf(program, [probe]).map(f => f.replace(/^.*?: /, ''))).toEqual([
      'p.spec',
      'doc?.spec',
      'doc[\'spec\']',
      'spec',
      'spec: s',
      '(doc as any).spec',
      'doc.spec',
    ]);
  });

  test('compile/ (and loading/) may read it: that is where documents are read', () => {
    expect(findingsOf(program, [readerProbe])).toEqual([]);
  });
});
