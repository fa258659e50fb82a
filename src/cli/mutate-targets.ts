// What `snapcheck mutate --strategy` names, resolved to mutation targets. This file loads the
// TypeScript compiler and ts-morph, so mutate-command.ts imports it only once they are known to be
// installed.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { createProject } from '../mutate/generate.ts';
import type { JudgedTarget } from '../mutate/types.ts';
import { BUILT_IN_ENTRIES } from '../mutate/built-ins.ts';
import { builtInTarget, moduleTarget } from '../mutate/targets.ts';
import { findStrategy } from '../strategies/registry.ts';
import { UsageError } from './errors.ts';
import { isModuleSpec, loadStrategy } from './strategy-loader.ts';

export async function resolveTargets(specs: readonly string[], tsconfig: string | null): Promise<JudgedTarget[]> {
  const project = createProject(tsconfig ?? undefined);
  const targets: JudgedTarget[] = [];
  for (const spec of specs) {
    if (!isModuleSpec(spec)) {
      const target = builtInTarget(project, spec);
      if (target === null) {
        const canary = findStrategy(spec) !== undefined ? ` ("${spec}" is a canary: pass its module path to mutate it)` : '';
        throw new UsageError(`unknown strategy "${spec}"${canary}; built-in: ${Object.keys(BUILT_IN_ENTRIES).join(', ')}, or a path to a strategy module`);
      }
      const { guarantee, supportsCycles } = findStrategy(spec)!;
      targets.push({ ...target, guarantee, supportsCycles });
      continue;
    }
    targets.push(await moduleJudgedTarget(project, spec));
  }
  return targets;
}

async function moduleJudgedTarget(project: ReturnType<typeof createProject>, spec: string): Promise<JudgedTarget> {
  const path = resolve(spec);
  if (!existsSync(path)) throw new UsageError(`strategy module ${spec} does not exist`);
  const problem = syntaxProblem(path);
  if (problem !== null) throw new UsageError(`strategy module ${spec} does not parse: ${problem}`);
  const { strategy, exportName = 'default' } = await loadStrategy(spec);
  return { ...moduleTarget(project, strategy.name, path, exportName), guarantee: strategy.guarantee, supportsCycles: strategy.supportsCycles };
}

/** The first syntax error of a TypeScript or JavaScript file, or null. */
function syntaxProblem(path: string): string | null {
  const text = readFileSync(path, 'utf8');
  const output = ts.transpileModule(text, { fileName: path, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
  const error = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error === undefined) return null;
  const line = error.file && error.start !== undefined ? `line ${error.file.getLineAndCharacterOfPosition(error.start).line + 1}: ` : '';
  return `${line}${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`;
}
