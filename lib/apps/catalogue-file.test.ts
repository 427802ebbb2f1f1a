import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from './builtin.ts';
import { parseCatalogueFile, serializeCatalogue } from './catalogue-file.ts';

describe('catalogue file', () => {
  it('round-trips a built-in catalogue', () => {
    const strict = builtinCatalogue('strict');
    expect(parseCatalogueFile(serializeCatalogue(strict))).toEqual(strict);
  });

  it('names the offending path', () => {
    const file = JSON.parse(serializeCatalogue(builtinCatalogue('guide')));
    file.apps[2].legs = ['private_data', 'secret_leg'];
    expect(() => parseCatalogueFile(JSON.stringify(file))).toThrow(/^apps\.2\.legs\.1: /);
    expect(() => parseCatalogueFile('{"format":"other"}')).toThrow(/^format: /);
    expect(() => parseCatalogueFile('{oops')).toThrow(/^not JSON: /);
  });

  it('refuses two apps claiming one name', () => {
    const file = JSON.parse(serializeCatalogue(builtinCatalogue('guide')));
    file.apps.push({ id: 'calendar-x', name: 'Calendar X', aliases: ['Calendar'], legs: [], actions: [] });
    expect(() => parseCatalogueFile(JSON.stringify(file))).toThrow(
      /"calendar" names both google-calendar and calendar-x/,
    );
  });
});
