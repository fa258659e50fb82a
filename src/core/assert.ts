// Assertions state what must hold; a failed one is a bug in snapcheck or in a strategy,
// never a modelled fault (crashes are events, not exceptions).

export class AssertionFailed extends Error {
  override name = 'AssertionFailed';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailed(message);
}

export function unreachable(value: never, context: string): never {
  throw new AssertionFailed(`${context}: unexpected ${JSON.stringify(value)}`);
}
