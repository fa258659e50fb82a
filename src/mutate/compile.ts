// A mutant made loadable: the mutated file and every file that imports it (up to the strategy's
// entry) are transpiled in memory (TypeScript's transpileModule) and written as .mjs (ES modules wherever the temp directory is) into a fresh
// directory per mutant, so each mutant gets its own module instances without restarting the
// worker. Imports of unchanged files point at the originals (the worker runs tsx), so the
// strategy shares core types and helpers with the suite that judges it. "Did not compile" is a
// syntax or type error in the mutated file, found by a language service kept per worker.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { runningTwin, snapcheckEntryUrl } from '../modules/package-paths.ts';

export interface MaterializeRequest {
  /** Absolute path of the mutated file and its mutated text. */
  readonly mutatedFile: string;
  readonly mutatedText: string;
  /** Absolute paths: the mutated file and the files that import it (what must be re-loaded). */
  readonly dirty: readonly string[];
  /** Directory that contains every dirty file; the layout below it is mirrored. */
  readonly root: string;
  /** Fresh directory for this mutant. */
  readonly outDir: string;
}

const TRANSPILE_OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false };

/** Writes the dirty files as JS; returns the output path of `entry` (which is dirty). */
export function materialize(request: MaterializeRequest, readOriginal: (path: string) => string): void {
  const dirty = new Set(request.dirty);
  for (const path of request.dirty) {
    const text = path === request.mutatedFile ? request.mutatedText : readOriginal(path);
    const js = ts.transpileModule(text, { compilerOptions: TRANSPILE_OPTIONS, fileName: path }).outputText;
    const out = outputPath(request, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, rewriteImports(js, path, dirty));
  }
}

export function outputPath(request: Pick<MaterializeRequest, 'root' | 'outDir'>, path: string): string {
  return join(request.outDir, relative(request.root, path)).replace(/\.[cm]?ts$/, '.mjs');
}

/**
 * Relative imports: of a dirty file, its .mjs twin beside this one; of any other, the running copy
 * by URL. Packages: `snapcheck` is the running copy; any other is resolved from the original file's
 * folder, since the mutant is written elsewhere.
 */
function rewriteImports(js: string, from: string, dirty: ReadonlySet<string>): string {
  return js.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g, (match, lead: string, quote: string, specifier: string) => {
    const rewritten = specifier.startsWith('.') ? relativeTarget(specifier, from, dirty) : packageTarget(specifier, from);
    return rewritten === null ? match : `${lead}${quote}${rewritten}${quote}`;
  });
}

function relativeTarget(specifier: string, from: string, dirty: ReadonlySet<string>): string {
  const target = resolve(dirname(from), specifier);
  return dirty.has(target) ? specifier.replace(/\.[cm]?ts$/, '.mjs') : pathToFileURL(runningTwin(target)).href;
}

function packageTarget(specifier: string, from: string): string | null {
  if (specifier.startsWith('node:') || specifier.startsWith('file:')) return null;
  const own = snapcheckEntryUrl(specifier);
  if (own !== null) return own;
  try {
    return pathToFileURL(createRequire(from).resolve(specifier)).href;
  } catch {
    return null; // a builtin without the node: prefix, or a package the original could not load either
  }
}

/** Type-checks one file at a time against the unchanged rest of the program, reusing work between mutants. */
export class MutantTypeChecker {
  private readonly versions = new Map<string, number>();
  private readonly overrides = new Map<string, string>();
  private readonly service: ts.LanguageService;

  constructor(rootFiles: readonly string[], options: ts.CompilerOptions) {
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [...rootFiles],
      getScriptVersion: (path) => String(this.versions.get(path) ?? 0),
      getScriptSnapshot: (path) => {
        const text = this.overrides.get(path) ?? ts.sys.readFile(path);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => process.cwd(),
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** The first error of `path` with `text` in place of its contents, or null. */
  check(path: string, text: string): string | null {
    this.overrides.set(path, text);
    this.versions.set(path, (this.versions.get(path) ?? 0) + 1);
    try {
      const diagnostics = [...this.service.getSyntacticDiagnostics(path), ...this.service.getSemanticDiagnostics(path)];
      const error = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error);
      return error === undefined ? null : describeDiagnostic(error);
    } finally {
      this.overrides.delete(path);
      this.versions.set(path, (this.versions.get(path) ?? 0) + 1);
    }
  }
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `TS${diagnostic.code} at line ${line + 1}: ${message}`;
}

/** The project's compiler options (tsconfig.json at `repoRoot`), for the type checker. */
export function projectCompilerOptions(tsconfig: string): ts.CompilerOptions {
  const config = ts.readConfigFile(tsconfig, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(tsconfig)).options;
}

export function readOriginalCached(): (path: string) => string {
  const cache = new Map<string, string>();
  return (path) => {
    let text = cache.get(path);
    if (text === undefined) cache.set(path, (text = readFileSync(path, 'utf8')));
    return text;
  };
}
