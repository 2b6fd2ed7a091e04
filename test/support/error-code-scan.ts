/**
 * The static check of the error catalogue: where the sources write error codes, and whether each is catalogued.
 *
 * The sources are parsed (TypeScript's parser, no type checker: the whole tree takes about a second), and every
 * string literal shaped like a code (`/^[A-Z][A-Z0-9_]{2,}$/`; comments are not looked at) is judged by where it is
 * written. These are the places codes are written:
 *
 * - **error** — the first argument of `new PermitError(…)` or of any class extending it (found in the sources);
 * - **typed** — any place whose declared type is a catalogue type (`ErrorCode`, `ErrorCodeOf<…>`, or a type alias
 *   built on them): an argument of a function or constructor whose parameter has that type (`problemResponse`,
 *   `gatewayProblem`, `throwIfIssues`, a file's own `fail`/`formatError` helper), a parameter's default, a return
 *   value, a variable's initialiser, `'X' satisfies ErrorCodeOf<…>` and the elements of an array that satisfies one;
 * - **property** — the value of a `code` property (`{ ok: false, code: 'DOCUMENT_TOO_LARGE', … }`), or a literal type
 *   of a `code` property signature;
 * - **comparison** — compared with a `.code` or `code` (`error.code === 'X'`, `case 'X':` of `switch (e.code)`);
 * - **constant** — `const X = 'X'`, and the elements of an array assigned to a `…_CODES` constant.
 *
 * Literals pass through parentheses, casts (`as const`, `as never`, …), `cond ? 'A' : 'B'`, `a ?? 'B'`, `a || 'B'`
 * and array literals on their way to one of these places. **error** and **typed** places take catalogued codes only (they reach API
 * clients). The others may also hold a code of another closed set ({@link OtherCodeSets}): verification reasons,
 * local start-up errors, carrier adapter errors, and foreign codes Permit reads but never answers (Node.js system
 * errors, the courier's wire protocol).
 *
 * @example
 * const uses = findCodeUses(await readSources(['lambdas', 'lib']));
 * const problems = catalogueProblems(uses, { catalogue: ERROR_CODES, catalogueFile, others });
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Path relative to the repository root, with `/`. */
  readonly path: string;
  readonly text: string;
}

export type CodePlace = 'error' | 'typed' | 'property' | 'comparison' | 'constant';

export interface CodeUse {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly place: CodePlace;
  /** The code is produced here (thrown, answered, returned, stored), not only read or compared. */
  readonly produces: boolean;
}

/** Codes of other closed sets, each with its owner (for messages), and foreign codes no source owns. */
export interface OtherCodeSets {
  readonly owned: ReadonlyMap<string, string>;
  /** Codes that belong to no Permit set (Node.js, the courier): each must still be written somewhere. */
  readonly foreign: ReadonlyMap<string, string>;
}

const CODE_SHAPE = /^[A-Z][A-Z0-9_]{2,}$/;
const CATALOGUE_TYPES = ['ErrorCode', 'ErrorCodeOf'];
const PLACE_NAMES: Record<CodePlace, string> = {
  error: 'an error constructor',
  typed: 'a place typed as a catalogue code',
  property: 'a `code` property',
  comparison: 'a comparison with a `code`',
  constant: 'a code constant',
};

/**
 * Every `.ts` file under the given folders (relative to the repository root).
 *
 * @example
 * readSources(['lambdas', 'lib']).find((f) => f.path === 'lambdas/domain/errors.ts');
 */
export function readSources(roots: readonly string[], base = process.cwd()): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(base, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(base, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push({ path, text: readFileSync(join(base, path), 'utf8') });
    }
  };
  for (const root of roots) walk(root);
  return out;
}

interface FunctionLike {
  readonly name: string;
  /** The block (or file) the name is visible in. */
  readonly scope: ts.Node;
  /** Each parameter's declared type, as written ('' when none). */
  readonly params: readonly string[];
}

interface Parsed {
  readonly file: SourceFile;
  readonly source: ts.SourceFile;
  readonly functions: readonly FunctionLike[];
  /** Local name → [module specifier, exported name]. */
  readonly imports: ReadonlyMap<string, readonly [string, string]>;
}

function parse(file: SourceFile): Parsed {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const functions: FunctionLike[] = [];
  const imports = new Map<string, readonly [string, string]>();
  const types = (params: ts.NodeArray<ts.ParameterDeclaration>) => params.map((p) => p.type?.getText(source) ?? '');
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) && node.name) {
      functions.push({ name: node.name.text, scope: node.parent, params: types(node.parameters) });
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    ) {
      const scope = node.parent.parent.parent; // VariableDeclarationList → VariableStatement → block or file
      functions.push({ name: node.name.text, scope, params: types(node.initializer.parameters) });
    } else if (ts.isClassDeclaration(node) && node.name) {
      const ctor = node.members.find(ts.isConstructorDeclaration);
      if (ctor) functions.push({ name: node.name.text, scope: node.parent, params: types(ctor.parameters) });
    } else if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          imports.set(el.name.text, [node.moduleSpecifier.text, (el.propertyName ?? el.name).text]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, source, functions, imports };
}

