import { createLocalJWKSet, jwtVerify } from 'jose';
import { api, bearer, closeDb, db } from '../support/app.js';
import { newPractitioner, searchableSurname } from '../support/factories.js';

interface Entry {
  givenName: string;
  familyName: string;
  formerNames: string[];
}

/** Moves a practitioner's whole past back, so there is a "before" to ask about. */
async function backdate(registerNumber: string, to: string): Promise<string> {
  const { rows } = await db().query<{ id: string }>(
    `SELECT id FROM practitioners WHERE register_number = $1`,
    [registerNumber],
  );
  const id = rows[0].id;
  await db().query(`UPDATE practitioners SET created_at = $2 WHERE id = $1`, [id, to]);
  await db().query(
    `UPDATE practitioner_status_changes SET changed_at = $2 WHERE practitioner_id = $1`,
    [id, to],
  );
  await db().query(`UPDATE practitioner_names SET valid_from = $2 WHERE practitioner_id = $1`, [
    id,
    to,
  ]);
  return id;
}

describe('Name history', () => {
  afterAll(closeDb);

  it('should record each name with its period and reason, and show the old name before the change', async () => {
    const maiden = searchableSurname('Kelly');
    const married = searchableSurname('Hughes');
    const p = await newPractitioner({ givenName: 'Amelia', familyName: maiden });
    const id = await backdate(p.registerNumber, '2021-01-01T09:00:00Z');

    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ familyName: married, nameChangeReason: 'Marriage' })
      .expect(200);

    const { rows } = await db().query<{
      family_name: string;
      valid_to: Date | null;
      reason: string | null;
    }>(
      `SELECT family_name, valid_to, reason FROM practitioner_names WHERE practitioner_id = $1 ORDER BY valid_from`,
      [id],
    );
    expect(rows.map((r) => [r.family_name, r.valid_to === null, r.reason])).toEqual([
      [maiden, false, 'Name when entered on the register'],
      [married, true, 'Marriage'],
    ]);

    const before = (
      await api().get(`/api/v1/register/${p.registerNumber}?at=2022-06-01`).expect(200)
    ).body as Entry;
    expect(before).toMatchObject({ givenName: 'Amelia', familyName: maiden, formerNames: [] });
    const now = (await api().get(`/api/v1/register/${p.registerNumber}`).expect(200)).body as Entry;
    expect(now.familyName).toBe(married);
    // Former names stay hidden until the person shows them.
    expect(now.formerNames).toEqual([]);

    const profile = await api().get('/api/v1/practitioners/me').set(bearer(p.token)).expect(200);
    expect((profile.body as Entry).formerNames).toEqual([`Amelia ${maiden}`]);
  });

  it('should sign an extract for a past date with the name as it stood then', async () => {
    const maiden = searchableSurname('Price');
    const p = await newPractitioner({ givenName: 'Nia', familyName: maiden });
    await backdate(p.registerNumber, '2021-01-01T09:00:00Z');
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ familyName: searchableSurname('Owens'), nameChangeReason: 'Deed poll' })
      .expect(200);
    const jwks = (await api().get('/.well-known/jwks.json').expect(200)).body;
    const extract = async (query: string) => {
      const res = await api()
        .get(`/api/v1/practitioners/me/extract${query}`)
        .set(bearer(p.token))
        .set('accept', 'application/vc+jwt')
        .expect(200);
      const { payload } = await jwtVerify(res.text, createLocalJWKSet(jwks), {
        algorithms: ['EdDSA'],
      });
      return (payload as { credentialSubject: { fullName: string } }).credentialSubject.fullName;
    };
    expect(await extract('?on=2022-01-01')).toBe(`Nia ${maiden}`);
    expect(await extract('')).not.toContain(maiden);
  });

  it('should find a person by a former name only with their consent', async () => {
    const maiden = searchableSurname('Byron');
    const p = await newPractitioner({ givenName: 'Ada', familyName: maiden });
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ familyName: searchableSurname('Lovelace') })
      .expect(200);
    const search = async () =>
      (
        (
          await api()
            .get(`/api/v1/register?q=${encodeURIComponent(`Ada ${maiden}`)}`)
            .expect(200)
        ).body as { items: { registerNumber: string; matchedOn: string }[] }
      ).items.filter((i) => i.registerNumber === p.registerNumber);
    expect(await search()).toEqual([]);
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ visibility: { formerNames: true } })
      .expect(200);
    expect(await search()).toEqual([expect.objectContaining({ matchedOn: 'former-name' })]);
  });

  it('should record no name change when the name stays the same', async () => {
    const p = await newPractitioner();
    await api()
      .patch('/api/v1/practitioners/me')
      .set(bearer(p.token))
      .send({ givenName: 'Alex' })
      .expect(200);
    const { rows } = await db().query(
      `SELECT n.* FROM practitioner_names n JOIN practitioners p ON p.id = n.practitioner_id WHERE p.register_number = $1`,
      [p.registerNumber],
    );
    expect(rows).toHaveLength(1);
  });
});
