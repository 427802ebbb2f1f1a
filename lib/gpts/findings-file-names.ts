// Which knowledge files a reviewer should classify first: names that suggest personal or regulated data
// (`customers.csv`, `salaries.xlsx`, `export`, `ssn`…) before the rest. A heuristic for ordering only — it
// never classifies a file; an unclassified file is a finding whatever its name.

/** Terms that name personal, financial or secret data: each hit weighs 4. */
const STRONG = [
  'ssn',
  'social security',
  'passport',
  'salary',
  'salaries',
  'payroll',
  'compensation',
  'password',
  'credential',
  'secret',
  'iban',
  'credit card',
  'bank',
  'tax',
  'medical',
  'health',
  'patient',
  'customer',
  'client',
  'employee',
  'pii',
  'personal',
  'dob',
];
/** Terms that suggest bulk or internal data: each hit weighs 2. */
const MEDIUM = [
  'export',
  'dump',
  'backup',
  'confidential',
  'restricted',
  'contacts',
  'leads',
  'crm',
  'users',
  'accounts',
  'hr',
];
/** Extensions of tables and databases: weighs 1 (a table is more often records of people than a slide deck). */
const DATA_EXTENSIONS = ['csv', 'tsv', 'xlsx', 'xls', 'json', 'jsonl', 'sql', 'db', 'sqlite', 'parquet'];

export type NameSensitivity = { score: number; terms: string[] };

export function nameSensitivity(name: string): NameSensitivity {
  const words = name
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const text = ` ${words.join(' ')} `;
  const has = (term: string) => [term, `${term}s`, `${term}es`].some((t) => text.includes(` ${t} `));
  const terms: string[] = [];
  let score = 0;
  for (const term of STRONG)
    if (has(term)) {
      terms.push(term);
      score += 4;
    }
  for (const term of MEDIUM)
    if (has(term)) {
      terms.push(term);
      score += 2;
    }
  const extension = words.length > 1 ? words.at(-1)! : '';
  if (DATA_EXTENSIONS.includes(extension)) {
    terms.push(extension);
    score += 1;
  }
  return { score, terms };
}
