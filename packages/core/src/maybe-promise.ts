/** A value, or a promise of it, from code that is synchronous when it can be. */
export type MaybePromise<T> = T | Promise<T>;

/** Tells whether `value` is a promise or another thenable. */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
