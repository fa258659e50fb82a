// Mutation operators chosen for checkpoint code. Strategies return effects as arrays of object
// literals, so "remove a call" (block, unblock, snapshot, forward, persist, ack) is mostly the
// removal of an effect literal, or of a helper call that yields effects. Each operator inspects a
// ts-morph SourceFile and proposes edits; it never rewrites the tree (mutants are text splices).
import { Node, SyntaxKind, type ArrayLiteralExpression, type SourceFile } from 'ts-morph';
import { EFFECT_KINDS } from '../strategies/strategy.ts';
import { earlyReturn, earlyUnblocks } from './operators-insert.ts';
import type { Edit, OperatorName } from './types.ts';

export interface Proposal {
  readonly operator: OperatorName;
  readonly description: string;
  readonly edit: Edit;
}

type Propose = (file: SourceFile) => Proposal[];

const at = (node: Node, replacement: string): Edit => ({ start: node.getStart(), end: node.getEnd(), replacement });

/** `{ kind: 'unblock', ... }` and other effect literals: the kind, or null. */
export function effectKind(node: Node): string | null {
  if (!Node.isObjectLiteralExpression(node)) return null;
  const kind = node.getProperty('kind');
  if (!kind || !Node.isPropertyAssignment(kind)) return null;
  const value = kind.getInitializer();
  if (!value || !Node.isStringLiteral(value)) return null;
  return EFFECT_KINDS.has(value.getLiteralValue()) ? value.getLiteralValue() : null;
}

/** Yields effects: an effect literal, or a spread of something typed as effects. */
function isEffectElement(node: Node): boolean {
  if (effectKind(node) !== null) return true;
  return Node.isSpreadElement(node) && /\bEffect\b/.test(node.getExpression().getType().getText(node));
}

/** Remove element `index` of an array literal together with one separating comma. */
function removeElement(array: ArrayLiteralExpression, index: number): Edit {
  const elements = array.getElements();
  const element = elements[index]!;
  const next = elements[index + 1];
  if (next) return { start: element.getStart(), end: next.getStart(), replacement: '' };
  const previous = elements[index - 1];
  return { start: previous ? previous.getEnd() : element.getStart(), end: element.getEnd(), replacement: '' };
}

const removeEffect: Propose = (file) =>
  file.getDescendantsOfKind(SyntaxKind.ArrayLiteralExpression).flatMap((array) =>
    array.getElements().flatMap((element, index) => {
      if (!isEffectElement(element)) return [];
      const what = effectKind(element) ?? element.getText();
      return [{ operator: 'remove-effect', description: `remove effect ${what}`, edit: removeElement(array, index) }];
    }),
  );

const swapAdjacentEffects: Propose = (file) =>
  file.getDescendantsOfKind(SyntaxKind.ArrayLiteralExpression).flatMap((array) => {
    const elements = array.getElements();
    return elements.slice(1).flatMap((second, i) => {
      const first = elements[i]!;
      if (!isEffectElement(first) || !isEffectElement(second)) return [];
      const between = file.getFullText().slice(first.getEnd(), second.getStart());
      const edit = { start: first.getStart(), end: second.getEnd(), replacement: second.getText() + between + first.getText() };
      return [{ operator: 'swap-adjacent', description: `swap effects ${first.getText()} and ${second.getText()}`, edit }];
    });
  });

/** Statements whose removal is a meaningful mutant: calls, state updates, loops. */
function isRemovableStatement(node: Node): boolean {
  if (Node.isForOfStatement(node)) return true;
  if (!Node.isExpressionStatement(node)) return false;
  const expression = node.getExpression();
  return Node.isCallExpression(expression) || (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.EqualsToken);
}

