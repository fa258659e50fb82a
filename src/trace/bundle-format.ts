// Bundle files are written for people as well as for replay: two-space indented JSON, except that
// arrays of numbers or strings (decisions, the hash chain) stay on one line and each History event
// or witness entry takes exactly one line, so a diff of two bundles reads step by step.
import type { Bundle } from './bundle.ts';

export function formatBundle(bundle: Bundle): string {
  return `${format(bundle, '', false)}\n`;
}

function format(value: unknown, indent: string, compactObjects: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (compactObjects) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    // Arrays of events and witness entries: one compact object per line.
    const rows = value.map((v) => `${inner}${format(v, inner, isEventLike(v))}`);
    return `[\n${rows.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const rows = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner, false)}`);
  return `{\n${rows.join(',\n')}\n${indent}}`;
}

/** A History event, a witness entry, a source record or a node/edge spec: small enough for one line. */
function isEventLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.includes('kind') || keys.includes('index') || keys.includes('key') || keys.includes('from') || keys.includes('id');
}
