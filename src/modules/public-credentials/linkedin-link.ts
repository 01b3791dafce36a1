/** What LinkedIn's add-to-profile link pre-fills in "Licences & certifications". */
export interface LinkedInCertification {
  name: string;
  organizationName: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD, or null when it does not expire */
  expiresOn: string | null;
  certId: string;
  certUrl: string;
}

/**
 * LinkedIn's documented add-to-profile URL (`startTask=CERTIFICATION_NAME`): the member reviews
 * the pre-filled form and saves it themselves; nothing is sent to LinkedIn by us.
 */
export function linkedInAddToProfileUrl(c: LinkedInCertification): string {
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: c.name,
    organizationName: c.organizationName,
    ...yearMonth('issue', c.issuedOn),
    ...(c.expiresOn ? yearMonth('expiration', c.expiresOn) : {}),
    certUrl: c.certUrl,
    certId: c.certId,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

function yearMonth(prefix: 'issue' | 'expiration', isoDate: string): Record<string, string> {
  const [year, month] = isoDate.split('-');
  return { [`${prefix}Year`]: year, [`${prefix}Month`]: String(Number(month)) };
}