/** The PermitError family: `PermitError` and every class that extends a member, across the sources. */
function permitErrorClasses(parsed: readonly Parsed[]): Set<string> {
  const extendsOf = new Map<string, string>();
  for (const p of parsed) {
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node) && node.name) {
        const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
        if (base) extendsOf.set(node.name.text, base.expression.getText(p.source));
      }
      ts.forEachChild(node, visit);
    };
    visit(p.source);
  }
  const family = new Set(['PermitError']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, base] of extendsOf) {
      if (family.has(base) && !family.has(name)) {
        family.add(name);
        grew = true;
      }
    }
  }
  return family;
}

/** Type names that mean "a catalogue code": `ErrorCode`, `ErrorCodeOf` and the aliases built on them. */
function catalogueTypeNames(parsed: readonly Parsed[]): Set<string> {
  const aliases: [string, string][] = [];
  for (const p of parsed) {
    const visit = (node: ts.Node) => {
      if (ts.isTypeAliasDeclaration(node)) aliases.push([node.name.text, node.type.getText(p.source)]);
      ts.forEachChild(node, visit);
    };
    visit(p.source);
  }
  const names = new Set(CATALOGUE_TYPES);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, text] of aliases) {
      if (!names.has(name) && mentions(text, names)) {
        names.add(name);
        grew = true;
      }
    }
  }
  return names;
}

const mentions = (typeText: string, names: ReadonlySet<string>): boolean =>
  [...names].some((n) => new RegExp(`(^|[^A-Za-z0-9_$])${n}([^A-Za-z0-9_$]|$)`).test(typeText));

function resolveModule(from: string, specifier: string, byPath: ReadonlyMap<string, Parsed>): Parsed | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = normalize(join(dirname(from), specifier)).replaceAll('\\', '/');
  return byPath.get(`${base}.ts`) ?? byPath.get(`${base}/index.ts`) ?? byPath.get(base);
}

const isWithin = (node: ts.Node, scope: ts.Node) => node.pos >= scope.pos && node.end <= scope.end;

/** The declaration a called name refers to: the innermost one in scope in this file, else the imported one. */
function calleeOf(name: string, at: ts.Node, p: Parsed, byPath: ReadonlyMap<string, Parsed>): FunctionLike | undefined {
  const local = p.functions
    .filter((f) => f.name === name && isWithin(at, f.scope))
    .sort((a, b) => a.scope.end - a.scope.pos - (b.scope.end - b.scope.pos))[0];
  if (local) return local;
  const imported = p.imports.get(name);
  if (!imported) return undefined;
  const target = resolveModule(p.file.path, imported[0], byPath);
  return target?.functions.find((f) => f.name === imported[1] && f.scope === target.source);
}

const isCodeRead = (node: ts.Node): boolean =>
  (ts.isPropertyAccessExpression(node) && node.name.text === 'code') ||
  (ts.isIdentifier(node) && node.text === 'code') ||
  (ts.isParenthesizedExpression(node) && isCodeRead(node.expression)) ||
  (ts.isAsExpression(node) && isCodeRead(node.expression)) ||
  (ts.isNonNullExpression(node) && isCodeRead(node.expression));

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);
const PASS_THROUGH = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return n;
  }
  return undefined;
}

interface Judged {
  readonly place: CodePlace;
  readonly produces: boolean;
}

/**
 * Every code-shaped literal the sources write in one of the places codes are written.
 *
 * @example
 * findCodeUses([{ path: 'a.ts', text: "throw new ValidationError('X_Y', 'm');" }]); // []: no PermitError family here
 */
