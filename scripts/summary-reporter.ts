/**
 * Prints one closing line that any CI can read: "tests: N passed, N failed, N skipped".
 * Skipped tests are listed with their reason (e.g. "skipped: no Electron binary"), so a skip is never silent.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const r = testCase.result();
    if (r.state === 'passed') this.passed++;
    else if (r.state === 'failed') this.failed++;
    else if (r.state === 'skipped') this.skipped.push(r.note ? `${r.note} — ${testCase.fullName}` : testCase.fullName);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    for (const s of this.skipped) process.stdout.write(`skipped: ${s}\n`);
    const failed = this.failed + (errors.length ? 1 : 0);
    process.stdout.write(`\ntests: ${this.passed} passed, ${failed} failed, ${this.skipped.length} skipped\n`);
  }
}
