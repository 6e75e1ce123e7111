import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';

/** Reads a file of the public signature test vectors copied into test/vectors. */
export function readVectors<T>(name: string): T {
  const url = new URL(`../../../test/vectors/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** The body fields a vector may use: plain text, base64 bytes, or a repeated character. */
export interface VectorBody {
  body?: string;
  body_base64?: string;
  body_repeat?: { char: string; count: number };
}

/** Returns the exact bytes of a vector's body. */
export function vectorBody(vector: VectorBody): Buffer {
  if (vector.body_base64 !== undefined) return Buffer.from(vector.body_base64, 'base64');
  if (vector.body_repeat !== undefined) {
    return Buffer.from(vector.body_repeat.char.repeat(vector.body_repeat.count));
  }
  return Buffer.from(vector.body ?? '');
}
