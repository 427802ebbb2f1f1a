// Text for the PDF's standard fonts. Helvetica is used without embedding, with WinAnsiEncoding: one byte per
// character. PDFKit maps Latin-1 and the extra WinAnsi characters (“ ” ‘ ’ – — … • € ™ …) itself, but writes
// any other code point as its raw hex code, which comes out as two wrong glyphs; so those are mapped here.

/** The WinAnsi (cp1252) characters above U+00FF that PDFKit's standard-font encoder knows. */
const WIN_ANSI = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Readable stand-ins for characters the standard fonts lack and that the Posture text uses or may use. */
const STAND_INS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '′': "'",
  '″': '"',
  '✓': 'yes',
  '✔': 'yes',
  '✗': 'x',
  '✘': 'x',
  '∞': 'infinity',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u200b': '',
  '\ufeff': '',
};

/**
 * `text` with every character the standard fonts can show kept as it is and the rest replaced: a stand-in, the
 * letter without its accents (ő → o), or "?". Line breaks stay; other control characters (C0 and C1, which
 * WinAnsi would show as unrelated glyphs) go.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ch === '\t' ? ' ' : '';
    else if (cp <= 0xff || WIN_ANSI.has(cp)) out += ch;
    else if (ch in STAND_INS) out += STAND_INS[ch];
    else out += latinBase(ch);
  }
  return out;
}

/** The character without its combining marks when that leaves Latin-1 (ő → o, ș → s), else "?". */
function latinBase(ch: string): string {
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return base.length > 0 && [...base].every((c) => c.codePointAt(0)! <= 0xff && c.codePointAt(0)! >= 0x20) ? base : '?';
}
