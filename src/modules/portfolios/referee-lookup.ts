import type { EntityManager } from 'typeorm';

export interface FoundReferee {
  name: string;
  email: string;
  organisationId: string | null;
}

/** A practitioner on the register (not removed), by number, with their account's own address. */
export async function refereeOnRegister(
  m: EntityManager,
  registerNumber: string,
  notPractitionerId: string,
): Promise<FoundReferee | null> {
  const rows = await m.query<{ name: string; email: string }[]>(
    `SELECT p.given_name || ' ' || p.family_name AS name, u.email
       FROM practitioners p JOIN users u ON u.practitioner_id = p.id
      WHERE p.register_number = $1 AND p.id <> $2 AND p.register_status <> 'removed'`,
    [registerNumber, notPractitionerId],
  );
  return rows[0] ? { ...rows[0], organisationId: null } : null;
}

/** An employer account whose organisation the registrar has verified. */
export async function refereeAtVerifiedEmployer(
  m: EntityManager,
  email: string,
): Promise<FoundReferee | null> {
  const rows = await m.query<{ name: string; email: string; organisation_id: string }[]>(
    `SELECT o.name, u.email, o.id AS organisation_id
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE lower(u.email) = lower($1) AND u.role = 'employer' AND o.verified_at IS NOT NULL`,
    [email],
  );
  const row = rows[0];
  return row
    ? { name: `Staff of ${row.name}`, email: row.email, organisationId: row.organisation_id }
    : null;
}
