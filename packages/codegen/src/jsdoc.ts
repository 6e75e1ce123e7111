import { isObject } from './pointer.js';

/**
 * Collects the JSDoc text of a schema from its `description` (or `title`), `deprecated` and
 * `default`, one entry per line. Returns no lines when the schema has none of them.
 */
export function docText(schema: unknown, lead: readonly string[] = []): string[] {
  const text: string[] = [...lead];
  if (isObject(schema)) {
    const description = typeof schema.description === 'string' ? schema.description : schema.title;
    if (typeof description === 'string' && description.trim() !== '') {
      if (text.length > 0) text.push('');
      text.push(...description.trim().split(/\r?\n/u));
    }
    if (schema.deprecated === true) text.push('@deprecated');
    if (schema.default !== undefined) text.push(`@default ${JSON.stringify(schema.default)}`);
  }
  return text;
}

/**
 * Formats JSDoc text as comment lines that fit in `width` columns: one `/** text *\/` line when
 * it fits, and a block with lines wrapped at spaces otherwise.
 */
export function formatComment(text: readonly string[], width: number): string[] {
  const escaped = text.map((line) => line.trimEnd().replaceAll('*/', '*\\/'));
  if (escaped.length === 0) return [];
  const single = `/** ${escaped[0]} */`;
  if (escaped.length === 1 && single.length <= width) return [single];
  const lines = escaped.flatMap((line) => wrap(line, Math.max(width - 3, 40)));
  return ['/**', ...lines.map((line) => (line === '' ? ' *' : ` * ${line}`)), ' */'];
}

/** Breaks a line longer than `width` at spaces; a longer word stays whole. */
function wrap(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    if (space <= 0) break;
    lines.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  lines.push(rest);
  return lines;
}
