// `snapcheck run --matrix`: the guarantee matrix of the built-in strategies, every cell checked.
import { checkMatrix, MATRIX_PROPERTIES, type CellResult } from '../suite/matrix.ts';
import { BUILT_IN_STRATEGIES } from '../strategies/registry.ts';
import { EXIT_OK, EXIT_VIOLATION } from './errors.ts';
import { startProgress } from './progress.ts';

export const MATRIX_DEFAULT_RUNS = 600;

export function matrixCommand(seed: number, runs: number, showProgress: boolean, print: (line: string) => void): number {
  print(`snapcheck run --matrix: seed ${seed}; ${runs} scenarios per cell expected to hold, and as the budget to find a violation`);
  const progress = startProgress('matrix', BUILT_IN_STRATEGIES.length * MATRIX_PROPERTIES.length, showProgress);
  let done = 0;
  const cells = checkMatrix({ seed, runs, onCell: () => progress.update(++done) });
  progress.stop();
  printMatrix(cells, print);
  const mismatches = cells.filter((c) => !c.matches);
  for (const cell of mismatches) print(`MISMATCH: ${cell.strategy} / ${cell.property}: expected ${cell.expected}, observed ${cell.observed}`);
  print(mismatches.length === 0 ? 'Every cell is as expected.' : `${mismatches.length} cell(s) differ from the expected matrix.`);
  return mismatches.length === 0 ? EXIT_OK : EXIT_VIOLATION;
}

function cellText(cell: CellResult): string {
  const mark = cell.matches ? '✓' : '✗';
  if (cell.observed === 'not checked') return 'n/a';
  if (cell.observed === 'violated') return `${mark} violated (${cell.runsToFind} run${cell.runsToFind === 1 ? '' : 's'})`;
  return `${mark} holds`;
}

function printMatrix(cells: readonly CellResult[], print: (line: string) => void): void {
  const strategies = [...new Set(cells.map((c) => c.strategy))];
  const width = Math.max(...MATRIX_PROPERTIES.map((p) => p.length), 18);
  const nameWidth = Math.max(...strategies.map((s) => s.length), 8) + 2;
  print('');
  print(`${'strategy'.padEnd(nameWidth)}${MATRIX_PROPERTIES.map((p) => p.padEnd(width + 2)).join('')}`);
  for (const strategy of strategies) {
    const row = MATRIX_PROPERTIES.map((p) => cellText(cells.find((c) => c.strategy === strategy && c.property === p)!).padEnd(width + 2));
    print(`${strategy.padEnd(nameWidth)}${row.join('')}`);
  }
  print('');
  print('✓ holds: no violation in the scenarios run; ✓ violated (k runs): found as expected, after k scenarios; n/a: not promised.');
}
