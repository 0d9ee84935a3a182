/** Lists and counts in English prose, the way every message and document words them. */

/** "1 table", "3 tables"; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "a, b, c and 4 more": keeps one-line explanations short. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return joinAnd(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** "spec.a changes", "spec.a and spec.b change": a short list as the subject of "change". */
export function listSomeChange(items: readonly string[], max = 3): string {
  return `${listSome(items, max)} change${items.length === 1 ? 's' : ''}`;
}
