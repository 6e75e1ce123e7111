// A small deterministic pretty printer for the generated module. A node prints on one line when
// it fits in the line width, and otherwise breaks its lists one item per line, close to what
// Biome prints with the repository's settings (width 100, two spaces, trailing commas).

import { formatComment } from './jsdoc.js';

/** A printable piece of code. */
export type Doc = string | Concat | List | Block;

interface Concat {
  readonly kind: 'concat';
  readonly parts: readonly Doc[];
}

/** A bracketed, comma-separated list such as `z.union([a, b])` or `{ a: x }`. */
interface List {
  readonly kind: 'list';
  readonly open: string;
  readonly close: string;
  readonly items: readonly ListItem[];
  /** Puts spaces inside the brackets on one line: `{ a: x }` rather than `[a, b]`. */
  readonly spaced: boolean;
}

/** One list item with the JSDoc text printed above it when the list breaks. */
export interface ListItem {
  readonly comment: readonly string[];
  readonly doc: Doc;
  /** The object key the item declares, so that merged objects can drop repeated keys. */
  readonly key?: string;
}

/** A block that always breaks: `get name() {`, one statement, `}`. */
interface Block {
  readonly kind: 'block';
  readonly head: string;
  readonly body: Doc;
  readonly close: string;
}

/** The line width that the printer fits code and comments into. */
export const lineWidth = 100;
const widths = new WeakMap<object, number>();

export function concat(...parts: Doc[]): Doc {
  return { kind: 'concat', parts };
}

export function list(open: string, items: readonly (Doc | ListItem)[], close: string): Doc {
  const spaced = open.endsWith('{');
  return { kind: 'list', open, close, spaced, items: items.map(toItem) };
}

export function block(head: string, body: Doc, close: string): Doc {
  return { kind: 'block', head, body, close };
}

export function item(doc: Doc, comment: readonly string[] = [], key?: string): ListItem {
  return key === undefined ? { doc, comment } : { doc, comment, key };
}

function toItem(value: Doc | ListItem): ListItem {
  return typeof value === 'object' && 'doc' in value ? value : { doc: value, comment: [] };
}

/**
 * Prints `doc` starting at `column`, with broken lines indented by `indent` spaces. `trailing` is
 * the width of the text that follows on the same line (`.optional(),`), which must fit too.
 */
export function print(doc: Doc, indent = 0, column = indent, trailing = 0): string {
  if (typeof doc === 'string') return doc;
  if (column + flatWidth(doc) + trailing <= lineWidth) return printFlat(doc);
  if (doc.kind === 'concat') return printConcat(doc, indent, column, trailing);
  if (doc.kind === 'block') return printBlock(doc, indent);
  return printBroken(doc, indent);
}

function printConcat(doc: Concat, indent: number, column: number, trailing: number): string {
  let text = '';
  let current = column;
  doc.parts.forEach((part, index) => {
    const printed = print(part, indent, current, suffixWidth(doc.parts, index + 1, trailing));
    text += printed;
    const newline = printed.lastIndexOf('\n');
    current = newline === -1 ? current + printed.length : printed.length - newline - 1;
  });
  return text;
}

/** Measures the plain strings from `start` up to the first part that can break. */
function suffixWidth(parts: readonly Doc[], start: number, trailing: number): number {
  let width = 0;
  for (const part of parts.slice(start)) {
    if (typeof part !== 'string') return width;
    width += part.length;
  }
  return width + trailing;
}

function printBlock(doc: Block, indent: number): string {
  const inner = ' '.repeat(indent + 2);
  return `${doc.head}\n${inner}${print(doc.body, indent + 2)}\n${' '.repeat(indent)}${doc.close}`;
}

function printBroken(doc: List, indent: number): string {
  if (doc.items.length === 0) return `${doc.open}${doc.close}`;
  const inner = ' '.repeat(indent + 2);
  const lines = doc.items.map((entry) => {
    const lines = formatComment(entry.comment, lineWidth - indent - 2);
    const comment = lines.map((line) => `${inner}${line}\n`).join('');
    // The comma is part of the measured line, so a line that fits stays within the width.
    return `${comment}${inner}${print(concat(entry.doc, ','), indent + 2)}`;
  });
  return `${doc.open}\n${lines.join('\n')}\n${' '.repeat(indent)}${doc.close}`;
}

function printFlat(doc: Doc): string {
  if (typeof doc === 'string') return doc;
  if (doc.kind === 'concat') return doc.parts.map(printFlat).join('');
  if (doc.kind === 'block') throw new Error('a block cannot print on one line');
  const items = doc.items.map((entry) => printFlat(entry.doc)).join(', ');
  if (items === '') return `${doc.open}${doc.close}`;
  return doc.spaced ? `${doc.open} ${items} ${doc.close}` : `${doc.open}${items}${doc.close}`;
}

/** Measures `doc` on one line, or returns `Infinity` when it cannot print on one line. */
function flatWidth(doc: Doc): number {
  if (typeof doc === 'string') return doc.includes('\n') ? Number.POSITIVE_INFINITY : doc.length;
  const cached = widths.get(doc);
  if (cached !== undefined) return cached;
  const width = measure(doc);
  widths.set(doc, width);
  return width;
}

function measure(doc: Concat | List | Block): number {
  if (doc.kind === 'block') return Number.POSITIVE_INFINITY;
  if (doc.kind === 'concat')
    return doc.parts.reduce<number>((sum, part) => sum + flatWidth(part), 0);
  if (doc.items.some((entry) => entry.comment.length > 0)) return Number.POSITIVE_INFINITY;
  const items = doc.items.reduce<number>((sum, entry) => sum + flatWidth(entry.doc) + 2, 0);
  // Items are joined by ', ' and a spaced list adds one space inside each bracket.
  const padding = doc.items.length > 0 && !doc.spaced ? -2 : 0;
  return doc.open.length + doc.close.length + items + padding;
}
