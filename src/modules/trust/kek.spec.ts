import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveKek } from './kek.js';
import { TrustKeyError } from './trust-errors.js';

describe(resolveKek.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kek-'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('should use the configured key', () => {
    const key = randomBytes(32);
    expect(resolveKek(key.toString('base64'), dir, true).equals(key)).toBe(true);
  });

  it('should generate a key file readable only by its owner, and reuse it', () => {
    const first = resolveKek(undefined, dir, false);
    const file = path.join(dir, 'secrets', 'kek');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveKek(undefined, dir, false).equals(first)).toBe(true);
  });

  it('should refuse to run without a configured key in production', () => {
    expect(() => resolveKek(undefined, dir, true)).toThrow(TrustKeyError);
    expect(fs.existsSync(path.join(dir, 'secrets', 'kek'))).toBe(false);
  });

  it('should refuse a key that is not 32 bytes', () => {
    expect(() => resolveKek(randomBytes(16).toString('base64'), dir, false)).toThrow(TrustKeyError);
  });
});
