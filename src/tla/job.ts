// One model-checking job: a module, a config, and the budget to check it in. Loading never
// throws for bad input: a missing file or a malformed config becomes a job that is already a
// parse error, so every other config still runs and the report names each problem.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseCfg, type TlaCfg } from './cfg.ts';
import type { SourceLocation } from './types.ts';

export interface ModelJob {
  /** The config's name in the manifest (or the .cfg file's base name). */
  readonly name: string;
  /** Paths as shown to the user (relative to the working directory). */
  readonly moduleFile: string;
  readonly cfgFile: string;
  /** Absolute paths. */
  readonly modulePath: string;
  readonly cfgPath: string;
  readonly moduleSource: string;
  readonly cfgSource: string;
  readonly cfg: TlaCfg;
  readonly timeoutMs: number;
  /** The embedded engine's state limit (default EMBEDDED_STATES_MAX). */
  readonly statesMax?: number;
}

export type LoadedJob =
  | { readonly ok: true; readonly job: ModelJob }
  | { readonly ok: false; readonly name: string; readonly message: string; readonly location: SourceLocation | null };

export interface JobSource {
  readonly name: string;
  readonly modulePath: string;
  readonly cfgPath: string;
  readonly timeoutMs: number;
  readonly statesMax?: number;
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export function loadJob(source: JobSource): LoadedJob {
  const modulePath = resolve(source.modulePath);
  const cfgPath = resolve(source.cfgPath);
  const moduleFile = displayPath(modulePath);
  const cfgFile = displayPath(cfgPath);
  for (const [path, shown] of [[modulePath, moduleFile], [cfgPath, cfgFile]] as const) {
    if (!existsSync(path)) return { ok: false, name: source.name, message: `${shown}: no such file`, location: null };
  }
  const moduleSource = readFileSync(modulePath, 'utf8');
  const cfgSource = readFileSync(cfgPath, 'utf8');
  const parsed = parseCfg(cfgSource, cfgFile);
  if (!parsed.ok) return { ok: false, name: source.name, message: parsed.message, location: parsed.location };
  const job: ModelJob = {
    name: source.name,
    moduleFile,
    cfgFile,
    modulePath,
    cfgPath,
    moduleSource,
    cfgSource,
    cfg: parsed.cfg,
    timeoutMs: source.timeoutMs,
    ...(source.statesMax === undefined ? {} : { statesMax: source.statesMax }),
  };
  return { ok: true, job };
}
