// The two operators that insert code: an early return at the top of a function, and resuming the
// received channel at once (`early-unblock`), the bug of resuming an input before its alignment is
// complete. Both build the inserted text from the enclosing function's types and names.
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { Proposal } from './operators.ts';

type FunctionLike = Node & { getBody(): Node | undefined; getReturnType(): import('ts-morph').Type };

function functionsWithBlockBodies(file: SourceFile): FunctionLike[] {
  const all: Node[] = [
    ...file.getDescendantsOfKind(SyntaxKind.FunctionDeclaration),
    ...file.getDescendantsOfKind(SyntaxKind.MethodDeclaration),
    ...file.getDescendantsOfKind(SyntaxKind.ArrowFunction),
  ];
  return all.filter((fn): fn is FunctionLike => {
    const body = (fn as FunctionLike).getBody();
    return body !== undefined && Node.isBlock(body) && body.getStatements().length > 0;
  });
}

/** The plainest value a function of this return type can return early, or null (skip). */
function neutralValue(fn: FunctionLike): string | null {
  const type = fn.getReturnType();
  const text = type.getText(fn);
  if (type.isVoid()) return '';
  if (type.isBoolean()) return 'false';
  if (type.isArray() && /\bEffect\b/.test(text)) return '[]';
  // A state transition [nextState, effects], in a state class: stay, doing nothing.
  if (type.isTuple() && Node.isMethodDeclaration(fn) && /\bEffect\b/.test(text)) return '[this, []]';
  return null;
}

export function earlyReturn(file: SourceFile): Proposal[] {
  return functionsWithBlockBodies(file).flatMap((fn): Proposal[] => {
    const value = neutralValue(fn);
    if (value === null) return [];
    const body = fn.getBody()!;
    const statement = value === '' ? 'return;' : `return ${value};`;
    const start = body.getStart() + 1; // just after the opening brace
    const name = Node.isArrowFunction(fn) ? 'arrow function' : `${(fn as Node & { getName?: () => string | undefined }).getName?.() ?? 'function'}()`;
    return [{ operator: 'return-early', description: `${name} returns at once: ${statement}`, edit: { start, end: start, replacement: ` ${statement}` } }];
  });
}

/** The expression naming the channel an event arrived on, in scope at `node`, or null. */
function channelInScope(fn: FunctionLike, node: Node): string | null {
  const parameters = Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) ? fn.getParameters().map((p) => p.getName()) : [];
  if (parameters.includes('channel')) return 'channel';
  const declared = fn.getDescendantsOfKind(SyntaxKind.BindingElement).some((b) => b.getName() === 'channel' && b.getEnd() < node.getStart());
  if (declared) return 'channel';
  if (parameters.includes('arrival')) return 'arrival.channel';
  return null;
}

/** Where a return hands back effects: the whole value, or the effects half of a [state, effects] tuple. */
function effectsOfReturn(value: Node): Node | null {
  if (Node.isArrayLiteralExpression(value) && value.getType().isTuple()) return value.getElements()[1] ?? null;
  const type = value.getType();
  return type.isArray() && /\bEffect\b/.test(type.getText(value)) ? value : null;
}

/** Effects that already resume inputs (an unblock, or a step that ends with one): nothing early to add. */
function alreadyUnblocks(effects: Node): boolean {
  return /'unblock'|unblockAll|checkpointAndResume|resume\(/.test(effects.getText());
}

export function earlyUnblocks(file: SourceFile): Proposal[] {
  return functionsWithBlockBodies(file).flatMap((fn) =>
    fn.getDescendantsOfKind(SyntaxKind.ReturnStatement).flatMap((statement): Proposal[] => {
      if (statement.getFirstAncestor((a) => a === fn || isFunctionNode(a)) !== fn) return []; // a nested function's return
      const value = statement.getExpression();
      const effects = value ? effectsOfReturn(value) : null;
      const channel = effects ? channelInScope(fn, statement) : null;
      if (effects === null || channel === null || alreadyUnblocks(effects)) return [];
      const replacement = `[...${effects.getText()}, { kind: 'unblock', channel: ${channel} }]`;
      return [{ operator: 'early-unblock', description: `also resume ${channel} at once here`, edit: { start: effects.getStart(), end: effects.getEnd(), replacement } }];
    }),
  );
}

function isFunctionNode(node: Node): boolean {
  return Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node) || Node.isArrowFunction(node) || Node.isFunctionExpression(node);
}
