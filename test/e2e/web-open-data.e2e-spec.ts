import { api, asRegistrar, bearer } from '../support/app.js';
import { checkPage, useBrowser, watchConsole } from '../support/web-browser.js';

const JOURNEY = 'open-data';
const TIMEOUT = 90_000;

describe('Open data page in the browser', () => {
  const session = useBrowser(TIMEOUT);

  it(
    'should state the licence and list the latest snapshot files with their hashes',
    async () => {
      const made = await api()
        .post('/api/v1/open-data/snapshots')
        .set(bearer(await asRegistrar()))
        .expect(201);
      const page = await session.context().newPage();
      const problems = watchConsole(page);
      const response = await page.goto('/open-data');
      await checkPage(page, response, JOURNEY, '01-open-data');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Open register data',
      );
      const licence = page.getByRole('link', { name: 'Open Government Licence v3.0' });
      await expect(licence.getAttribute('href')).resolves.toBe(
        'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      );
      const text = await page.locator('main').textContent();
      for (const f of made.body.manifest.files as { name: string; sha256: string }[]) {
        expect(text).toContain(f.name);
        expect(text).toContain(f.sha256);
      }
      await expect(page.getByRole('link', { name: 'Open data' }).count()).resolves.toBe(1);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
