import { readdirSync, readFileSync } from 'node:fs';
import { isWebhookError, type ErrorCode } from '@hookline/core';

// A copy of the public signature vectors, checked against the originals in test/vectors.test.ts.
const vectorsDir = new URL('../../../test/vectors/', import.meta.url);

/** Reads one vector file. */
export function readVectors<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8')) as T;
}

/** Lists the vector files. */
export function vectorFiles(): string[] {
  return readdirSync(vectorsDir).filter((file) => file.endsWith('.json'));
}

/** Runs `run` and returns the code of the hookline error it throws, or `'none'`. */
export function codeOf(run: () => unknown): ErrorCode | 'none' | 'not a hookline error' {
  try {
    run();
  } catch (error) {
    return isWebhookError(error) ? error.code : 'not a hookline error';
  }
  return 'none';
}

/** Runs `run` and returns the HTTP status of the hookline error it throws. */
export function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return isWebhookError(error) ? error.status : undefined;
  }
  return undefined;
}
