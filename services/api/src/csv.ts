/**
 * One CSV field (RFC 4180). Arrays are joined with "; ". A text that a spreadsheet would
 * run as a formula (=, +, -, @ first) gets a leading apostrophe: exports hold what callers
 * said, and a call's words must never become a formula on an operator's machine.
 */
export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = Array.isArray(value)
    ? value.map(String).join('; ')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvLine = (values: readonly unknown[]): string =>
  `${values.map(csvField).join(',')}\r\n`;
