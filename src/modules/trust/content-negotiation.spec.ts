import { AppError } from '../../common/errors/app-error.js';
import { negotiateVcForm } from './content-negotiation.js';

describe(negotiateVcForm.name, () => {
  it('should default to Data Integrity JSON-LD', () => {
    expect(negotiateVcForm(undefined).form).toBe('data-integrity');
    expect(negotiateVcForm('*/*').form).toBe('data-integrity');
  });

  it('should give the JWT for application/vc+jwt', () => {
    expect(negotiateVcForm('application/vc+jwt')).toEqual({
      form: 'jwt',
      contentType: 'application/vc+jwt',
    });
  });

  it('should give JSON-LD for application/vc and application/ld+json', () => {
    expect(negotiateVcForm('application/vc').contentType).toBe('application/vc');
    expect(negotiateVcForm('application/ld+json').form).toBe('data-integrity');
  });

  it('should follow quality values', () => {
    expect(negotiateVcForm('application/vc;q=0.5, application/vc+jwt').form).toBe('jwt');
    expect(negotiateVcForm('application/vc+jwt;q=0, */*').form).toBe('data-integrity');
  });

  it('should refuse only media types it cannot give', () => {
    expect(() => negotiateVcForm('text/html')).toThrow(AppError);
  });
});
