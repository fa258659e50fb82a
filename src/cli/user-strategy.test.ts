// User strategies through `--strategy PATH`: the worked example passes the suites; broken modules
// get one clear line naming the module and the problem, and exit code 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-cli.ts';


function moduleFile(name: string, source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'snapcheck-user-')), name);
  writeFileSync(path, source);
  return path;
}

const GOOD_SHAPE = `name: 'mine', guarantee: 'exactly-once', supportsCycles: false`;

describe('a user strategy module', () => {
  it('the worked example (examples/tracking-aligned.ts) holds every exactly-once property', async () => {
    const { code, out } = await cli('run', '--strategy', './examples/tracking-aligned.ts', '--runs', '400', '--seed', '2', '--no-progress');
    expect(out).toContain('tracking-aligned (declares exactly-once)');
    expect(out).not.toContain('VIOLATED');
    expect(code).toBe(0);
  });

  it.each([
    ['missing.ts', null, /strategy module .*missing\.ts does not exist/],
    ['no-export.mjs', 'export const answer = 42;', /no-export\.mjs must export a CheckpointStrategy: none of its exports \(answer\) is one/],
    ['two.mjs', `const s = { ${GOOD_SHAPE}, createTask: () => ({ handle: () => [] }) }; export const a = s; export const b = s;`, /two\.mjs must export a CheckpointStrategy: it exports several \(a, b\)/],
    ['throws.mjs', `throw new Error('no database here');`, /throws\.mjs threw while loading: Error: no database here/],
    ['bad-guarantee.mjs', `export default { name: 'x', guarantee: 'most-once', supportsCycles: false, createTask() {} };`, /bad-guarantee\.mjs: export "default" is not a valid CheckpointStrategy: `guarantee` must be one of/],
    ['no-factory.mjs', `export default { ${GOOD_SHAPE} };`, /no-factory\.mjs: export "default" is not a valid CheckpointStrategy: `createTask` must be a function/],
  ])('%s is rejected with exit code 2', async (name, source, message) => {
    const path = source === null ? join(tmpdir(), `snapcheck-absent-${name}`) : moduleFile(name, source);
    const { code, err } = await cli('run', '--strategy', path, '--runs', '5', '--no-progress');
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it('that returns an unknown effect is rejected with exit code 2, naming the module and the effect', async () => {
    const source = `export default { ${GOOD_SHAPE}, createTask: (ctx) => ({ handle: (e) => ctx.isSource && e.kind === 'checkpointTriggered' ? [{ kind: 'teleport' }] : (e.kind === 'barrierReceived' ? [{ kind: 'unblock', channel: e.channel }] : []) }) };`;
    const path = moduleFile('teleporter.mjs', source);
    const { code, err } = await cli('run', '--strategy', path, '--runs', '200', '--seed', '1', '--no-progress');
    expect(code).toBe(2);
    expect(err).toMatch(/^snapcheck: strategy module .*teleporter\.mjs: strategy "mine" \(task .*\) returned an unknown effect \{"kind":"teleport"\}$/);
  });
});
