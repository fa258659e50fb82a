import { describe, expect, it } from 'vitest';
import { expandTopology } from '../../dataflow/physical.ts';
import { renderDiagramPage } from './html.ts';
import { layoutDiagram } from './layout.ts';
import { pageOf, testCases } from './test-pages.ts';

const [lost, orphan, crash, overtaken] = testCases();

describe('layoutDiagram', () => {
  it('has a coordinator lane and one lane per task, and keeps each lane’s steps in History order', () => {
    const layout = layoutDiagram(lost!.history, expandTopology(lost!.scenario.topology));
    expect(layout.lanes.map((l) => l.label)).toEqual(['coordinator', 'src0.0', 'src0.1', 'sink.0']);
    const byLane = new Map<number, number[]>();
    for (const g of layout.glyphs) byLane.set(g.y, [...(byLane.get(g.y) ?? []), g.x]);
    for (const xs of byLane.values()) expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(layout.glyphs.map((g) => g.x)).size).toBeLessThan(layout.glyphs.length); // independent lanes share columns
  });

  it('draws every delivered message as an arrow pointing forward in time, and the ticks in order', () => {
    const layout = layoutDiagram(orphan!.history, expandTopology(orphan!.scenario.topology));
    const delivered = layout.arrows.filter((a) => !a.dropped);
    expect(delivered.map((a) => a.kind)).toEqual(expect.arrayContaining(['record', 'barrier']));
    for (const a of delivered) expect(a.x2).toBeGreaterThan(a.x1);
    const ticks = layout.ticks.map((t) => t.tick);
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
  });

  it('draws the checkpoint’s cut through every task’s snapshot, and paused inputs as intervals', () => {
    const layout = layoutDiagram(lost!.history, expandTopology(lost!.scenario.topology));
    const cut = layout.cuts.find((c) => c.checkpoint === 1)!;
    expect(cut.points.map((p) => lost!.history[p.step]!.kind)).toEqual(['snapshotTaken', 'snapshotTaken', 'snapshotTaken']);
    expect(layout.intervals.length).toBeGreaterThan(0);
  });

  it('draws a crash and a restore across all lanes, and ends in-flight messages at the crash', () => {
    const layout = layoutDiagram(crash!.history, expandTopology(crash!.scenario.topology));
    expect(layout.verticals.map((v) => v.kind)).toEqual(['crash', 'restore', 'liveness']);
    const crashX = layout.verticals[0]!.x;
    const dropped = layout.arrows.filter((a) => a.dropped && a.x2 === crashX);
    expect(dropped.length).toBeGreaterThan(0);
  });
});

describe('priority barriers', () => {
  it('are drawn apart from aligned ones, overtaking the record they passed', () => {
    const layout = layoutDiagram(overtaken!.history, expandTopology(overtaken!.scenario.topology));
    const barrier = layout.arrows.find((a) => a.kind === 'priority-barrier')!;
    const record = layout.arrows.find((a) => a.kind === 'record')!;
    expect(barrier.x1).toBeGreaterThan(record.x1); // sent later ...
    expect(barrier.x2).toBeLessThan(record.x2); // ... arrived first
  });
});

describe('renderDiagramPage', () => {
  it('is one self-contained page: inline style and script, no external resource', () => {
    const html = renderDiagramPage(pageOf(lost!));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link|<script[^>]*\bsrc=|<img|url\(http|@import/);
    expect(html.match(/https?:\/\/[^"\s]+/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
  });

  it('marks every witness event, bolds the violated checkpoint’s cut and flags the strategy’s step', () => {
    const html = renderDiagramPage(pageOf(lost!));
    for (const label of ['W1', 'W2', 'W3', 'W4']) expect(html).toContain(`data-witness="${label}"`);
    expect(html).toContain('class="cut cut-focus" data-checkpoint="1"');
    expect(html).toMatch(/class="ev k-snapshotTaken witness blame" data-step="9"/);
    expect(html).toContain('<tr data-step="9" class="witness blame">');
  });

  it('escapes what it embeds', () => {
    const page = { ...pageOf(lost!), title: '<script>alert(1)</script>' };
    expect(renderDiagramPage(page)).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });

  it('draws a run without a violation, with nothing marked', () => {
    const html = renderDiagramPage({ ...pageOf(lost!), violation: null });
    expect(html).not.toContain('data-witness=');
    expect(html).toContain('No violation to show');
  });
});
