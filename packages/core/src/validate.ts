import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { PayloadIssue } from './errors/webhook-error.js';

/** The outcome of validating event data: the parsed value, or the issues found. */
export type ValidationResult =
  | { ok: true; value: unknown }
  | { ok: false; issues: readonly PayloadIssue[] };

/** Validates `data` with any Standard Schema v1 validator, awaiting only async validators. */
export function validate(
  schema: StandardSchemaV1,
  data: unknown,
): ValidationResult | Promise<ValidationResult> {
  const result = schema['~standard'].validate(data);
  return result instanceof Promise ? result.then(toValidationResult) : toValidationResult(result);
}

function toValidationResult(result: StandardSchemaV1.Result<unknown>): ValidationResult {
  if (result.issues === undefined) return { ok: true, value: result.value };
  return { ok: false, issues: result.issues.map(toIssue) };
}

function toIssue(issue: StandardSchemaV1.Issue): PayloadIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' ? segment.key : segment;
    return typeof key === 'number' ? key : String(key);
  });
  return { message: issue.message, path };
}
