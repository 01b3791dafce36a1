// Fills a migrated database with N practitioners and about 2N credentials, every table the public
// register reads included, with COPY on four connections. Deterministic for a given seed and N.
// Rows are written straight to the tables (no audit entries: this is history the register "already
// had"); the register search entries come from the database's own trigger, and read models that
// other code keeps are filled afterwards by the post-load hook (post-load.ts).
import { HCPC_PROFESSION_PREFIXES } from '../../src/modules/practitioners/professional-registration.js';
import { formatRegisterNumber } from '../../src/modules/practitioners/register-number.js';
import { IndexPermutation } from '../../src/modules/trust/index-permutation.js';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import {
  type Award,
  CERTIFICATES,
  CONDITIONS,
  CREDENTIAL_COUNTS,
  CREDENTIAL_STATUSES,
  DEGREES,
  ISSUERS,
  LATER_KINDS,
  ORGANISATION_KINDS,
  ORGANISATION_PLACES,
  OTHER_REGISTRATIONS,
  PROVENANCES,
  REGISTER_STATUSES,
  REGISTRATIONS,
  ROLES,
  STANDALONE_CLAIMS,
  STATUS_REASONS,
  UNRECOGNISED_BODIES,
  type Weighted,
} from './catalogue.js';
import { type CopyBatch, CopyBuffer, pgArray } from './copy.js';
import { dropPlainIndexes, rebuildIndexes } from './deferred-indexes.js';
import { namePools, seededRandom } from './names.js';
import { runPostLoadHooks } from './post-load.js';

const BATCH = 20_000;
const MASTERS = DEGREES.filter((d) => (d.level ?? 0) >= 7);
const PAD = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY = 86_400_000;
const REGISTER_SPAN = 9_000_000;
// Coprime with 9,000,000, so body = 1,000,000 + (i * STEP mod 9,000,000) never repeats.
const REGISTER_STEP = 7_919_993;
const CLINICAL_BODY: Record<string, 'GMC' | 'NMC' | 'HCPC'> = {
  CCIO: 'GMC',
  CMIO: 'GMC',
  CNIO: 'NMC',
  CAHPIO: 'HCPC',
};

export interface GenerateOptions {
  url: string;
  count: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateSummary {
  practitioners: number;
  credentials: number;
  seconds: number;
  rows: Record<string, number>;
  /** CPU seconds spent by this process and by its PostgreSQL backends (when on this machine):
   *  on a shared machine they say more about the cost than the wall time does. */
  cpuSeconds: { generator: number; postgres: number | null };
}

interface IssuerRow {
  id: string;
  name: string;
  kind: string;
}

interface OpenList {
  id: string;
  suspensionId: string;
  ownerId: string | null;
  allocated: number;
  permutationKey: string;
  permutation: IndexPermutation;
}

export async function generatePractitioners(options: GenerateOptions): Promise<GenerateSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const random = seededRandom(options.seed ?? 42);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const totals = new Map<Weighted<unknown>, number>();
  const weighted = <T>(list: Weighted<T>): T => {
    let total = totals.get(list);
    if (total === undefined) {
      total = list.reduce((sum, [, w]) => sum + w, 0);
      totals.set(list, total);
    }
    let r = random() * total;
    for (const [value, w] of list) {
      r -= w;
      if (r < 0) return value;
    }
    return list[list.length - 1][0];
  };
  const names = namePools(random);
  const started = Date.now();
  const now = started;
  // Time-ordered ids (UUIDv7 layout): deterministic per run, and index inserts stay sequential.
  const idCounters = new Map<number, number>();
  const uuid = (kind: number): string => {
    const n = (idCounters.get(kind) ?? 0) + 1;
    idCounters.set(kind, n);
    const ts = now.toString(16).padStart(12, '0');
    const c = n.toString(16).padStart(15, '0');
    return `${ts.slice(0, 8)}-${ts.slice(8)}-7${kind.toString(16).padStart(3, '0')}-8${c.slice(0, 3)}-${c.slice(3)}`;
  };
  // Date formatting is the generator's hottest path: days are cached, times assembled from tables.
  const days = new Map<number, string>();
  const day = (ms: number) => {
    const d = Math.floor(ms / DAY);
    let text = days.get(d);
    if (text === undefined) {
      text = new Date(d * DAY).toISOString().slice(0, 10);
      days.set(d, text);
    }
    return text;
  };
  const iso = (ms: number) => {
    const t = ms - Math.floor(ms / DAY) * DAY;
    const seconds = Math.floor(t / 1000);
    return `${day(ms)} ${PAD[Math.floor(seconds / 3600)]}:${PAD[Math.floor(seconds / 60) % 60]}:${PAD[seconds % 60]}.${PAD3[t % 1000]}+00`;
  };
  const between = (from: number, to: number) =>
    from + Math.floor(random() * Math.max(0, to - from));
  const hex = (bytes: number) =>
    Array.from({ length: bytes }, () =>
      Math.floor(random() * 256)
        .toString(16)
        .padStart(2, '0'),
    ).join('');

