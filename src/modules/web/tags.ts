/** Plain words and an NHS.UK tag colour for each status the register shows. */
export interface TagView {
  text: string;
  classes: string;
}

const tag = (text: string, colour: string): TagView => ({ text, classes: `nhsuk-tag--${colour}` });

export function registerStatusTag(status: string): TagView {
  switch (status) {
    case 'registered':
      return tag('Registered', 'green');
    case 'registered-with-conditions':
      return tag('Registered with conditions', 'yellow');
    case 'suspended':
      return tag('Suspended', 'red');
    case 'lapsed':
      return tag('Lapsed', 'grey');
    case 'removed':
      return tag('Removed from the register', 'red');
    default:
      return tag(humanise(status), 'grey');
  }
}

export function standingTag(standing: string): TagView {
  switch (standing) {
    case 'certified':
      return tag('Certified', 'green');
    case 'provisional':
      return tag('Provisional', 'blue');
    case 'lapsed':
      return tag('Lapsed', 'grey');
    case 'suspended':
      return tag('Suspended', 'red');
    case 'not-certified':
      return tag('Not certified', 'white');
    default:
      return tag(humanise(standing), 'grey');
  }
}

export function provenanceTag(provenance: string): TagView {
  switch (provenance) {
    case 'issued':
      return tag('Issued by awarding body', 'green');
    case 'confirmed-by-awarding-body':
      return tag('Verified by awarding body', 'green');
    case 'document-checked':
      return tag('Document checked by the registrar', 'blue');
    case 'assessed-portfolio':
      return tag('Experience assessed by a recognised body', 'green');
    case 'self-declared':
    case 'pending':
      return tag('Self-declared, not verified', 'yellow');
    default:
      return tag(humanise(provenance), 'grey');
  }
}

/** A credential's status, with the date it changed when known ("Revoked on 3 March 2025"). */
export function credentialStatusTag(status: string, changedOn: string): TagView {
  const on = changedOn ? ` on ${changedOn}` : '';
  switch (status) {
    case 'active':
      return tag('Current', 'green');
    case 'revoked':
      return tag(`Revoked${on}`, 'red');
    case 'suspended':
      return tag(`Suspended${on}`, 'orange');
    case 'expired':
      return tag(`Expired${on}`, 'grey');
    default:
      return tag(humanise(status), 'grey');
  }
}

/** A claim's state; one naming a body the register does not recognise goes to a registrar instead. */
export function claimStatusTag(status: string, recognised = true): TagView {
  switch (status) {
    case 'pending':
      return recognised
        ? tag('Waiting for the awarding body', 'yellow')
        : tag('Waiting for a registrar document check', 'yellow');
    case 'confirmed':
      return tag('Confirmed', 'green');
    case 'rejected':
      return tag('Rejected by the awarding body', 'red');
    case 'withdrawn':
      return tag('Withdrawn', 'grey');
    default:
      return tag(humanise(status), 'grey');
  }
}

export function humanise(code: string): string {
  const text = code.replace(/[-_]/g, ' ').trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Unknown';
}
