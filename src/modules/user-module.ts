// Loading a user's module (a strategy today; sinks, sources and backends as they arrive) from
// anywhere: .ts, .mts, .cts, .js, .mjs or .cjs, in a folder with or without a package.json, with or
// without "type": "module". esbuild bundles the module with its local imports into one ES module
// (so the folder's module type never matters); every package it imports stays external, resolved
// from the user's folder, except `snapcheck` itself, which resolves to the running copy, so that
// the user's module and the harness share module instances. The bundle is written to a temporary
// file named by its content and imported from there; inline source maps keep stack traces pointing
// at the user's files. Every failure is a ModuleLoadError: one line, naming the file and what to do.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { PACKAGE_ROOT, runningTwin, snapcheckEntryUrl } from './package-paths.ts';

export const MODULE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
}

export interface LoadedModule {
  readonly exports: Record<string, unknown>;
  /** sha256 of the entry file's content (what a bundle records to notice a changed module). */
  readonly sha256: string;
  /** The user's own files the bundle holds (the entry and its local imports), absolute. */
  readonly files: readonly string[];
}

/** Load the module at `path` (absolute or relative to the working directory); `label` names it in errors. */
export async function loadUserModule(path: string, label: string = path): Promise<LoadedModule> {
  const absolute = checkFile(path, label);
  const sha256 = createHash('sha256').update(readFileSync(absolute)).digest('hex');
  const { code, files } = await bundle(absolute, label);
  const file = writeBundle(code);
  enableSourceMaps();
  try {
    return { exports: (await import(pathToFileURL(file).href)) as Record<string, unknown>, sha256, files };
  } catch (error) {
    throw new ModuleLoadError(`${label} threw while loading: ${describeThrown(error, files)}`);
  }
}

function checkFile(path: string, label: string): string {
  const resolved = resolve(path);
  if (!existsSync(resolved)) throw new ModuleLoadError(`${label} does not exist`);
  if (!statSync(resolved).isFile()) throw new ModuleLoadError(`${label} is not a regular file`);
  const extension = extname(resolved);
  if (!(MODULE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ModuleLoadError(`${label} has extension "${extension}"; a module must end in ${MODULE_EXTENSIONS.join(', ')}`);
  }
  return resolved;
}

async function bundle(entry: string, label: string): Promise<{ code: string; files: string[] }> {
  let result;
  try {
    result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      metafile: true,
      sourcemap: 'inline',
      // Source paths in the map are relative to the entry's folder, wherever the bundle is written.
      sourceRoot: dirname(entry) + sep,
      sourcesContent: false,
      logLevel: 'silent',
      absWorkingDir: dirname(entry),
      // A CommonJS file inside the bundle may still call require(): give the ES module one.
      banner: { js: "import { createRequire as __snapcheckCreateRequire } from 'node:module'; const require = __snapcheckCreateRequire(import.meta.url);" },
      plugins: [externalPackages(), ownLocation()],
    });
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    throw new ModuleLoadError(`${label} does not compile: ${messages?.[0] === undefined ? firstLine(error) : describeMessage(messages[0], entry)}`);
  }
  const code = result.outputFiles[0]!.text;
  const files = Object.keys(result.metafile.inputs).map((input) => join(dirname(entry), input));
  return { code, files };
}

/** Packages stay packages: resolved from the importing file's folder, imported by absolute URL. */
function externalPackages(): Plugin {
  return {
    name: 'snapcheck-external-packages',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('node:') || isAbsolutePath(args.path)) return undefined;
        const own = snapcheckEntryUrl(args.path);
        if (own !== null) return { path: own, external: true };
        const found = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        if (found.errors.length > 0) {
          return { errors: [{ text: `cannot find package "${args.path}": install it where this file can resolve it (npm install ${packageName(args.path)})` }] };
        }
        if (found.external || found.path === '' || builtinLike(found.path)) return { path: args.path, external: true };
        return { path: pathToFileURL(found.path).href, external: true };
      });
    },
  };
}

/** A relative import that reaches into snapcheck's own files gets the running copy, not a second one. */
function ownLocation(): Plugin {
  return {
    name: 'snapcheck-own-location',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = join(args.resolveDir, args.path);
        if (!target.startsWith(PACKAGE_ROOT + sep) || target.includes(`${sep}node_modules${sep}`)) return undefined;
        const inside = relative(PACKAGE_ROOT, target).split(sep)[0];
        if (inside !== 'src' && inside !== 'dist') return undefined;
        return { path: pathToFileURL(runningTwin(target)).href, external: true };
      });
    },
  };
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith(sep) || /^[A-Za-z]:[\\/]/.test(path);
}

function builtinLike(path: string): boolean {
  return !path.includes(sep);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function describeMessage(message: Message, entry: string): string {
  const location = message.location;
  if (location === null) return message.text;
  const file = location.file === '' ? relative(process.cwd(), entry) : relative(process.cwd(), join(dirname(entry), location.file));
  return `${file}:${location.line}:${location.column + 1}: ${message.text}`;
}

/** The bundle, written once per content under the temporary folder (atomically: a concurrent writer may race). */
function writeBundle(code: string): string {
  const dir = join(tmpdir(), 'snapcheck-modules');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(code).digest('hex').slice(0, 32)}.mjs`);
  if (existsSync(file)) return file;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, file);
  return file;
}

let sourceMapsEnabled = false;
function enableSourceMaps(): void {
  if (sourceMapsEnabled) return;
  sourceMapsEnabled = true;
  process.setSourceMapsEnabled(true);
}

/** "Error: message (file.ts:3)": the thrown value's first line and the first frame in the user's files. */
export function describeThrown(error: unknown, files: readonly string[]): string {
  const head = firstLine(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n').slice(1)) {
    const frame = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?$/.exec(line.trim());
    if (frame === null) continue;
    const path = frame[1]!.startsWith('file://') ? fileURLToPath(frame[1]!) : frame[1]!;
    if (files.includes(path)) return `${head} (${relative(process.cwd(), path) || path}:${frame[2]})`;
  }
  return head;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
}