  const clients = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const c = new pg.Client({ connectionString: options.url });
      await c.connect();
      await c.query(`SET synchronous_commit = off`);
      return c;
    }),
  );
  const [main] = clients;
  const backends = await Promise.all(
    clients.map(async (c) => (await c.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid), // prettier-ignore
  );
  const cpuBefore = process.cpuUsage();
  try {
    const issuers = await ensureIssuers(main);
    const byKind = (kinds: string[]) => issuers.filter((i) => kinds.includes(i.kind));
    const degreeIssuers = byKind(['university']);
    const certificateIssuers = byKind(['academy', 'professional-body', 'university']);
    const bodyIssuers = byKind(['professional-body']);
    const statusListSize = Number(process.env.STATUS_LIST_SIZE ?? 131_072);
    const lists = new Map<string, OpenList>();
    const closedLists: OpenList[] = [];
    const allocate = (ownerId: string | null): { listId: string; index: number } => {
      const key = ownerId ?? 'registry';
      let list = lists.get(key);
      if (!list || list.allocated >= statusListSize) {
        if (list) closedLists.push(list);
        const permutationKey = hex(32);
        list = {
          id: uuid(0x51),
          suspensionId: uuid(0x51),
          ownerId,
          allocated: 0,
          permutationKey,
          permutation: new IndexPermutation(Buffer.from(permutationKey, 'hex'), statusListSize),
        };
        lists.set(key, list);
      }
      const index = list.permutation.permute(list.allocated);
      list.allocated += 1;
      return { listId: list.id, index };
    };
    const registrationCounters = { GMC: 0, NMC: 0, HCPC: 0, GPhC: 0 };
    const registrationNumber = (body: 'GMC' | 'NMC' | 'HCPC' | 'GPhC'): string => {
      const n = (registrationCounters[body] += 1);
      // Spread over each format's space with a fixed odd stride, so numbers look unordered.
      switch (body) {
        case 'GMC':
          return String(1_000_000 + ((n * 5_237_771) % 9_000_000));
        case 'GPhC':
          return `2${String((n * 777_781) % 1_000_000).padStart(6, '0')}`;
        case 'NMC': {
          const v = (n * 2_654_435_761) % 676_000_000;
          const letter = (i: number) => String.fromCharCode(65 + (i % 26));
          return `${String(Math.floor(v / 6_760_000) % 100).padStart(2, '0')}${letter(Math.floor(v / 260_000))}${String(Math.floor(v / 26) % 10_000).padStart(4, '0')}${letter(v)}`;
        }
        case 'HCPC': {
          const prefix = HCPC_PROFESSION_PREFIXES[n % HCPC_PROFESSION_PREFIXES.length];
          return `${prefix}${String((Math.floor(n / HCPC_PROFESSION_PREFIXES.length) * 7_919) % 1_000_000).padStart(6, '0')}`;
        }
      }
    };

    const [{ n: existingText }] = (
      await main.query<{ n: string }>(`SELECT count(*) AS n FROM practitioners`)
    ).rows;
    const existing = Number(existingText);
    if (existing + options.count > REGISTER_SPAN) throw new Error('Out of register numbers.');
    const loaded = [
      'practitioners', 'practitioner_status_changes', 'role_appointments',
      'professional_registrations', 'credentials', 'credential_status_changes', 'claims',
      'register_search_entries', 'register_name_postings', 'register_name_words',
    ]; // prettier-ignore
    const deferred = existing === 0 ? await dropPlainIndexes(main, loaded) : [];

    const practitioners = new CopyBuffer('practitioners', [
      'id', 'register_number', 'given_name', 'family_name', 'former_names', 'date_of_birth', 'email',
      'register_status', 'status_reason', 'conditions', 'visibility', 'created_at', 'updated_at',
    ]); // prettier-ignore
    const history = new CopyBuffer('practitioner_status_changes', [
      'id', 'practitioner_id', 'from_status', 'to_status', 'reason', 'conditions', 'changed_at',
    ]); // prettier-ignore
    const appointments = new CopyBuffer('role_appointments', [
      'id', 'practitioner_id', 'role_code', 'organisation', 'start_date', 'end_date',
    ]); // prettier-ignore
    const registrations = new CopyBuffer('professional_registrations', [
      'id', 'practitioner_id', 'body', 'number', 'current',
    ]); // prettier-ignore
    const credentials = new CopyBuffer('credentials', [
      'id', 'practitioner_id', 'issuer_id', 'awarding_body', 'issuer_reference', 'kind', 'title',
      'subject', 'level', 'result', 'cpd_hours', 'awarded_on', 'valid_until', 'status', 'provenance',
      'claim_id', 'status_list_id', 'status_list_index', 'created_at', 'updated_at', 'version',
    ]); // prettier-ignore
    const credentialChanges = new CopyBuffer('credential_status_changes', [
      'id', 'credential_id', 'from_status', 'to_status', 'action', 'reason', 'valid_until',
      'actor_type', 'changed_at',
    ]); // prettier-ignore
    const claims = new CopyBuffer('claims', [
      'id', 'practitioner_id', 'issuer_id', 'awarding_body', 'awarding_body_recognised', 'kind',
      'title', 'subject', 'level', 'result', 'awarded_on', 'status', 'decision_reason', 'decided_at',
      'credential_id', 'created_at', 'updated_at', 'version',
    ]); // prettier-ignore
    const written: Record<string, number> = {};
    const count = (table: string, n: number) => (written[table] = (written[table] ?? 0) + n);

    const addPractitioner = (i: number) => {
      const id = uuid(0x01);
      const body = 1_000_000 + ((i * REGISTER_STEP) % REGISTER_SPAN);
      const given = chance(0.03)
        ? `${names.given.pick(random)} ${names.given.pick(random)}`
        : names.given.pick(random);
      const family = chance(0.04)
        ? `${names.family.pick(random)}-${names.family.pick(random)}`
        : names.family.pick(random);
      const former = chance(0.05) ? [`${given} ${names.family.pick(random)}`] : [];
      const createdAt = between(now - 10 * 365 * DAY, now - 30 * DAY);
      const status = weighted(REGISTER_STATUSES);
      const conditions = status === 'registered-with-conditions' ? pick(CONDITIONS) : null;
      let updatedAt = createdAt;
      history.push(
        uuid(0x02),
        id,
        null,
        'registered',
        'Entered on the register',
        null,
        iso(createdAt),
      );
      if (status !== 'registered') {
        updatedAt = between(createdAt + DAY, now - DAY);
        history.push(
          uuid(0x02),
          id,
          'registered',
          status,
          STATUS_REASONS[status],
          conditions,
          iso(updatedAt),
        );
      } else if (chance(0.01)) {
        // A past suspension that ended: the point-in-time entry has something to show.
        const from = between(createdAt + DAY, now - 60 * DAY);
        const to = between(from + DAY, now - DAY);
        history.push(uuid(0x02), id, 'registered', 'suspended', STATUS_REASONS.suspended, null, iso(from)); // prettier-ignore
        history.push(uuid(0x02), id, 'suspended', 'registered', 'Investigation closed', null, iso(to)); // prettier-ignore
        updatedAt = to;
      }
      const visibility = {
        listed: !chance(0.03),
        formerNames: former.length > 0 && !chance(0.15),
        appointments: !chance(0.1),
        professionalRegistrations: !chance(0.1),
      };
      practitioners.push(
        id,
        formatRegisterNumber(String(body)),
        given,
        family,
        pgArray(former),
        day(between(now - 70 * 365 * DAY, now - 25 * 365 * DAY)),
        `p${i}@generated.test`,
        status,
        status === 'registered' ? null : STATUS_REASONS[status],
        conditions,
        JSON.stringify(visibility),
        iso(createdAt),
        iso(updatedAt),
      );

      const roles: string[] = [];
      if (chance(0.38)) {
        const role = weighted(ROLES);
        roles.push(role);
        appointments.push(
          uuid(0x03),
          id,
          role,
          `${pick(ORGANISATION_PLACES)} ${pick(ORGANISATION_KINDS)}`,
          day(between(createdAt - 365 * DAY, now - 7 * DAY)),
          null,
        );
        if (chance(0.2)) {
          const past = weighted(ROLES);
          roles.push(past);
          const start = between(createdAt - 6 * 365 * DAY, createdAt - 400 * DAY);
          appointments.push(
            uuid(0x03),
            id,
            past,
            `${pick(ORGANISATION_PLACES)} ${pick(ORGANISATION_KINDS)}`,
            day(start),
            day(between(start + 200 * DAY, createdAt)),
          );
        }
      }
      const bodies = new Set<'GMC' | 'NMC' | 'HCPC' | 'GPhC'>();
      for (const role of roles) {
        const clinical = CLINICAL_BODY[role];
        if (clinical && chance(0.92)) bodies.add(clinical);
      }
      if (bodies.size === 0 && chance(0.12)) bodies.add(weighted(OTHER_REGISTRATIONS));
      for (const b of bodies) {
        registrations.push(uuid(0x04), id, b, registrationNumber(b), !chance(0.05));
      }

      // Most people in post keep their certification up: a degree, an in-date certificate and this
      // year's CPD, so most appointees stand certified and the rest show every other standing.
      const current = roles[0];
      if (current !== undefined && chance(0.8)) {
        addCredential(id, createdAt, 'degree', { minLevel: current === 'CDO' ? 7 : 6 });
        addCredential(id, createdAt, 'certificate', { recent: true });
        addCredential(id, createdAt, 'cpd', { recent: true });
        if (chance(0.3)) addCredential(id, createdAt, weighted(LATER_KINDS));
      } else {
        const held = weighted(CREDENTIAL_COUNTS);
        for (let k = 0; k < held; k += 1) {
          addCredential(id, createdAt, k === 0 ? (chance(0.7) ? 'degree' : 'certificate') : weighted(LATER_KINDS)); // prettier-ignore
        }
      }
      const claim = weighted(STANDALONE_CLAIMS);
      if (claim !== 'none') {
        const award = pick(chance(0.6) ? DEGREES : CERTIFICATES);
        const recognised = chance(0.6);
        const issuer = recognised ? pick(award.level === null ? certificateIssuers : degreeIssuers) : null; // prettier-ignore
        const declared = between(now - 365 * DAY, now - DAY);
        const decided = claim === 'pending' ? null : between(declared, now);
        claims.push(
          uuid(0x07), id, issuer?.id ?? null, issuer?.name ?? pick(UNRECOGNISED_BODIES), recognised,
          DEGREES.includes(award) ? 'degree' : 'certificate', award.title, award.subject, award.level,
          award.results.length ? pick(award.results) : null, day(between(now - 30 * 365 * DAY, declared)),
          claim, claim === 'rejected' ? 'No record of this award' : null,
          decided === null ? null : iso(decided), null, iso(declared), iso(decided ?? declared), 1,
        ); // prettier-ignore
      }
    };

    const addCredential = (
      practitionerId: string,
      registeredAt: number,
      kind: 'degree' | 'certificate' | 'cpd' | 'registration',
      keep: { recent?: boolean; minLevel?: number } = {},
    ) => {
      const id = uuid(0x05);
      const provenance = weighted(PROVENANCES);
      const award: Award =
        kind === 'degree'
          ? pick(keep.minLevel === 7 ? MASTERS : DEGREES)
          : kind === 'certificate'
            ? pick(CERTIFICATES)
            : kind === 'registration'
              ? pick(REGISTRATIONS)
              : { title: 'Annual CPD record', subject: null, level: null, results: [] };
      const issuer =
        provenance === 'document-checked'
          ? null
          : pick(kind === 'degree' ? degreeIssuers : kind === 'certificate' ? certificateIssuers : bodyIssuers); // prettier-ignore
      const awardingBody = issuer?.name ?? pick(UNRECOGNISED_BODIES);
      const awarded = keep.recent
        ? between(now - 330 * DAY, now - 10 * DAY)
        : kind === 'degree'
          ? between(registeredAt - 25 * 365 * DAY, registeredAt - 180 * DAY)
          : between(registeredAt - 5 * 365 * DAY, now - 30 * DAY);
      const createdAt = Math.min(
        now - DAY,
        Math.max(registeredAt, awarded) + between(DAY, 60 * DAY),
      );
      const validYears = kind === 'cpd' ? 1 : kind === 'registration' ? 1 : kind === 'certificate' && chance(0.5) ? 3 : 0; // prettier-ignore
      const validUntil = validYears === 0 ? null : day(awarded + validYears * 365 * DAY);
      const status = keep.recent ? 'active' : weighted(CREDENTIAL_STATUSES);
      const { listId, index } = allocate(issuer?.id ?? null);
      const claimId = provenance === 'confirmed-by-awarding-body' ? uuid(0x07) : null;
      const year = new Date(awarded).getUTCFullYear();
      const title = kind === 'cpd' ? `${award.title} ${year}` : award.title;
      const result = award.results.length ? pick(award.results) : null;
      let updatedAt = createdAt;
      credentialChanges.push(
        uuid(0x06), id, null, 'active', 'issue', null, validUntil,
        provenance === 'issued' ? 'api-key' : 'user', iso(createdAt),
      ); // prettier-ignore
      if (status !== 'active') {
        updatedAt = between(createdAt + DAY, now);
        credentialChanges.push(
          uuid(0x06), id, 'active', status, status === 'revoked' ? 'revoke' : 'suspend',
          status === 'revoked' ? 'Awarded in error' : 'Under review by the awarding body', null,
          'user', iso(updatedAt),
        ); // prettier-ignore
      }
      credentials.push(
        id, practitionerId, issuer?.id ?? null, awardingBody,
        provenance === 'issued' ? `G-${id.slice(-12)}` : null, kind, title, award.subject,
        award.level, result, kind === 'cpd' ? (keep.recent ? 30 : 5) + Math.floor(random() * 16) : null, day(awarded),
        validUntil, status, provenance, claimId, listId, index, iso(createdAt), iso(updatedAt), 1,
      ); // prettier-ignore
      if (claimId !== null) {
        const declared = Math.max(registeredAt, createdAt - between(DAY, 90 * DAY));
        claims.push(
          claimId, practitionerId, issuer?.id ?? null, awardingBody, true, kind, title,
          award.subject, award.level, result, day(awarded), 'confirmed', null, iso(createdAt), id,
          iso(declared), iso(createdAt), 2,
        ); // prettier-ignore
      }
    };

    // Batch k is sent while batch k+1 is built; the loop yields now and then so the sockets drain.
    const send = async (done: number) => {
      const [a, b, c, d] = clients;
      const batch = {
        practitioners: practitioners.take(),
        appointments: appointments.take(),
        registrations: registrations.take(),
        credentials: credentials.take(),
        credentialChanges: credentialChanges.take(),
        history: history.take(),
        claims: claims.take(),
      };
      const write = async (copy: CopyBatch, client: pg.Client) => count(copy.table, await copy.write(client)); // prettier-ignore
      await Promise.all([
        (async () => {
          // The practitioners must be committed before rows that reference them (foreign keys).
          await write(batch.practitioners, a);
          await write(batch.appointments, a);
          await write(batch.registrations, a);
        })(),
        write(batch.credentials, b),
        write(batch.credentialChanges, c),
        (async () => {
          await write(batch.history, d);
          await write(batch.claims, d);
        })(),
      ]);
      const seconds = (Date.now() - started) / 1000;
      log(`  ${done} / ${options.count} practitioners, ${written.credentials ?? 0} credentials, ${seconds.toFixed(1)} s`); // prettier-ignore
    };
    log(`generating ${options.count} practitioners (seed ${options.seed ?? 42})`);
    let sending: Promise<void> = Promise.resolve();
    for (let offset = 0; offset < options.count; offset += BATCH) {
      const size = Math.min(BATCH, options.count - offset);
      for (let i = 0; i < size; i += 1) {
        addPractitioner(existing + offset + i);
        if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
      }
      await sending;
      sending = send(offset + size);
    }
    await sending;
    if (deferred.length > 0) {
      log(`rebuilding ${deferred.length} indexes`);
      await rebuildIndexes(clients.slice(0, 2), deferred, log);
    }
    const allLists = [...closedLists, ...lists.values()];
    await writeStatusLists(main, allLists, statusListSize);
    count('status_lists', allLists.length * 2);
    // Statistics first: without them the post-load hook's per-person reads plan as scans of
    // whole tables (a read-model backfill of 100,000 people took over an hour instead of a minute).
    log('analyzing');
    await main.query('ANALYZE');
    await runPostLoadHooks(main, log);
    await main.query('ANALYZE');
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      practitioners: written.practitioners ?? 0,
      credentials: written.credentials ?? 0,
      seconds,
      rows: written,
      cpuSeconds: {
        generator: (cpu.user + cpu.system) / 1e6,
        postgres: backendCpuSeconds(backends),
      },
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** utime + stime of the backends from /proc, or null when the server is not on this machine. */
function backendCpuSeconds(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

/** The certifying bodies, reused by name so a second run on the same database adds no duplicates. */
async function ensureIssuers(client: pg.Client): Promise<IssuerRow[]> {
  const known = await client.query<IssuerRow>(
    `SELECT id, name, kind FROM issuers WHERE name = ANY($1::text[])`,
    [ISSUERS.map((i) => i.name)],
  );
  const have = new Set(known.rows.map((r) => r.name));
  const missing = ISSUERS.filter((i) => !have.has(i.name));
  if (missing.length > 0) {
    await client.query(
      `INSERT INTO issuers (name, kind, aliases, website)
       SELECT t.name, t.kind, ARRAY(SELECT jsonb_array_elements_text(t.aliases)), NULL
         FROM jsonb_to_recordset($1::jsonb) AS t(name text, kind text, aliases jsonb)`,
      [JSON.stringify(missing)],
    );
  }
  const all = await client.query<IssuerRow>(
    `SELECT id, name, kind FROM issuers WHERE name = ANY($1::text[]) ORDER BY name`,
    [ISSUERS.map((i) => i.name)],
  );
  return all.rows;
}

/** Each owner's revocation list (the pair's head, holding the allocation) and suspension list. */
async function writeStatusLists(client: pg.Client, lists: OpenList[], size: number) {
  const buffer = new CopyBuffer('status_lists', [
    'id', 'purpose', 'owner_type', 'owner_id', 'pair_id', 'size', 'allocated', 'permutation_key',
  ]); // prettier-ignore
  for (const l of lists) {
    const ownerType = l.ownerId === null ? 'registry' : 'issuer';
    buffer.push(
      l.id,
      'revocation',
      ownerType,
      l.ownerId,
      l.id,
      size,
      l.allocated,
      l.permutationKey,
    );
    buffer.push(l.suspensionId, 'suspension', ownerType, l.ownerId, l.id, size, 0, null);
  }
  await buffer.take().write(client);
}
