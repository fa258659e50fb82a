// Results as JUnit XML, the dialect CI tools read (GitHub test reporters, GitLab, Jenkins): one
// <testsuite> per suite, one <testcase> per case, <failure> with the one-line message as its
// attribute and the whole explanation as its body, <error> for a case that could not be checked,
// <skipped> for one that does not apply. Times are in seconds.
import type { ResultCase, Results, ResultSuite } from './results.ts';

export function formatJunit(results: Results): string {
  const suites = results.suites;
  const total = (pick: (s: ResultSuite) => number) => suites.reduce((n, s) => n + pick(s), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="snapcheck ${escape(results.command)}" tests="${total((s) => s.cases.length)}" failures="${total((s) => count(s, 'failed'))}" errors="${total((s) => count(s, 'error'))}" skipped="${total((s) => count(s, 'skipped'))}"${time(results.elapsedMs)}>`,
  ];
  for (const suite of suites) lines.push(...suiteXml(suite));
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function suiteXml(suite: ResultSuite): string[] {
  const head = `  <testsuite name="${escape(suite.name)}" tests="${suite.cases.length}" failures="${count(suite, 'failed')}" errors="${count(suite, 'error')}" skipped="${count(suite, 'skipped')}"${time(suite.elapsedMs)}>`;
  return [head, ...suite.cases.flatMap((c) => caseXml(suite, c)), '  </testsuite>'];
}

function caseXml(suite: ResultSuite, c: ResultCase): string[] {
  const open = `    <testcase classname="${escape(`${suite.kind}.${suite.name}`)}" name="${escape(c.name)}"${time(c.elapsedMs)}`;
  const body = [...(c.bundle === undefined ? [] : [`bundle: ${c.bundle}`]), ...(c.reproduce ?? []).map((r) => `reproduce: ${r}`)];
  const text = [c.text ?? c.message ?? '', ...body].filter((t) => t !== '').join('\n');
  switch (c.status) {
    case 'passed':
      return [`${open}/>`];
    case 'skipped':
      return [`${open}>`, `      <skipped message="${escape(c.message ?? '')}"/>`, '    </testcase>'];
    case 'failed':
    case 'error': {
      const tag = c.status === 'failed' ? 'failure' : 'error';
      return [`${open}>`, `      <${tag} message="${escape(c.message ?? c.status)}" type="${escape(c.name)}">${escape(text)}</${tag}>`, '    </testcase>'];
    }
  }
}

function count(suite: ResultSuite, status: ResultCase['status']): number {
  return suite.cases.filter((c) => c.status === status).length;
}

function time(ms: number | undefined): string {
  return ms === undefined ? '' : ` time="${(ms / 1000).toFixed(3)}"`;
}

/** XML text and attribute escaping; characters XML 1.0 cannot hold at all are dropped. */
export function escape(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
