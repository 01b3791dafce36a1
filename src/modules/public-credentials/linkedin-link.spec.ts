import { linkedInAddToProfileUrl } from './linkedin-link.js';

describe(linkedInAddToProfileUrl.name, () => {
  const base = {
    name: 'MSc Digital Health Leadership',
    organizationName: 'Imperial College London',
    issuedOn: '2021-09-03',
    expiresOn: '2026-01-31',
    certId: '6f1c0a52-64f4-4d8e-9a43-0e8b6c1d2f77',
    certUrl: 'https://registry.example/credentials/6f1c0a52-64f4-4d8e-9a43-0e8b6c1d2f77',
  };

  it('should fill LinkedIn’s documented certification parameters', () => {
    const url = new URL(linkedInAddToProfileUrl(base));
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: base.name,
      organizationName: base.organizationName,
      issueYear: '2021',
      issueMonth: '9',
      expirationYear: '2026',
      expirationMonth: '1',
      certUrl: base.certUrl,
      certId: base.certId,
    });
  });

  it('should leave out the expiry of a credential that does not expire', () => {
    const url = new URL(linkedInAddToProfileUrl({ ...base, expiresOn: null }));
    expect(url.searchParams.has('expirationYear')).toBe(false);
    expect(url.searchParams.has('expirationMonth')).toBe(false);
  });
});
