// Identifiers for the generated schemas and types, derived from catalog names.

const reserved = new Set(['events', 'z']);

/** Turns a catalog name (`check_run$completed`, `order-created`) into a PascalCase identifier. */
export function pascalCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .split(/[^A-Za-z0-9]+/u)
    .filter((word) => word !== '');
  const joined = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  if (joined === '') return 'Schema';
  return /^[0-9]/u.test(joined) ? `_${joined}` : joined;
}

/**
 * Assigns unique type names to `names` in order. A repeated name gets a number (`Order2`), so
 * the caller must pass the names in a stable order for the output to be stable.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>(reserved);
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate) || used.has(`${candidate}Schema`); n++) {
      candidate = `${name}${n}`;
    }
    used.add(candidate);
    used.add(`${candidate}Schema`);
    return candidate;
  });
}

/** Returns whether `key` can be written unquoted as an object literal key. */
export function isIdentifier(key: string): boolean {
  return /^[A-Za-z_$][\w$]*$/u.test(key);
}

/** Writes an object literal key, quoted when it must be. */
export function propertyKey(key: string): string {
  // A literal `__proto__` key, quoted or not, sets the prototype; a computed key does not.
  if (key === '__proto__') return "['__proto__']";
  return isIdentifier(key) ? key : quoteString(key);
}

/** Writes a string literal with single quotes, as the repository's formatter does. */
export function quoteString(value: string): string {
  const json = JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${json}'`;
}

/** Compares strings by UTF-16 code units, independent of the locale. */
export function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
