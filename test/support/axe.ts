import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core run in the page as it is: what it finds that a person using assistive technology would meet. */

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations on the page now (the page's CSP is not loosened for it). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated by the test's driver, not by a <script> the page's CSP would refuse.
  await page.evaluate(axe.source);
  const findings = await page.evaluate(async () => {
    const inPage = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    }
    // With no context, axe checks the whole document.
    const result = await inPage.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
