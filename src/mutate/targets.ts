// What gets mutated for a strategy: the files its module loads at run time (relative value
// imports, followed transitively), minus the interface and plumbing files that hold no strategy
// logic. Built-in strategies are named here by entry module and export; a user's module is its
// own entry, with its local imports (never node_modules, never snapcheck's own src/).
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Node, type Project, type SourceFile } from 'ts-morph';
import { SOURCE_DIR } from '../modules/package-paths.ts';
import { BUILT_IN_ENTRIES, STRATEGIES_DIR } from './built-ins.ts';
import type { MutationTarget } from './types.ts';

/** Interface, validation and registry: no strategy logic to mutate (their mutants test the runtime). */
const NOT_STRATEGY_LOGIC = new Set(['strategy.ts', 'validate.ts', 'registry.ts'].map((f) => join(STRATEGIES_DIR, f)));

export function builtInTarget(project: Project, name: string): MutationTarget | null {
  const entry = BUILT_IN_ENTRIES[name];
  if (entry === undefined) return null;
  const path = join(STRATEGIES_DIR, entry[0]);
  const files = runtimeClosure(project, path).filter((f) => f.startsWith(STRATEGIES_DIR + sep) && !NOT_STRATEGY_LOGIC.has(f));
  return { name, entry: path, exportName: entry[1], files };
}

export function moduleTarget(project: Project, name: string, path: string, exportName: string): MutationTarget {
  const local = (f: string) => !f.includes(`${sep}node_modules${sep}`) && !f.startsWith(SOURCE_DIR + sep);
  return { name, entry: path, exportName, files: runtimeClosure(project, path).filter((f) => f === path || local(f)) };
}

/** The files `entry` loads at run time through relative imports (type-only imports load nothing). */
export function runtimeClosure(project: Project, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const dependency of runtimeImports(sourceFile(project, path))) visit(dependency);
  };
  visit(entry);
  return [...seen];
}

function sourceFile(project: Project, path: string): SourceFile {
  return project.getSourceFile(path) ?? project.addSourceFileAtPath(path);
}

/** Resolved absolute paths of the relative modules a file imports or re-exports for their values. */
export function runtimeImports(file: SourceFile): string[] {
  const declarations = [...file.getImportDeclarations(), ...file.getExportDeclarations()];
  return declarations.flatMap((declaration) => {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier === undefined || !specifier.startsWith('.') || isTypeOnly(declaration)) return [];
    const path = resolve(dirname(file.getFilePath()), specifier);
    return existsSync(path) ? [path] : [];
  });
}

function isTypeOnly(declaration: Node): boolean {
  if (Node.isImportDeclaration(declaration)) {
    if (declaration.isTypeOnly()) return true;
    const named = declaration.getNamedImports();
    return declaration.getDefaultImport() === undefined && declaration.getNamespaceImport() === undefined && named.length > 0 && named.every((n) => n.isTypeOnly());
  }
  return Node.isExportDeclaration(declaration) && declaration.isTypeOnly();
}

/** The files of `closure` that (transitively) import `mutated`, and `mutated` itself: what a mutant re-loads. */
export function dependents(project: Project, closure: readonly string[], mutated: string): string[] {
  const importers = new Map<string, string[]>();
  for (const path of closure) for (const dependency of runtimeImports(sourceFile(project, path))) importers.set(dependency, [...(importers.get(dependency) ?? []), path]);
  const dirty = new Set<string>();
  const visit = (path: string) => {
    if (dirty.has(path)) return;
    dirty.add(path);
    for (const importer of importers.get(path) ?? []) visit(importer);
  };
  visit(mutated);
  return [...dirty];
}
