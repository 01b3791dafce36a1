import type { Logger } from '@nestjs/common';
import type { RegisterReadModel } from '../register/register-read-model.js';
import { type DueEntrySweeper, EntryRebuilds } from './bulk-entry-rebuilds.js';

function setUp() {
  const rebuilt: string[][] = [];
  let sweeps = 0;
  const register = {
    rebuild: (ids: readonly string[]) => {
      rebuilt.push([...ids]);
      return Promise.resolve();
    },
  } as unknown as RegisterReadModel;
  const sweeper = { request: () => (sweeps += 1) } as unknown as DueEntrySweeper;
  const logger = { warn: () => undefined } as unknown as Logger;
  return { rebuilds: new EntryRebuilds(register, sweeper, logger), rebuilt, sweeps: () => sweeps };
}

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `holder-${from + i}`);

describe(EntryRebuilds.name, () => {
  it('should rebuild a small upload’s holders itself, each once, before the summary', async () => {
    const { rebuilds, rebuilt, sweeps } = setUp();
    rebuilds.add(ids(0, 600));
    rebuilds.add(ids(300, 600));
    await rebuilds.finish();
    expect(rebuilt).toHaveLength(1);
    expect(new Set(rebuilt[0]).size).toBe(900);
    expect(rebuilt[0]).toHaveLength(900);
    expect(sweeps()).toBe(0);
  });

  it('should hand a large upload to the sweeper and keep no list of its holders', async () => {
    const { rebuilds, rebuilt, sweeps } = setUp();
    rebuilds.add(ids(0, 800));
    rebuilds.add(ids(800, 800));
    rebuilds.add(ids(1600, 800));
    expect((rebuilds as unknown as { holders: Set<string> }).holders.size).toBe(0);
    await rebuilds.finish();
    expect(rebuilt).toHaveLength(0);
    expect(sweeps()).toBe(1);
  });

  it('should do nothing for an upload that issued nothing', async () => {
    const { rebuilds, rebuilt, sweeps } = setUp();
    await rebuilds.finish();
    expect(rebuilt).toHaveLength(0);
    expect(sweeps()).toBe(0);
  });
});
