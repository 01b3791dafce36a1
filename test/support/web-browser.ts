import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from 'playwright-core';
import { baseUrl, closeDb } from './app.js';

/** Debian's Chromium, never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const OUTPUT = path.resolve('test-output');
const SCREENSHOTS = path.join(OUTPUT, 'screenshots');

export interface PageRecord {
  journey: string;
  name: string;
  url: string;
  status: number;
  /** From the page's Server-Timing header: time in the server, and in the template. */
  serverMs: number | null;
  templateMs: number | null;
  axeViolations: number;
  axePasses: number;
}

const records: PageRecord[] = [];

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });

/**
 * Opens Chromium for one spec file and closes it when the file ends, writing the page records.
 * Call it inside `describe`; the getters are valid from the first test on.
 */
export function useBrowser(timeout: number): {
  browser: () => Browser;
  context: () => BrowserContext;
} {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    writeRecords();
    await closeDb();
  });
  return { browser: () => browser as Browser, context: () => context as BrowserContext };
}

export async function newContext(
  browser: Browser,
  options: { javaScript?: boolean; width?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    javaScriptEnabled: options.javaScript ?? true,
    ...(options.width ? { viewport: { width: options.width, height: 800 } } : {}),
  });
}

/** Collects CSP violations and script errors, which must stay at zero on every page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

function timing(response: Response | null, metric: string): number | null {
  const header = response?.headers()['server-timing'] ?? '';
  const match = new RegExp(`${metric};dur=([\\d.]+)`).exec(header);
  return match ? Number(match[1]) : null;
}

/**
 * Runs axe at WCAG 2.2 AA on the page as it is now, keeps a screenshot and the page's server
 * time, and fails on any violation (listing them, so the failure says what to fix).
 */
export async function checkPage(
  page: Page,
  response: Response | null,
  journey: string,
  name: string,
  options: { screenshot?: boolean } = {},
): Promise<PageRecord> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  if (options.screenshot ?? true) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${journey}--${name}.png`),
      fullPage: true,
    });
  }
  const record: PageRecord = {
    journey,
    name,
    url: new URL(page.url()).pathname,
    status: response?.status() ?? 0,
    serverMs: timing(response, 'total'),
    templateMs: timing(response, 'tpl'),
    axeViolations: results.violations.length,
    axePasses: results.passes.length,
  };
  records.push(record);
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? ''}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
  return record;
}

/** Appends this file's page records to test-output/web-pages.jsonl for the report. */
export function writeRecords(): void {
  if (!records.length) return;
  fs.mkdirSync(OUTPUT, { recursive: true });
  fs.appendFileSync(
    path.join(OUTPUT, 'web-pages.jsonl'),
    records.map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
  records.length = 0;
}

/** Submits the form that holds `selector` by clicking its button, waiting for the next page. */
export async function submit(page: Page, buttonText: string): Promise<Response | null> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: buttonText, exact: true }).click(),
  ]);
  return response;
}

/** A screenshot only: with JavaScript off axe cannot run in the page (the JS-on runs cover it). */
export async function screenshot(page: Page, journey: string, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${journey}--${name}.png`),
    fullPage: true,
  });
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
): Promise<Response | null> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  return submit(page, 'Sign in');
}
