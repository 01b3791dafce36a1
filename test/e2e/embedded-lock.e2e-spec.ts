import { spawn } from 'node:child_process';
import path from 'node:path';

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
