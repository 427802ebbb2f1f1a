// Spreadsheet formula injection: a cell that starts with = + - @ tab or CR is run as a formula by Excel,
// LibreOffice and Sheets. Such cells are prefixed with an apostrophe, which every spreadsheet shows as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCsvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
