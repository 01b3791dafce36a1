import { pino } from 'pino';
import { LazyRequestLogger, lazyRequestLoggers } from './request-logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level, base: null },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  let children = 0;
  const child = logger.child.bind(logger);
  logger.child = ((...args: Parameters<typeof child>) => {
    children++;
    return child(...args);
  }) as typeof logger.child;
  return { logger, lines, children: () => children };
}

describe(LazyRequestLogger.name, () => {
  it('should make no child for a line below the level, and log nothing', () => {
    const { logger, lines, children } = capture('warn');
    const log = new LazyRequestLogger(logger, { reqId: 'r1' });
    log.info({ a: 1 }, 'incoming request');
    log.debug('detail');
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
  });

  it('should log a line at the level once, with the request id, from one child', () => {
    const { logger, lines, children } = capture('warn');
    const log = new LazyRequestLogger(logger, { reqId: 'r2' });
    log.warn({ a: 1 }, 'first');
    log.error('second');
    expect(children()).toBe(1);
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([
      ['r2', 'first'],
      ['r2', 'second'],
    ]);
    expect(lines[0]?.a).toBe(1);
  });

  it('should make a real child at once for a route with its own level', () => {
    const { logger } = capture('warn');
    const made = lazyRequestLoggers.call(
      undefined as never,
      logger,
      { reqId: 'r3' },
      { level: 'debug' },
      undefined as never,
    );
    expect(made).not.toBeInstanceOf(LazyRequestLogger);
    expect(made.level).toBe('debug');
  });
});
