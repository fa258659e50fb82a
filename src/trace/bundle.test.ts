import { describe, expect, it } from 'vitest';
import type { History, HistoryEvent } from '../core/history.ts';
import { createBundle, recordedEvent, recordedHistory, storedSegments, withFields, HISTORY_EVENTS_STORED_MAX, type Bundle } from './bundle.ts';
import { formatBundle } from './bundle-format.ts';
import { parseBundle, parseBundleText } from './bundle-schema.ts';
import { hashChain } from './hash-chain.ts';
import { builtIn, NO_ALIGN_LOST } from './test-fixtures.ts';
import { TOOL_VERSION } from './tool-version.ts';

function bundle(): Bundle {
  const strategy = builtIn('no-align');
  return createBundle({
    strategy,
    strategyRef: { kind: 'built-in', name: 'no-align' },
    scenario: NO_ALIGN_LOST,
    property: 'cut-consistency',
    search: { seed: 7, path: '2:3', runs: 2000, runsToFind: 3, shrinks: 50, minimizerSteps: 3, properties: null },
    createdBy: 'snapcheck run --strategy no-align --seed 7',
  });
}

/** The bundle's file text with one substitution. */
function edited(from: string | RegExp, to: string): string {
  const text = formatBundle(bundle());
  expect(text).toMatch(from);
  return text.replace(from, to);
}

describe('createBundle', () => {
  it('records the tool version, the verdict with its witness, the decisions and one hash per History step', () => {
    const b = bundle();
    expect(b).toMatchObject({ format: 'snapcheck-bundle', formatVersion: 1, tool: { name: 'snapcheck', version: TOOL_VERSION }, property: 'cut-consistency' });
    expect(b.verdict).toMatchObject({ status: 'violated', checkpoint: 1, channel: 0, record: 'src0.0@0' });
    expect(b.decisions).toEqual([1, 0, 0, 1]);
    const history = recordedHistory(b.history)!;
    expect(history).toHaveLength(b.history.length);
    expect(b.history.chain).toEqual(hashChain(history));
    expect(b.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('is deterministic: the same inputs write the same bytes', () => {
    expect(formatBundle(bundle())).toBe(formatBundle(bundle()));
  });
});

describe('storedSegments', () => {
  const long: History = Array.from({ length: HISTORY_EVENTS_STORED_MAX + 500 }, (_, i): HistoryEvent => ({ kind: 'triggered', tick: i, checkpoint: i + 1 }));

  it('keeps a long History’s head and a window around each witness event, in order', () => {
    const segments = storedSegments(long, [1200, 1210, 60]);
    expect(segments.map((s) => [s.start, s.start + s.events.length])).toEqual([
      [0, 100],
      [1180, 1231],
    ]);
    const recorded = { length: long.length, chain: [], segments, error: null };
    expect(recordedEvent(recorded, 1200)).toBe(long[1200]);
    expect(recordedEvent(recorded, 500)).toBeNull();
    expect(recordedHistory(recorded)).toBeNull();
  });

  it('stores a short History whole', () => {
    expect(storedSegments(long.slice(0, 10), [])).toEqual([{ start: 0, events: long.slice(0, 10) }]);
  });
});

describe('parseBundleText', () => {
  it('reads back exactly what was written', () => {
    const b = bundle();
    const parsed = parseBundleText(formatBundle(b));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatBundle(parsed.bundle)).toBe(formatBundle(b));
  });

  it.each([
    ['an empty file', '', /not valid JSON .*the file is empty/],
    ['a truncated file', formatBundle(bundle()).slice(0, 800), /not valid JSON \(truncated or corrupted\?\)/],
    ['a JSON array', '[1, 2]', /not a snapcheck bundle/],
    ['a bare scenario', JSON.stringify(NO_ALIGN_LOST), /this is a scenario, not a bundle: run it with `snapcheck check`/],
    ['the old pinned format', JSON.stringify({ description: 'd', expect: 'holds', scenario: NO_ALIGN_LOST }), /old \{description, expect, scenario\} format/],
  ])('rejects %s', (_name, text, problem) => {
    const parsed = parseBundleText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it('rejects a bundle from a newer snapcheck with an upgrade message, before any schema error', () => {
    const parsed = parseBundleText(edited('"formatVersion": 1,\n  "tool"', '"formatVersion": 7, "future": true,\n  "tool"'));
    expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(/written by a newer snapcheck \(bundle format 7, snapcheck .+\); this is snapcheck .+ upgrade snapcheck/) });
  });

  it('names the field of a schema error', () => {
    const parsed = parseBundleText(edited('"property": "cut-consistency"', '"property": "teleportation"'));
    expect(parsed.ok || parsed.problem).toMatch(/^property: /);
  });

  it('detects a hand edit through the checksum', () => {
    const parsed = parseBundleText(edited('"decisions": [1,0,0,1]\n  },', '"decisions": [1,0,0,2]\n  },'));
    expect(parsed.ok || parsed.problem).toMatch(/modified after it was written/);
  });

  it('detects stored events that do not match the chain, even with a recomputed checksum', () => {
    const b = bundle();
    const events = [...b.history.segments[0]!.events];
    events[3] = { ...events[3]!, tick: 99 } as HistoryEvent;
    const forged = withFields(b, { history: { ...b.history, segments: [{ start: 0, events }] } });
    expect(parseBundle(JSON.parse(formatBundle(forged)))).toEqual({ ok: false, problem: 'history: stored event #3 does not match its hash in history.chain' });
  });

  it('checks the scenario by its own rules', () => {
    const b = withFields(bundle(), { scenario: { ...NO_ALIGN_LOST, triggers: [5, 1] } });
    expect(parseBundle(JSON.parse(formatBundle(b)))).toEqual({ ok: false, problem: 'scenario.triggers.1: trigger ticks must be ascending' });
  });
});

describe('formatBundle', () => {
  it('puts each History event on one line and keeps number lists on one line', () => {
    const text = formatBundle(bundle());
    expect(text).toContain('\n          {"kind":"triggered","tick":0,"checkpoint":1},\n');
    expect(text).toContain('"decisions": [1,0,0,1]');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(bundle())));
  });
});
