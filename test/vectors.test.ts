import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

// The vectors are public facts about each sender's signature recipe, copied from the team's
// shared folder so that a clone anywhere can run the tests. When that folder sits beside the
// repository (as in CI), the copy must match it.
const copy = new URL('./vectors/', import.meta.url);
const original = new URL('../../shared/vectors/', import.meta.url);

test.runIf(existsSync(original))('vector copy matches the shared originals', () => {
  const names = readdirSync(original).sort();
  expect(readdirSync(copy).sort()).toEqual(names);
  for (const name of names) {
    expect(readFileSync(new URL(name, copy), 'utf8'), name).toBe(
      readFileSync(new URL(name, original), 'utf8'),
    );
  }
});
