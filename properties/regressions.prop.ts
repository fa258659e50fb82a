// Pinned regressions: scenarios that once exposed a bug. Each names its strategy and expects every
// property of that strategy's guarantee to hold ("holds") or a given property to be violated.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findStrategy, parseScenario } from '../src/index.ts';
import { evaluate, PROPERTIES_BY_GUARANTEE } from '../models/suite.ts';

const DIR = join(import.meta.dirname, 'regressions');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('pinned regressions', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s behaves as pinned', (file) => {
    const pinned = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { expect: string; scenario: unknown };
    const parsed = parseScenario(pinned.scenario);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problem}`);
    const strategy = findStrategy(parsed.scenario.strategy);
    if (!strategy) throw new Error(`${file}: unknown strategy ${parsed.scenario.strategy}`);
    const violated = evaluate(strategy, parsed.scenario, PROPERTIES_BY_GUARANTEE[strategy.guarantee], null).map((f) => f.property);
    expect(violated).toEqual(pinned.expect === 'holds' ? [] : [pinned.expect]);
  });
});
