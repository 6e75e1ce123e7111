import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatCommand, generateFromFile } from '../src/index.js';

// Committed generated files, with the folder their header command runs in. Regenerating each one
// must give the same bytes, so a catalog change without a regeneration fails here.
const committed = [
  {
    folder: '../../../examples/shared/',
    catalog: '../catalog/events.json',
    out: 'src/events.generated.ts',
  },
  { folder: './', catalog: 'fixtures/tree.yaml', out: 'fixtures/tree.generated.ts' },
];

describe('committed generated files', () => {
  test.each(committed)('$out matches its catalog', async ({ folder, catalog, out }) => {
    const base = new URL(folder, import.meta.url);
    const code = await generateFromFile(fileURLToPath(new URL(catalog, base)), {
      source: catalog,
      command: formatCommand(catalog, { out }),
    });
    expect(readFileSync(new URL(out, base), 'utf8')).toBe(code);
  });
});
