import { error, Finding, PathSegment } from '../../diagnostics/finding';
import { LIMITS, NAME_PATTERN } from '../../model/aws';
import { Environment } from '../../model/environment';
import { TableSchema } from '../../model/table-schema';
import { Loaded } from '../../model/inputs';

/** DynamoDB table and index names: 3-255 characters from [a-zA-Z0-9_.-]. */
export function nameProblem(name: string): string | undefined {
  if (name.length < LIMITS.nameMin || name.length > LIMITS.nameMax) {
    return `is ${name.length} characters long; DynamoDB names are ${LIMITS.nameMin}-${LIMITS.nameMax} characters`;
  }
  if (!NAME_PATTERN.test(name)) {
    const bad = [...new Set(name.replace(/[a-zA-Z0-9_.-]/g, ''))].join('');
    return `contains ${JSON.stringify(bad)}; DynamoDB names use only letters, digits, "_", "." and "-"`;
  }
  return undefined;
}

export function checkNames({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const check = (name: string, path: PathSegment[], what: string) => {
    const problem = nameProblem(name);
    if (problem) findings.push(error('name', file, path, `${what} "${name}" ${problem}`, 'rename it; e.g. replace spaces with "-"'));
  };
  check(t.tableName, ['tableName'], 'table name');
  for (const [env, o] of Object.entries(t.overrides ?? {})) {
    if (o.tableName !== undefined) check(o.tableName, ['overrides', env, 'tableName'], 'table name');
  }
  const seen = new Map<string, string>();
  const indexes: [string, PathSegment[]][] = [
    ...(t.globalSecondaryIndexes ?? []).map((g, i): [string, PathSegment[]] => [g.indexName, ['globalSecondaryIndexes', i, 'indexName']]),
    ...(t.localSecondaryIndexes ?? []).map((l, i): [string, PathSegment[]] => [l.indexName, ['localSecondaryIndexes', i, 'indexName']]),
  ];
  for (const [name, path] of indexes) {
    check(name, path, 'index name');
    const prev = seen.get(name);
    if (prev) {
      findings.push(error('index-name-unique', file, path, `index name "${name}" is already used by ${prev}`,
        'give every index of a table its own name'));
    } else {
      seen.set(name, `$.${path[0]}[${path[1]}]`);
    }
  }
  return findings;
}

/** Schema files are named after their table, so `schemas/` reads like a table list. */
export function checkFileName({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const base = file.split('/').pop()!.replace(/\.schema\.json$/, '');
  return base === t.tableName ? [] : [error('file-name', file, ['tableName'],
    `tableName "${t.tableName}" does not match the file name "${base}.schema.json"`,
    `rename the file to ${t.tableName}.schema.json, or set tableName to "${base}"`)];
}

/** Two schemas declaring the same table would fight over one AWS table. */
export function checkTableNamesUnique(schemas: readonly Loaded<TableSchema>[]): Finding[] {
  const seen = new Map<string, string>();
  const findings: Finding[] = [];
  for (const s of schemas) {
    const prev = seen.get(s.value.tableName);
    if (prev) {
      findings.push(error('table-name-unique', s.file, ['tableName'], `table "${s.value.tableName}" is also declared in ${prev}`,
        'each table has exactly one schema file; remove or rename one of them'));
    } else {
      seen.set(s.value.tableName, s.file);
    }
  }
  return findings;
}

/**
 * DynamoDB table names are unique per account and region: two schemas that
 * resolve to one physical name in an environment (through
 * `overrides.<env>.tableName`) would both manage that one table.
 */
export function checkPhysicalNamesUnique(schemas: readonly Loaded<TableSchema>[], environments: readonly Loaded<Environment>[]): Finding[] {
  const findings: Finding[] = [];
  for (const { value: e } of environments) {
    const seen = new Map<string, Loaded<TableSchema>>();
    for (const s of schemas) {
      const override = s.value.overrides?.[e.name]?.tableName;
      const physical = override ?? s.value.tableName;
      const prev = seen.get(physical);
      if (!prev) {
        seen.set(physical, s);
      } else if (prev.value.tableName !== s.value.tableName) {
        findings.push(error('table-name-unique', s.file, override !== undefined ? ['overrides', e.name, 'tableName'] : ['tableName'],
          `in ${e.name}, table "${physical}" is also the physical name of ${prev.file}`,
          `give one of them another overrides.${e.name}.tableName`));
      }
    }
  }
  return findings;
}
