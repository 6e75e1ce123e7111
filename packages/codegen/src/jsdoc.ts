import { isObject } from './pointer.js';

/**
 * Builds the JSDoc lines for a schema from its `description` (or `title`), `deprecated` and
 * `default`. Returns no lines when the schema has none of them.
 */
export function jsdoc(schema: unknown, lead: readonly string[] = []): string[] {
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
  return commentLines(text);
}

const wrapWidth = 88;

function commentLines(text: readonly string[]): string[] {
  const lines = text.flatMap((line) => wrap(line.trimEnd().replaceAll('*/', '*\\/')));
  if (lines.length === 0) return [];
  if (lines.length === 1 && (lines[0]?.length ?? 0) <= 80) return [`/** ${lines[0]} */`];
  return ['/**', ...lines.map((line) => (line === '' ? ' *' : ` * ${line}`)), ' */'];
}

/** Breaks a line longer than the wrap width at spaces; a longer word stays whole. */
function wrap(line: string): string[] {
  const lines: string[] = [];
  let rest = line;
  while (rest.length > wrapWidth) {
    const space = rest.lastIndexOf(' ', wrapWidth);
    if (space <= 0) break;
    lines.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  lines.push(rest);
  return lines;
}
