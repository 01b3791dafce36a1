import { webhookUrlProblem } from './webhook-url.js';

describe(webhookUrlProblem.name, () => {
  it('should accept https anywhere public', () => {
    expect(webhookUrlProblem('https://hr.example.nhs.uk/hooks', false)).toBeNull();
  });

  it('should allow plain http to localhost only when allowed', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9999/x', true)).toBeNull();
    expect(webhookUrlProblem('http://localhost:9999/x', false)).toBe('must use https');
    expect(webhookUrlProblem('https://localhost/x', false)).toBe('must not point at this host');
  });

  it.each([
    ['http://hr.example/x', 'must use https'],
    ['ftp://hr.example/x', 'must use https'],
    ['https://user:pw@hr.example/x', 'must not carry credentials'],
    ['not a url', 'must be an absolute URL'],
  ])('should refuse %s', (value, problem) => {
    expect(webhookUrlProblem(value, true)).toBe(problem);
  });
});
