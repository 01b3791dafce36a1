import { replicaUrls, validateEnvironment } from './env.validation.js';

describe('DATABASE_REPLICA_URLS', () => {
  it('should split a comma-separated list and drop blanks', () => {
    expect(replicaUrls(' postgres://a:5433/x , ,postgresql://b/x')).toEqual([
      'postgres://a:5433/x',
      'postgresql://b/x',
    ]);
    expect(replicaUrls(undefined)).toEqual([]);
  });

  it('should accept postgres URLs and stop the boot on anything else, without the password', () => {
    expect(() =>
      validateEnvironment({ DATABASE_REPLICA_URLS: 'postgres://u:p@r1:5433/db,postgres://r2/db' }),
    ).not.toThrow();
    expect(() =>
      validateEnvironment({ DATABASE_REPLICA_URLS: 'postgres://r1/db,mysql://u:secret@r2/db' }),
    ).toThrow(/DATABASE_REPLICA_URLS: each entry must be a postgres:\/\/ URL/);
    expect(() =>
      validateEnvironment({ DATABASE_REPLICA_URLS: 'mysql://u:secret@r2/db' }),
    ).not.toThrow(/secret/);
    expect(() => validateEnvironment({ DATABASE_REPLICA_URLS: 'replica-host' })).toThrow(
      /DATABASE_REPLICA_URLS/,
    );
  });
});
