import { newEmployer, newPractitioner } from '../support/factories.js';
import { checkPage, signIn, useBrowser, watchConsole } from '../support/web-browser.js';

const JOURNEY = 'employer-bulk-checks';
const TIMEOUT = 90_000;

describe('Employer bulk checks page in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should upload a CSV of claims and download the report as CSV',
    async () => {
      const [employer, p] = await Promise.all([newEmployer(), newPractitioner()]);
      const page = await session.context().newPage();
      const problems = watchConsole(page);
      await signIn(page, employer.email, 'employer-password-1');
      const response = await page.goto('/employer/bulk-checks');
      await checkPage(page, response, JOURNEY, '01-upload');

      await page.getByLabel('Upload a file').setInputFiles({
        name: 'claims.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `registerNumber,kind,title,awardingBody\n${p.registerNumber},degree,MSc Invented,Nowhere University\n`,
        ),
      });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Upload and check' }).click(),
      ]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const report = readFileSync(path, 'utf8').trim().split('\r\n');
      expect(report[0]).toBe(
        'row,registerNumber,outcome,reference,receiptUrl,differences,code,errors',
      );
      expect(report[1]).toMatch(new RegExp(`^1,${p.registerNumber},no-record,`));
      expect(report.at(-1)).toMatch(/^summary,/);
      expect(problems).toEqual([]);

      // A form sent without a file comes back with a 400 and the error summary.

      await page.goto('/employer/bulk-checks');
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await checkPage(page, null, JOURNEY, '02-no-file');
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain(
        'Choose a CSV or JSON file',
      );
    },
    TIMEOUT,
  );
});
