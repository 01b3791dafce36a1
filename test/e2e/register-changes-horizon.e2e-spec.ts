import { randomUUID } from 'node:crypto';
import { api, bearer, closeDb, db } from '../support/app.js';
import { type Change, feedEnd, readFeed, readFeedUntil } from '../support/change-feed.js';
import { idempotencyKey, newIssuer, newPractitioner } from '../support/factories.js';

// The embedded database runs one statement at a time: a transaction left open blocks the app's
// writes, so a late commit cannot overtake another there. The gap exists on the server only.
const database = JSON.parse(process.env.TEST_DATABASE ?? '{}') as { kind?: string };
const serverOnly = database.kind === 'server' ? it : it.skip;

describe('Register change feed', () => {
  afterAll(closeDb);

  it('should tell followers a listed person’s new name, and nothing of an unlisted one', async () => {
    const start = await feedEnd();
    const listed = await newPractitioner({ givenName: 'Mary', familyName: 'Jones' });
    const unlisted = await newPractitioner({ givenName: 'Ann', familyName: 'Lee' });
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(unlisted.token))
      .send({ visibility: { listed: false } })
      .expect(200);
    for (const p of [listed, unlisted]) {
      await api()
        .patch('/api/v1/practitioners/me')
        .set(bearer(p.token))
        .send({ familyName: 'Okonkwo', nameChangeReason: 'Marriage' })
        .expect(200);
    }
    const ours = (items: Change[]) =>
      items.filter((c) =>
        [listed.registerNumber, unlisted.registerNumber].includes(c.registerNumber),
      );
    const items = ours((await readFeedUntil(start, (i) => ours(i).length > 0)).items);
    expect(items.map((c) => [c.type, c.registerNumber, c.data])).toEqual([
      [
        'practitioner.name-changed',
        listed.registerNumber,
        { givenName: 'Mary', familyName: 'Okonkwo' },
      ],
    ]);
    // Former names stay hidden (the person has not chosen to show them).
    expect(JSON.stringify(items)).not.toContain('Jones');
  });

  serverOnly(
    'should not skip an event whose transaction commits after a later one was read',
    async () => {
      const issuer = await newIssuer();
      const slow = await newPractitioner();
      const fast = await newPractitioner();
      const start = await feedEnd();
      let early: { items: Change[]; next: string };

      // A slow writer takes its seq first and commits last.
      const writer = await db().connect();
      try {
        await writer.query('BEGIN');
        await writer.query(
          `INSERT INTO outbox_events (id, xid, type, practitioner_id, subject_type, subject_id, data)
         SELECT $1, pg_current_xact_id()::text::bigint, 'practitioner.name-changed', id, 'practitioner', id, '{}'
           FROM practitioners WHERE register_number = $2`,
          [randomUUID(), slow.registerNumber],
        );
        await api()
          .post('/api/v1/credentials')
          .set('x-api-key', issuer.apiKey)
          .set('idempotency-key', idempotencyKey())
          .send({
            registerNumber: fast.registerNumber,
            kind: 'certificate',
            title: 'Digital Leadership Programme',
            awardedOn: '2022-07-01',
          })
          .expect(201);
        // The later event is committed, but serving it now would move a reader past the slow one.
        early = await readFeed(start);
        expect(early.items.map((c) => c.registerNumber)).not.toContain(fast.registerNumber);
        await writer.query('COMMIT');
      } finally {
        writer.release();
      }

      const mine = (items: Change[]) =>
        items
          .filter((c) => [slow.registerNumber, fast.registerNumber].includes(c.registerNumber))
          .map((c) => [c.type, c.registerNumber]);
      // A reader that kept polling from where it was sees both, the slow one first.
      const later = (await readFeedUntil(early.next, (i) => mine(i).length === 2)).items;
      expect(mine([...early.items, ...later])).toEqual([
        ['practitioner.name-changed', slow.registerNumber],
        ['credential.issued', fast.registerNumber],
      ]);
    },
  );
});
