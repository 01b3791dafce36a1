import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl } from '../support/instances.js';

const database = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind?: string };
const embeddedOnly = database.kind === 'embedded' ? it : it.skip;

describe('The embedded database', () => {
  embeddedOnly(
    'should refuse a second process opening the same data directory, with a clear message',
    async () => {
      const env = {
        ...(JSON.parse(process.env.TEST_APP_ENV ?? '{}') as Record<string, string>),
        PORT: '0',
      };
      const dist = process.env.TEST_DIST ?? 'dist';
      const child = spawn(process.execPath, [path.join(dist, 'src/main.js')], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/already open in process \d+/);
    },
  );
});

describe('The embedded database shared by other processes', () => {
  embeddedOnly(
    'should take connections beyond the app pool: a second instance and a tool beside the app',
    async () => {
      // The shared app holds up to its pool (10); two more processes open a dozen between them.
      // With room for only 2 beyond the pool the socket answered "Too many connections" and hung
      // up, which the clients saw as EPIPE (evidence-s3 and kek-startup on embedded CI runs).
      const clients = Array.from(
        { length: 12 },
        () => new pg.Client({ connectionString: databaseUrl() }),
      );
      try {
        await Promise.all(clients.map((c) => c.connect()));
        const answers = await Promise.all(clients.map((c) => c.query<{ one: number }>('SELECT 1 AS one'))); // prettier-ignore
        expect(answers.map((a) => a.rows[0].one)).toEqual(Array(12).fill(1));
      } finally {
        await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      }
    },
  );
});
