import { TableSpec } from '../table-spec';
import { Change } from '../types';

/** One area of a table (keys, indexes, recovery …): the spec fields it explains and how. */
export interface TableTopic {
  /** Top-level XR spec fields this topic accounts for; differences elsewhere are reported generically. */
  readonly fields: readonly string[];
  classify(base: TableSpec, head: TableSpec): Change[];
}

export function keyTypeOf(t: TableSpec, name: string | undefined): string | undefined {
  return name === undefined ? undefined : t.attributes.find((a) => a.name === name)?.type;
}

export function byName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name, i]));
}
