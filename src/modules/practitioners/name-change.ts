import { type EntityManager, IsNull } from 'typeorm';
import type { Practitioner } from './practitioner.entity.js';
import { PractitionerName } from './practitioner-name.entity.js';

const fullName = (n: { givenName: string; familyName: string }) => `${n.givenName} ${n.familyName}`;

/**
 * Applies a new given or family name to the (loaded, not yet saved) practitioner and records it:
 * the name in use is closed and the new one opened at the same instant, with the reason. The old
 * name becomes a former name, so search finds it under the person's former-names consent, unless
 * the same request sets the former names itself. True when the name changed.
 */
export async function changeName(
  m: EntityManager,
  practitioner: Practitioner,
  input: { givenName?: string; familyName?: string; nameChangeReason?: string },
  keepOldAsFormer: boolean,
): Promise<boolean> {
  const next = {
    givenName: input.givenName?.trim() ?? practitioner.givenName,
    familyName: input.familyName?.trim() ?? practitioner.familyName,
  };
  if (fullName(next) === fullName(practitioner)) return false;
  const at = new Date();
  const open = await m.findOneBy(PractitionerName, {
    practitionerId: practitioner.id,
    validTo: IsNull(),
  });
  if (open) {
    await m.update(PractitionerName, { id: open.id }, { validTo: at });
  } else {
    // A profile made before name history (or by a bulk script): its name held since entry.
    await m.insert(PractitionerName, {
      practitionerId: practitioner.id,
      givenName: practitioner.givenName,
      familyName: practitioner.familyName,
      validFrom: practitioner.createdAt,
      validTo: at,
      reason: null,
    });
  }
  await m.insert(PractitionerName, {
    practitionerId: practitioner.id,
    ...next,
    validFrom: at,
    validTo: null,
    reason: input.nameChangeReason?.trim() || null,
  });
  const old = fullName(practitioner);
  const folded = old.toLowerCase();
  if (keepOldAsFormer && !practitioner.formerNames.some((f) => f.toLowerCase() === folded)) {
    practitioner.formerNames = [...practitioner.formerNames, old];
  }
  practitioner.givenName = next.givenName;
  practitioner.familyName = next.familyName;
  return true;
}
