/** Positional parameters for one statement, and SQL snippets that pick a random element of a list per row. */
export class Params {
  readonly values: unknown[] = [];

  /** `$n` for a value (arrays travel as one parameter). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A random element of a text list, evaluated per row (`random()` is volatile). */
  pick(list: readonly string[]): string {
    return `(${this.add(list)}::text[])[1 + floor(random() * ${list.length})::int]`;
  }

  /** A random element of an integer list. */
  pickInt(list: readonly number[]): string {
    return `(${this.add(list)}::int[])[1 + floor(random() * ${list.length})::int]`;
  }
}

/** Runs one statement with positional parameters and gives its rows. */
export type Query = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;
