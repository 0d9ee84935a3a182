import { error, Finding } from '../../diagnostics/finding';
import { Loaded } from '../../model/inputs';
import { tableObjectName } from '../../model/object-name';
import { TableSchema } from '../../model/table-schema';

/**
 * Two tables whose Kubernetes object names are equal would render one XR over
 * the other. `tableObjectName` hashes every name it changes, so this needs a
 * table literally named like another's derived name (`order-items-ff26d5dd`
 * next to `order_items`); identical table names are `table-name-unique`'s.
 */
export function checkObjectNamesUnique(schemas: readonly Loaded<TableSchema>[]): Finding[] {
  const seen = new Map<string, Loaded<TableSchema>>();
  const findings: Finding[] = [];
  for (const s of schemas) {
    const name = tableObjectName(s.value.tableName);
    const prev = seen.get(name);
    if (!prev) {
      seen.set(name, s);
    } else if (prev.value.tableName !== s.value.tableName) {
      findings.push(error('object-name-unique', s.file, ['tableName'],
        `table "${s.value.tableName}" gets the Kubernetes object name "${name}", which table "${prev.value.tableName}" in ${prev.file} gets as well`,
        'rename one of the tables: each needs its own XR name in the environment\'s namespace'));
    }
  }
  return findings;
}

/**
 * Input files whose paths differ only in case are two files on Linux and one
 * on macOS and Windows, where a checkout silently keeps only one of them.
 */
export function checkFileNamesCase(files: readonly string[]): Finding[] {
  const seen = new Map<string, string>();
  const findings: Finding[] = [];
  for (const file of files) {
    const key = file.toLowerCase();
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, file);
    } else if (prev !== file) {
      findings.push(error('file-name-case', file, [],
        `${file} and ${prev} differ only in case: a checkout on macOS or Windows keeps only one of them`,
        'rename one of the files (and its tableName) so the names differ in more than case'));
    }
  }
  return findings;
}
