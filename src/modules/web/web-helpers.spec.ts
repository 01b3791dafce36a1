import { readCheckForm, validateCheck } from './check-form.js';
import { isoToParts, readDateParts } from './dates.js';
import { field, formErrorView } from './form-errors.js';
import { formatDate, formatDateTime } from './format.js';
import { isPagePath, pageContentSecurityPolicy } from './page-paths.js';
import { pagination } from './pagination.js';
import { findProjectRoot } from './project-root.js';
import { safeReturnPath } from './return-path.js';

describe(formErrorView.name, () => {
  it('should link each summary item to its field and keep the first message per field', () => {
    const view = formErrorView(
      [
        { field: 'q', text: 'Enter a name' },
        { field: 'q', text: 'Second message' },
        { field: 'dob', text: 'Enter a date' },
      ],
      { dob: 'dob-day' },
    );
    expect(view.errors).toEqual([
      { text: 'Enter a name', href: '#q' },
      { text: 'Enter a date', href: '#dob-day' },
    ]);
    expect(view.fieldErrors).toEqual({ q: 'Enter a name', dob: 'Enter a date' });
  });

  it('should read a trimmed form field whatever shape the body has', () => {
    expect(field({ a: '  x ' }, 'a')).toBe('x');
    expect(field({ a: ['y', 'z'] }, 'a')).toBe('y');
    expect(field(null, 'a')).toBe('');
  });
});

describe(readDateParts.name, () => {
  it('should accept a real date and refuse an impossible or partial one', () => {
    expect(readDateParts({ day: '8', month: '3', year: '1979' }, 'Date of birth')).toEqual({
      ok: true,
      value: '1979-03-08',
    });
    expect(readDateParts({ day: '31', month: '2', year: '2024' }, 'Date').ok).toBe(false);
    expect(readDateParts({ day: '1', month: '', year: '2024' }, 'Date')).toEqual({
      ok: false,
      message: 'Date must include a day, month and year',
    });
    expect(readDateParts({ day: '', month: '', year: '' }, 'Date')).toEqual({ ok: 'empty' });
    expect(isoToParts('2025-03-15')).toEqual({ day: '15', month: '3', year: '2025' });
  });
});

describe(validateCheck.name, () => {
  it('should list every missing field at once', () => {
    const { errors, request } = validateCheck(readCheckForm({}), 2026);
    expect(request).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['registerNumber', 'kind', 'title', 'awardingBody']);
  });

  it('should explain a mistyped check digit', () => {
    const { errors } = validateCheck(
      readCheckForm({
        registerNumber: 'DL12345670',
        kind: 'degree',
        title: 'MSc',
        awardingBody: 'Uni',
      }),
      2026,
    );
    expect(errors[0]?.text).toContain('Did you mistype the number?');
  });

  it('should build the API request with numbers and without blank optional fields', () => {
    const { request } = validateCheck(
      readCheckForm({
        registerNumber: 'dl 1234567-1',
        kind: 'degree',
        title: 'MSc',
        awardingBody: 'Uni',
        level: '7',
        awardedYear: '2019',
      }),
      2026,
    );
    expect(request).toEqual({
      registerNumber: 'DL12345671',
      claim: { kind: 'degree', title: 'MSc', awardingBody: 'Uni', level: 7, awardedYear: 2019 },
    });
  });
});

describe(safeReturnPath.name, () => {
  it('should only return to a path on this site', () => {
    expect(safeReturnPath('/account/claims')).toBe('/account/claims');
    expect(safeReturnPath('//evil.example')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('/sign-in')).toBeNull();
  });
});

describe(isPagePath.name, () => {
  it('should treat everything but the API, health, well-known files and assets as pages', () => {
    expect(isPagePath('/register?q=x')).toBe(true);
    expect(isPagePath('/')).toBe(true);
    expect(isPagePath('/api/v1/register')).toBe(false);
    expect(isPagePath('/health/ready')).toBe(false);
    expect(isPagePath('/.well-known/jwks.json')).toBe(false);
    expect(isPagePath('/assets/web.css')).toBe(false);
  });

  it('should allow scripts only from the site and by nonce', () => {
    const csp = pageContentSecurityPolicy('abc');
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe(pagination.name, () => {
  it('should link to the pages either side and say what is shown', () => {
    const view = pagination({ page: 2, pageSize: 20, total: 57, href: (p) => `/r?page=${p}` });
    expect(view.previous).toEqual({ href: '/r?page=1', labelText: 'Page 1 of 3' });
    expect(view.next).toEqual({ href: '/r?page=3', labelText: 'Page 3 of 3' });
    expect(view.summary).toBe('Showing 21 to 40 of 57 results');
  });

  it('should say "more than" when the register stopped counting, and go on while there is more', () => {
    const view = pagination({
      page: 5,
      pageSize: 20,
      total: 100,
      totalIsLowerBound: true,
      hasMore: true,
      shown: 20,
      href: (p) => `/r?page=${p}`,
    });
    expect(view.next).toEqual({ href: '/r?page=6', labelText: 'Page 6' });
    expect(view.summary).toBe('Showing 81 to 100 of more than 100 results');
  });
});

describe(formatDate.name, () => {
  it('should write dates the NHS.UK way', () => {
    expect(formatDate('2024-05-07')).toBe('7 May 2024');
    expect(formatDate('nonsense')).toBe('');
    expect(formatDateTime('2024-05-07T14:05:00Z')).toBe('7 May 2024 at 14:05 UTC');
  });
});

describe(findProjectRoot.name, () => {
  it('should find the folder with package.json above a file', () => {
    expect(findProjectRoot(`${process.cwd()}/src/modules/web/configure-web.ts`)).toBe(
      process.cwd(),
    );
  });
});

describe('pagination past the end', () => {
  it('should say a page past the last has no results and link back to the last page', () => {
    const view = pagination({ page: 999, pageSize: 20, total: 4, href: (p) => `/r?page=${p}` });
    expect(view.summary).toBe('There are no results on page 999. Go back to page 1');
    expect(view.previous?.href).toBe('/r?page=1');
    expect(view.next).toBeUndefined();
  });
});
