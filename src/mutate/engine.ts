// The mutation engine, loaded on demand. It parses and type-checks TypeScript, so it needs the
// `typescript` and `ts-morph` packages, which are optional peer dependencies of snapcheck: every
// other command works without them (they weigh about 40 MB), and a project that mutates its
// strategies usually has TypeScript already. Without them, `runMutation` fails with one message
// naming what to install.
import { createRequire } from 'node:module';
import type { MutateOptions, MutationRun } from './types.ts';

export const MUTATION_PACKAGES = ['typescript', 'ts-morph'] as const;

export class MutationEngineMissing extends Error {
  override name = 'MutationEngineMissing';
}

/** The packages of MUTATION_PACKAGES that cannot be resolved from snapcheck's own location. */
export function missingMutationPackages(): string[] {
  const require = createRequire(import.meta.url);
  return MUTATION_PACKAGES.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/** Throws MutationEngineMissing unless the engine's packages are installed. */
export function assertMutationEngine(): void {
  const missing = missingMutationPackages();
  if (missing.length === 0) return;
  throw new MutationEngineMissing(`mutation testing needs ${missing.join(' and ')} (typescript and ts-morph are optional peer dependencies of snapcheck): npm install --save-dev ${MUTATION_PACKAGES.join(' ')}`);
}

export async function runMutation(options: MutateOptions): Promise<MutationRun> {
  assertMutationEngine();
  const engine = await import('./run.ts');
  return engine.runMutation(options);
}
