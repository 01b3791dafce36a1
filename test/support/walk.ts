import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { baseUrl } from './app.js';
import { checkPage, newContext, watchConsole } from './web-browser.js';

/** WCAG 1.4.10 Reflow: content fits 320 CSS px without sideways scrolling (axe does not check it). */
const NARROW = 320;
/** Full-page screenshots of every step cost seconds each on a loaded machine: only on request. */
const SHOTS = { screenshot: process.env.WALK_SCREENSHOTS === '1' };

/**
 * One role's journey through the pages, with JavaScript on or off, 320 px wide. Every page it
 * lands on and every error state it shows is checked: axe at WCAG 2.2 AA (0 violations), no
 * sideways scrolling, and no script or CSP errors in the console. axe runs once per page path, status
 * and heading in a walk: the profile saved a fifth time is the page it checked after the first save.
 *
 * axe cannot run inside a page whose context has JavaScript off (Chromium closes the page when
 * the axe source is evaluated there), so with JavaScript off the page's DOM is copied into a
 * JavaScript-on "mirror" page with its scripts removed, on the same URL so the stylesheets load,
 * and axe runs there. The site's only script is the external /assets/web.js and no page uses
 * <noscript>, so the copy is the DOM a reader without JavaScript gets.
 */
export class Walk {
  private readonly problems: string[];
  private step = 0;
  /** Page paths, answer statuses and headings axe has checked in this walk. */
  private readonly axed = new Set<string>();

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly journey: string,
    readonly javaScript: boolean,
    private readonly mirror: { context: BrowserContext; page: Page } | undefined,
  ) {
    this.problems = watchConsole(page);
  }

  static async open(browser: Browser, journey: string, javaScript: boolean): Promise<Walk> {
    // The whole walk is at 320 px, so each page's reflow is measured as it is, without resizing.
    const context = await newContext(browser, { javaScript, width: NARROW });
    const page = await context.newPage();
    let mirror: { context: BrowserContext; page: Page } | undefined;
    if (!javaScript) {
      const mirrorContext = await newContext(browser, { width: NARROW });
      await mirrorContext.route('**/*.js', (route) => route.abort());
      mirror = { context: mirrorContext, page: await mirrorContext.newPage() };
    }
    return new Walk(page, context, `${journey}-${javaScript ? 'js' : 'no-js'}`, javaScript, mirror);
  }

  /** The text of the page's main element. */
  async main(): Promise<string> {
    return (await this.page.locator('main').textContent()) ?? '';
  }

  /** The links of the error summary, as the reader sees them. */
  async errors(): Promise<string[]> {
    const links = await this.page.locator('.nhsuk-error-summary a').allTextContents();
    return links.map((t) => t.trim());
  }

  /** Opens a path and checks it. */
  async goto(path: string, name: string, status = 200): Promise<Response | null> {
    const response = await this.page.goto(path);
    return this.landed(response, name, status);
  }

  /** Clicks a button that submits a form, and checks the page that answers. */
  async submit(button: string | RegExp, name: string, status = 200): Promise<Response | null> {
    const [response] = await Promise.all([
      this.page.waitForNavigation(),
      this.page
        .getByRole('button', { name: button, exact: typeof button === 'string' })
        .first()
        .click(),
    ]);
    return this.landed(response, name, status);
  }

  /** Follows a link, and checks the page it leads to. */
  async follow(link: string | RegExp, name: string, status = 200): Promise<Response | null> {
    const [response] = await Promise.all([
      this.page.waitForNavigation(),
      this.page
        .getByRole('link', { name: link, exact: typeof link === 'string' })
        .first()
        .click(),
    ]);
    return this.landed(response, name, status);
  }

  /** Signs in through the sign-in page, as a person would; checks the page it lands on. */
  async signIn(email: string, password: string, name: string): Promise<Response | null> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    return this.submit('Sign in', name);
  }

  /** Signs out with the header's button; the start page answers. */
  async signOut(name: string): Promise<Response | null> {
    return this.submit('Sign out', name);
  }

  /** Fills the Day, Month and Year of the date group with this legend. */
  async fillDate(legend: string, date: string): Promise<void> {
    const [year, month, day] = date.split('-').map(Number);
    const group = this.page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(String(day));
    await group.getByLabel('Month').fill(String(month));
    await group.getByLabel('Year').fill(String(year));
  }

  /** Checks the page as it is now (after a step that did not navigate, or a download link). */
  async check(name: string, response: Response | null = null): Promise<void> {
    this.step += 1;
    const started = Date.now();
    const label = `${String(this.step).padStart(2, '0')}-${name}`;
    const heading = (await this.page.locator('h1').allTextContents()).join(' ').trim();
    const state = `${new URL(this.page.url()).pathname} ${response?.status() ?? 'same'} ${heading}`;
    if (this.axed.has(state)) {
      // The same page in the same state (saved again, a second row added): axe found it clean.
    } else if (this.mirror) {
      const html = (await this.page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
      const url = this.page.url();
      await this.mirror.page.route(url, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
      await this.mirror.page.goto(url);
      await this.mirror.page.unroute(url);
      await checkPage(this.mirror.page, response, this.journey, label, SHOTS);
    } else {
      await checkPage(this.page, response, this.journey, label, SHOTS);
    }
    this.axed.add(state);
    const scrollWidth = Number(await this.page.evaluate('document.documentElement.scrollWidth'));
    expect({ page: label, scrollWidth }).toEqual({ page: label, scrollWidth: NARROW });
    // A form answered with 400 is logged by Chromium as a failed load; nothing else may be.
    expect(this.problems.filter((p) => !p.startsWith('Failed to load resource'))).toEqual([]);
    if (process.env.WALK_TIMING) process.stderr.write(`${label}: ${Date.now() - started} ms\n`);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.mirror?.context.close();
  }

  private async landed(
    response: Response | null,
    name: string,
    status: number,
  ): Promise<Response | null> {
    expect({ page: name, status: response?.status() }).toEqual({ page: name, status });
    await this.check(name, response);
    return response;
  }
}

/** The link's path and query on the test app (a mail names the app's own address). */
export const pathOf = (link: string): string => {
  const url = new URL(link, baseUrl());
  return `${url.pathname}${url.search}`;
};

/** Runs a journey once with JavaScript on and once with it off, as two tests. */
export function bothWays(
  title: string,
  browser: () => Browser,
  journey: string,
  walk: (w: Walk) => Promise<void>,
  timeout: number,
): void {
  for (const javaScript of [true, false]) {
    it(
      `${title}, with JavaScript ${javaScript ? 'on' : 'off'}`,
      async () => {
        const w = await Walk.open(browser(), journey, javaScript);
        try {
          await walk(w);
        } finally {
          await w.close();
        }
      },
      timeout,
    );
  }
}
