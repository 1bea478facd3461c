import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.js';

describe('CSV export fields', () => {
  it('quotes separators and quotes, joins arrays, writes dates as ISO', () => {
    expect(csvLine(['a,b', 'say "hi"', ['churn', 'billing'], new Date(0), null, 1.5])).toBe(
      '"a,b","say ""hi""",churn; billing,1970-01-01T00:00:00.000Z,,1.5\r\n',
    );
  });

  it('never lets a caller’s words become a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField(-0.5)).toBe('-0.5');
  });
});
