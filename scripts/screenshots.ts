// Takes the README's screenshots: starts the built registry on a fresh embedded database with the
// demo data, signs in as each demo role in Chromium and saves the page each role starts on.
// Usage: npm run screenshots   (writes docs/screenshots/*.png; CHROMIUM_PATH overrides the browser)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { APP_ENTRY } from './app-entry.js';

const OUT = path.resolve('docs/screenshots');
/** Wide enough for the desktop layout, small enough to keep each PNG to a few hundred KB. */
const VIEWPORT = { width: 1000, height: 760 };

interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** One screenshot per role: where the role lands after signing in. */
const SHOTS: { file: string; role: string | null; path: string }[] = [
  { file: 'register-search.png', role: null, path: '/register?q=hughes' },
  { file: 'practitioner-start.png', role: 'practitioner', path: '/account' },
  { file: 'employer-start.png', role: 'employer', path: '/employer' },
  { file: 'issuer-start.png', role: 'issuer', path: '/issuer/claims' },
  { file: 'registrar-start.png', role: 'registrar', path: '/registrar' },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The app did not become ready in 5 minutes');
}

async function signIn(page: Page, login: DemoLogin): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(login.email);
  await page.getByLabel('Password', { exact: true }).fill(login.password);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-screenshots-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.SEED_DEMO;
  const app = spawn(process.execPath, [APP_ENTRY], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    await waitForReady(url, app);
    const logins = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8'),
    ) as DemoLogin[];
    fs.mkdirSync(OUT, { recursive: true });
    for (const shot of SHOTS) {
      const context = await browser.newContext({ baseURL: url, viewport: VIEWPORT });
      const page = await context.newPage();
      if (shot.role) {
        const login = logins.find((l) => l.role === shot.role);
        if (!login) throw new Error(`No demo login for ${shot.role}`);
        await signIn(page, login);
      }
      await page.goto(shot.path);
      const file = path.join(OUT, shot.file);
      await page.screenshot({ path: file });
      process.stdout.write(`${file} (${Math.round(fs.statSync(file).size / 1024)} KB)\n`);
      await context.close();
    }
  } finally {
    await browser.close();
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
