/** Encodes one JSON pointer segment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. */
export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Appends segments to a `#`-rooted JSON pointer. */
export function joinPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((path, part) => `${path}/${escapeSegment(String(part))}`, pointer);
}

/** Splits a `#`-rooted JSON pointer into decoded segments, or returns `undefined`. */
export function splitPointer(pointer: string): string[] | undefined {
  if (pointer === '#') return [];
  if (!pointer.startsWith('#/')) return undefined;
  return pointer
    .slice(2)
    .split('/')
    .map((part) => decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Returns the value at a `#`-rooted JSON pointer in `root`, or `undefined`. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  const segments = splitPointer(pointer);
  if (segments === undefined) return undefined;
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Returns whether `value` is a plain JSON object (not an array or null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a chain of local `$ref`s from `value`, returning the final value and its pointer. */
export function followRefs(
  root: unknown,
  value: unknown,
  pointer: string,
): { value: unknown; pointer: string } {
  const seen = new Set<string>();
  let current = { value, pointer };
  while (isObject(current.value) && typeof current.value.$ref === 'string') {
    const target = current.value.$ref;
    if (seen.has(target) || splitPointer(target) === undefined) break;
    seen.add(target);
    current = { value: resolvePointer(root, target), pointer: target };
  }
  return current;
}