const removeCall: Propose = (file) => {
  const statements = file.getDescendants().filter(isRemovableStatement).map((node): Proposal => ({
    operator: 'remove-call',
    description: `remove statement ${oneLine(node.getText())}`,
    // As the body of an if or a loop, an empty statement: removing the text would make the next
    // statement the body.
    edit: at(node, Node.isBlock(node.getParent()) || Node.isSourceFile(node.getParent()) || Node.isCaseClause(node.getParent()) ? '' : ';'),
  }));
  // A call that yields effects (replayAll, unblockAll, checkpointAndResume, ...) removed: no effects.
  const effectCalls = file.getDescendantsOfKind(SyntaxKind.CallExpression).flatMap((call): Proposal[] => {
    if (Node.isExpressionStatement(call.getParent()) || Node.isSpreadElement(call.getParent())) return [];
    const type = call.getType();
    if (!type.isArray() || !/\bEffect\b/.test(type.getText(call))) return [];
    return [{ operator: 'remove-call', description: `replace ${oneLine(call.getText())} by no effects`, edit: at(call, '[]') }];
  });
  return [...statements, ...effectCalls];
};

/** Statements that may trade places: not declarations (use before definition), not after a return. */
function isSwappable(node: Node): boolean {
  const fixed = [Node.isVariableStatement, Node.isReturnStatement, Node.isThrowStatement, Node.isImportDeclaration, Node.isExportDeclaration];
  const declarations = [Node.isFunctionDeclaration, Node.isClassDeclaration, Node.isInterfaceDeclaration, Node.isTypeAliasDeclaration];
  return ![...fixed, ...declarations].some((is) => is(node));
}

const swapAdjacentStatements: Propose = (file) =>
  [...file.getDescendantsOfKind(SyntaxKind.Block), ...file.getDescendantsOfKind(SyntaxKind.CaseClause)].flatMap((block) => {
    const statements = block.getStatements();
    return statements.slice(1).flatMap((second, i): Proposal[] => {
      const first = statements[i]!;
      // The second may be a return: moving it up is a (different) early return, still a mutant.
      if (!isSwappable(first) || Node.isVariableStatement(second) || Node.isThrowStatement(second)) return [];
      const between = file.getFullText().slice(first.getEnd(), second.getStart());
      const edit = { start: first.getStart(), end: second.getEnd(), replacement: second.getText() + between + first.getText() };
      return [{ operator: 'swap-adjacent', description: `swap statements ${oneLine(first.getText())} and ${oneLine(second.getText())}`, edit }];
    });
  });

const negateCondition: Propose = (file) => {
  const conditions: Node[] = [
    ...file.getDescendantsOfKind(SyntaxKind.IfStatement).map((s) => s.getExpression()),
    ...file.getDescendantsOfKind(SyntaxKind.ConditionalExpression).map((c) => c.getCondition()),
    ...file.getDescendantsOfKind(SyntaxKind.ReturnStatement).flatMap((r) => {
      const value = r.getExpression();
      return value && value.getType().isBoolean() && !Node.isTrueLiteral(value) && !Node.isFalseLiteral(value) ? [value] : [];
    }),
  ];
  return conditions.map((condition) => ({ operator: 'negate-condition', description: `negate ${oneLine(condition.getText())}`, edit: at(condition, `!(${condition.getText()})`) }));
};

const BOUNDARY: Readonly<Record<string, string>> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>', '===': '!==', '!==': '===' };

const shiftBoundary: Propose = (file) =>
  file.getDescendantsOfKind(SyntaxKind.BinaryExpression).flatMap((binary): Proposal[] => {
    const token = binary.getOperatorToken();
    const shifted = BOUNDARY[token.getText()];
    if (shifted === undefined) return [];
    return [{ operator: 'shift-boundary', description: `${oneLine(binary.getText())}: ${token.getText()} becomes ${shifted}`, edit: at(token, shifted) }];
  });

/** Checkpoint ids, ticks and offsets by name: where an off-by-one hides. */
const ID_LIKE = /^(checkpoint|lastStarted|lastTriggered|lastSnapshotted|pausedFor|aligning|triggeredAt|at|offset|id)$/;

