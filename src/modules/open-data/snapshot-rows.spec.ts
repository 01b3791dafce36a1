import { csvField } from './snapshot-rows.js';

describe(csvField.name, () => {
  it('should quote commas, quotes and line breaks', () => {
    expect(csvField('Kelly, Amelia')).toBe('"Kelly, Amelia"');
    expect(csvField('O"Neil')).toBe('"O""Neil"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('should defuse a value a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('Hughes')).toBe('Hughes');
  });
});
