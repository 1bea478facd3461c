/** One problem with one field of an input, as the API and the CLI report it. */
export interface FieldError {
  /** Dotted path into the input, e.g. `payload.call.id` or `terms.3.maxDistance`. */
  field: string;
  message: string;
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** zod issues as field errors; `root` names a problem with the input as a whole. */
export const fieldErrors = (issues: readonly Issue[], root = '(body)'): FieldError[] =>
  issues.map((issue) => ({
    field: issue.path.map(String).join('.') || root,
    message: issue.message,
  }));

/** "terms.3.maxDistance: maxDistance must be …", one line per problem. */
export const fieldErrorLines = (issues: readonly Issue[], root = '(body)'): string[] =>
  fieldErrors(issues, root).map((e) => `${e.field}: ${e.message}`);