const offByOne: Propose = (file) => {
  const literals = file.getDescendantsOfKind(SyntaxKind.NumericLiteral).flatMap((literal): Proposal[] => {
    const value = Number(literal.getLiteralValue());
    const shifted = value > 0 ? [value + 1, value - 1] : [value + 1];
    return shifted.map((n) => ({ operator: 'off-by-one', description: `${value} becomes ${n}`, edit: at(literal, String(n)) }));
  });
  const names = [...file.getDescendantsOfKind(SyntaxKind.Identifier), ...file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)].flatMap((node): Proposal[] => {
    const name = Node.isIdentifier(node) ? node.getText() : node.getName();
    if (!ID_LIKE.test(name) || !isIdValuePosition(node)) return [];
    const shorthand = node.getParent();
    if (Node.isShorthandPropertyAssignment(shorthand)) {
      return [{ operator: 'off-by-one', description: `${name} becomes ${name} + 1`, edit: at(shorthand, `${name}: ${name} + 1`) }];
    }
    return [{ operator: 'off-by-one', description: `${node.getText()} becomes ${node.getText()} + 1`, edit: at(node, `(${node.getText()} + 1)`) }];
  });
  return [...literals, ...names];
};

/** A read of an id-like value: compared, stored in an effect, or assigned from; never a target or declaration. */
function isIdValuePosition(node: Node): boolean {
  if (!node.getType().isNumber()) return false;
  const parent = node.getParent();
  if (parent === undefined) return false;
  if (Node.isIdentifier(node) && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return false; // the access covers it
  if (Node.isShorthandPropertyAssignment(parent)) return effectKind(parent.getParent()) !== null;
  if (Node.isPropertyAssignment(parent)) return parent.getInitializer() === node && effectKind(parent.getParent()) !== null;
  if (Node.isBinaryExpression(parent)) {
    const operator = parent.getOperatorToken().getText();
    if (operator === '=') return parent.getRight() === node;
    return BOUNDARY[operator] !== undefined;
  }
  return false;
}

const emptyCollection: Propose = (file) => {
  const constructed = file.getDescendantsOfKind(SyntaxKind.NewExpression).flatMap((expression): Proposal[] => {
    const callee = expression.getExpression().getText();
    if ((callee !== 'Set' && callee !== 'Map') || expression.getArguments().length === 0) return [];
    return [{ operator: 'empty-collection', description: `${oneLine(expression.getText())} becomes empty`, edit: at(expression, `new ${callee}()`) }];
  });
  const arrays = file.getDescendantsOfKind(SyntaxKind.ArrayLiteralExpression).flatMap((array): Proposal[] => {
    if (array.getElements().length === 0 || array.getType().isTuple()) return [];
    return [{ operator: 'empty-collection', description: `${oneLine(array.getText())} becomes []`, edit: at(array, '[]') }];
  });
  return [...constructed, ...arrays];
};

const flipBoolean: Propose = (file) =>
  [...file.getDescendantsOfKind(SyntaxKind.TrueKeyword), ...file.getDescendantsOfKind(SyntaxKind.FalseKeyword)].map((literal) => {
    const flipped = literal.getText() === 'true' ? 'false' : 'true';
    return { operator: 'flip-boolean', description: `${literal.getText()} becomes ${flipped}`, edit: at(literal, flipped) };
  });

/** Only promises stronger than the original: a strategy may promise less than it delivers, never more. */
const STRONGER: Readonly<Record<string, readonly string[]>> = { 'at-least-once': ['exactly-once'], none: ['at-least-once', 'exactly-once'] };

const relabelGuarantee: Propose = (file) =>
  file.getDescendantsOfKind(SyntaxKind.PropertyAssignment).flatMap((property): Proposal[] => {
    const value = property.getInitializer();
    if (property.getName() !== 'guarantee' || !value || !Node.isStringLiteral(value)) return [];
    return (STRONGER[value.getLiteralValue()] ?? []).map((label) => ({
      operator: 'relabel-guarantee',
      description: `guarantee '${value.getLiteralValue()}' relabelled '${label}'`,
      edit: at(value, `'${label}'`),
    }));
  });

const PROPOSERS: readonly Propose[] = [
  removeEffect,
  removeCall,
  swapAdjacentEffects,
  swapAdjacentStatements,
  negateCondition,
  shiftBoundary,
  offByOne,
  emptyCollection,
  earlyReturn,
  earlyUnblocks,
  flipBoolean,
  relabelGuarantee,
];

/** Every proposal for one file, in source order (ties: operator order). */
export function proposeMutations(file: SourceFile): Proposal[] {
  const proposals = PROPOSERS.flatMap((propose) => propose(file));
  return proposals.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end);
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
