// Hot public reads run as named prepared statements on the PostgreSQL server: planned once per
// connection instead of once per request (the planning of a read-model query cost more than running
// it). Off on the embedded database, whose connections share one backend, where two connections
// preparing the same name would collide.
let enabled = false;

/** Called once at start, with whether the database is a PostgreSQL server of its own. */
export function usePreparedStatements(on: boolean): void {
  enabled = on;
}

/**
 * The statement to pass to `query()`: a `pg` query config with a name when prepared statements are
 * on (TypeORM hands it to `pg` unchanged, and still logs and counts it), else the plain text. The
 * name must be unique to the text.
 */
export function prepared(name: string, text: string): string {
  return (enabled ? { name, text } : text) as unknown as string;
}