export function findCodeUses(files: readonly SourceFile[]): CodeUse[] {
  const parsed = files.map(parse);
  const byPath = new Map(parsed.map((p) => [p.file.path, p]));
  const family = permitErrorClasses(parsed);
  const catalogueTypes = catalogueTypeNames(parsed);
  const typed = (type: ts.TypeNode | undefined, p: Parsed) =>
    !!type && mentions(type.getText(p.source), catalogueTypes);
  const typedText = (text: string | undefined) => !!text && mentions(text, catalogueTypes);

  const judge = (literal: ts.Node, p: Parsed): Judged | undefined => {
    let child: ts.Node = literal;
    let parent = literal.parent;
    let inArray = false;
    for (;;) {
      if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isTypeAssertionExpression(parent)) {
        if (typed(parent.type, p)) return { place: 'typed', produces: true };
        // any other cast or `as const` passes the value on to where it goes
      } else if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) {
        // passes the value on unchanged
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        // either branch is the value
      } else if (ts.isBinaryExpression(parent) && PASS_THROUGH.has(parent.operatorToken.kind)) {
        // `a ?? 'X'`, `a || 'X'`
      } else if (ts.isArrayLiteralExpression(parent)) {
        inArray = true;
      } else break;
      child = parent;
      parent = parent.parent;
    }
    if (
      (ts.isNewExpression(parent) || ts.isCallExpression(parent)) &&
      parent.arguments?.includes(child as ts.Expression)
    ) {
      const index = parent.arguments.indexOf(child as ts.Expression);
      const callee = parent.expression;
      if (ts.isNewExpression(parent) && ts.isIdentifier(callee) && family.has(callee.text) && index === 0) {
        return { place: 'error', produces: true };
      }
      const fn = ts.isIdentifier(callee) ? calleeOf(callee.text, parent, p, byPath) : undefined;
      return fn && typedText(fn.params[index]) ? { place: 'typed', produces: true } : undefined;
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === child) {
      if (typed(parent.type, p)) return { place: 'typed', produces: true };
      const name = ts.isIdentifier(parent.name) ? parent.name.text : '';
      if (inArray ? name.endsWith('_CODES') : ts.isStringLiteralLike(literal) && name === literal.text) {
        return { place: 'constant', produces: true };
      }
      return undefined;
    }
    if (ts.isParameter(parent) && parent.initializer === child) {
      return typed(parent.type, p) ? { place: 'typed', produces: true } : undefined;
    }
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === child)) {
      return typed(enclosingFunction(child)?.type, p) ? { place: 'typed', produces: true } : undefined;
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === child) {
      return parent.name.getText(p.source) === 'code' ? { place: 'property', produces: true } : undefined;
    }
    if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) {
      const other = parent.left === child ? parent.right : parent.left;
      return isCodeRead(other) ? { place: 'comparison', produces: false } : undefined;
    }
    if (ts.isCaseClause(parent) && ts.isSwitchStatement(parent.parent.parent)) {
      return isCodeRead(parent.parent.parent.expression) ? { place: 'comparison', produces: false } : undefined;
    }
    return undefined;
  };

  const judgeType = (literalType: ts.LiteralTypeNode, p: Parsed): Judged | undefined => {
    let parent = literalType.parent;
    while (ts.isUnionTypeNode(parent) || ts.isParenthesizedTypeNode(parent)) parent = parent.parent;
    return ts.isPropertySignature(parent) && parent.name.getText(p.source) === 'code'
      ? { place: 'property', produces: false }
      : undefined;
  };

  const uses: CodeUse[] = [];
  for (const p of parsed) {
    const record = (literal: ts.StringLiteralLike, judged: Judged | undefined) => {
      if (!judged) return;
      const line = p.source.getLineAndCharacterOfPosition(literal.getStart(p.source)).line + 1;
      uses.push({ code: literal.text, file: p.file.path, line, ...judged });
    };
    const visit = (node: ts.Node) => {
      if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
        if (CODE_SHAPE.test(node.literal.text)) record(node.literal, judgeType(node, p));
        return;
      }
      if (ts.isStringLiteralLike(node) && CODE_SHAPE.test(node.text)) record(node, judge(node, p));
      ts.forEachChild(node, visit);
    };
    visit(p.source);
  }
  return uses;
}

/**
 * What is wrong with the codes the sources write, given the catalogue: codes used but not catalogued (naming code,
 * file and line), catalogued codes nothing outside the catalogue produces, and foreign codes nothing writes.
 *
 * @example
 * catalogueProblems(uses, { catalogue: ERROR_CODES, catalogueFile: 'lambdas/domain/error-catalogue.ts', others });
 * // [] when the tree is clean
 */
export function catalogueProblems(
  uses: readonly CodeUse[],
  options: { readonly catalogue: readonly string[]; readonly catalogueFile: string; readonly others: OtherCodeSets },
): string[] {
  const catalogued = new Set(options.catalogue);
  const problems: string[] = [];
  for (const use of uses) {
    if (use.file === options.catalogueFile || catalogued.has(use.code)) continue;
    const where = `${use.file}:${use.line} (${PLACE_NAMES[use.place]})`;
    const strict = use.place === 'error' || use.place === 'typed';
    const owner = options.others.owned.get(use.code) ?? options.others.foreign.get(use.code);
    if (strict) {
      problems.push(
        `uncatalogued code ${use.code} in ${where}: add it to ${options.catalogueFile}` +
          (owner ? ` (it is only a code of ${owner})` : ''),
      );
    } else if (!owner) {
      problems.push(
        `uncatalogued code ${use.code} in ${where}: add it to ${options.catalogueFile}, or — if no API client ever ` +
          'sees it — to the closed set it belongs to',
      );
    }
  }
  const produced = new Set(uses.filter((u) => u.produces && u.file !== options.catalogueFile).map((u) => u.code));
  for (const code of options.catalogue) {
    if (!produced.has(code)) {
      problems.push(
        `catalogued code ${code} is never produced outside ${options.catalogueFile}: remove it from the catalogue ` +
          '(and docs/errors.md), or use it',
      );
    }
  }
  const written = new Set(uses.map((u) => u.code));
  for (const [code, owner] of options.others.foreign) {
    if (!written.has(code)) problems.push(`foreign code ${code} (${owner}) is written nowhere: drop it from the list`);
  }
  return problems;
}
