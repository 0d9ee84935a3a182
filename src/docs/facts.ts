/**
 * Facts the design document derives from the inputs: one view per table
 * joining its schema with its resolved settings in every environment, its
 * indexes in one list, and the design patterns the data shows. Pure.
 */
import { compareStrings } from '../text/compare';
import { Inputs } from '../model/inputs';
import { EnvironmentModel, Model, ResolvedTable } from '../model/resolved';
import { AccessPattern, Attribute, TableSchema } from '../model/table-schema';

export interface TableInEnvironment {
  readonly env: EnvironmentModel;
  readonly table: ResolvedTable;
}

export interface TableView {
  readonly file: string;
  readonly schema: TableSchema;
  /** The table in every environment, in the model's order. */
  readonly environments: readonly TableInEnvironment[];
}

export type Projection = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface IndexView {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly projection: Projection;
  readonly nonKeyAttributes: readonly string[];
  readonly description?: string;
}

/** Every table, sorted by name, with its resolved settings per environment. */
export function tableViews(inputs: Inputs, model: Model): TableView[] {
  return [...inputs.schemas]
    .sort((a, b) => compareStrings(a.value.tableName, b.value.tableName))
    .map((s) => ({
      file: s.file,
      schema: s.value,
      environments: model.environments.flatMap((env) => env.tables
        .filter((t) => t.logicalName === s.value.tableName)
        .map((table) => ({ env, table }))),
    }));
}

/** GSIs then LSIs, each in file order. An LSI's partition key is the table's. */
export function indexViews(s: TableSchema): IndexView[] {
  return [
    ...(s.globalSecondaryIndexes ?? []).map((g): IndexView => ({
      name: g.indexName,
      kind: 'GSI',
      partitionKey: g.partitionKey.name,
      ...(g.sortKey ? { sortKey: g.sortKey.name } : {}),
      projection: g.projectionType,
      nonKeyAttributes: g.nonKeyAttributes ?? [],
      ...(g.description ? { description: g.description } : {}),
    })),
    ...(s.localSecondaryIndexes ?? []).map((l): IndexView => ({
      name: l.indexName,
      kind: 'LSI',
      partitionKey: s.primaryKey.partitionKey.name,
      sortKey: l.sortKey.name,
      projection: l.projectionType,
      nonKeyAttributes: l.nonKeyAttributes ?? [],
      ...(l.description ? { description: l.description } : {}),
    })),
  ];
}

export function tableKeyNames(s: TableSchema): string[] {
  return [s.primaryKey.partitionKey.name, ...(s.primaryKey.sortKey ? [s.primaryKey.sortKey.name] : [])];
}

export function indexKeyNames(i: IndexView): string[] {
  return [i.partitionKey, ...(i.sortKey ? [i.sortKey] : [])];
}

/** Whether every item carries the index's key attributes, so the index holds every item. */
export function isSparse(s: TableSchema, i: IndexView): boolean {
  return indexKeyNames(i).some((k) => !tableKeyNames(s).includes(k) && s.attributes.find((a) => a.name === k)?.required !== true);
}

/** A key pattern split into its constant prefix and its `{placeholders}`. */
export interface KeyPattern {
  readonly pattern: string;
  /** Text before the first placeholder; the whole pattern when it has none. */
  readonly prefix: string;
  readonly placeholders: readonly string[];
}

export function keyPattern(pattern: string | undefined): KeyPattern | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  const brace = pattern.indexOf('{');
  return {
    pattern,
    prefix: brace === -1 ? pattern : pattern.slice(0, brace),
    placeholders: [...pattern.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]),
  };
}

/** A number attribute holding only 1 and 0, or a BOOL: an on/off flag. */
export function isFlag(a: Attribute): boolean {
  if (a.type === 'BOOL') return true;
  if (a.type !== 'N' || !a.enum || a.enum.length !== 2) return false;
  const values = a.enum.map(String).sort();
  return values[0] === '0' && values[1] === '1';
}

const SOFT_DELETE = /soft[- ]?delet/i;

export interface SoftDelete {
  readonly table: string;
  readonly attribute: string;
  /** Business-rule and access-pattern ids that mention soft deletion. */
  readonly evidence: readonly string[];
}

/** Tables whose flag attribute the rules, patterns or the attribute itself describe as a soft delete. */
export function softDeletes(views: readonly TableView[]): SoftDelete[] {
  return views.flatMap((v) => {
    const flags = v.schema.attributes.filter(isFlag);
    if (flags.length === 0) return [];
    const rules = (v.schema.businessRules ?? []).flatMap((r, i) => {
      const [id, description] = typeof r === 'string' ? [`rule ${i + 1}`, r] : [r.id, r.description];
      return SOFT_DELETE.test(description) ? [{ id, description }] : [];
    });
    const patterns = (v.schema.accessPatterns ?? []).filter((p) => SOFT_DELETE.test(p.description));
    return flags.flatMap((f) => {
      const about = (d: string) => flags.length === 1 || d.includes(f.name);
      const evidence = [...rules.filter((r) => about(r.description)).map((r) => r.id), ...patterns.filter((p) => about(p.description)).map((p) => p.id)];
      if (evidence.length === 0 && !SOFT_DELETE.test(f.description ?? '')) return [];
      return [{ table: v.schema.tableName, attribute: f.name, evidence }];
    });
  });
}

export interface Activatable {
  readonly table: string;
  readonly attribute: string;
  readonly index: IndexView;
  /** Access patterns served by the index. */
  readonly patterns: readonly string[];
}

/** Flag attributes that partition an index: "list the active ones" is one Query. */
export function activatables(views: readonly TableView[]): Activatable[] {
  return views.flatMap((v) => {
    const flags = new Set(v.schema.attributes.filter(isFlag).map((a) => a.name));
    return indexViews(v.schema)
      .filter((i) => i.kind === 'GSI' && flags.has(i.partitionKey))
      .map((index) => ({
        table: v.schema.tableName,
        attribute: index.partitionKey,
        index,
        patterns: patternsServedBy(v.schema, index.name).map((p) => p.id),
      }));
  });
}

export interface Ownership {
  /** The referencing (child) table. */
  readonly child: string;
  /** The referenced (parent) table. */
  readonly parent: string;
  /** The attribute or key placeholder holding the parent's id. */
  readonly attribute: string;
  /** The parent's partition-key pattern the attribute fills in. */
  readonly parentPattern: string;
  /** Where the child uses the attribute: "attribute", "partition key pattern", index names. */
  readonly usedIn: readonly string[];
  /** Child indexes partitioned by the attribute: they list a parent's children. */
  readonly indexes: readonly IndexView[];
  /** Access patterns those indexes serve. */
  readonly patterns: readonly string[];
}

/**
 * Table A references table B when A has an attribute, index key or key
 * placeholder named like the placeholder of B's partition-key pattern, and
 * that placeholder names B's entity (`{productId}` in `PRODUCT#{productId}`).
 */
export function ownerships(views: readonly TableView[]): Ownership[] {
  const parents = views.flatMap((v) => {
    const pk = keyPattern(v.schema.primaryKey.partitionKey.pattern);
    const entity = pk?.prefix.replace(/[^A-Za-z0-9]/g, '').toLowerCase() ?? '';
    return (pk?.placeholders ?? [])
      .filter((p) => entity !== '' && p.toLowerCase().startsWith(entity))
      .map((placeholder) => ({ table: v.schema.tableName, placeholder, pattern: pk!.pattern }));
  });
  return views.flatMap((child) => {
    const s = child.schema;
    const keyPlaceholders = [s.primaryKey.partitionKey.pattern, s.primaryKey.sortKey?.pattern]
      .flatMap((p) => keyPattern(p)?.placeholders ?? []);
    return parents
      .filter((p) => p.table !== s.tableName)
      .flatMap((parent) => {
        const name = parent.placeholder;
        const indexes = indexViews(s).filter((i) => i.partitionKey === name);
        const usedIn = [
          ...(s.attributes.some((a) => a.name === name) ? ['attribute'] : []),
          ...(keyPlaceholders.includes(name) ? ['key pattern'] : []),
          ...indexViews(s).filter((i) => indexKeyNames(i).includes(name)).map((i) => i.name),
        ];
        if (usedIn.length === 0) return [];
        return [{
          child: s.tableName,
          parent: parent.table,
          attribute: name,
          parentPattern: parent.pattern,
          usedIn,
          indexes,
          patterns: indexes.flatMap((i) => patternsServedBy(s, i.name).map((p) => p.id)),
        }];
      });
  });
}

/** Access patterns that name the index; `undefined` means the table's primary key. */
export function patternsServedBy(s: TableSchema, index: string | undefined): AccessPattern[] {
  return (s.accessPatterns ?? []).filter((p) => p.index === index);
}

export interface Uniqueness {
  readonly table: string;
  readonly attribute: string;
  /** Set when the attribute is part of the primary key's pattern, which DynamoDB keeps unique. */
  readonly keyPattern?: string;
  /** Indexes keyed on the attribute. */
  readonly indexes: readonly string[];
}

/** Attributes declared unique, and whether the primary key enforces it. */
export function uniqueAttributes(views: readonly TableView[]): Uniqueness[] {
  return views.flatMap((v) => {
    const s = v.schema;
    const pk = keyPattern(s.primaryKey.partitionKey.pattern);
    const sk = keyPattern(s.primaryKey.sortKey?.pattern ?? undefined);
    const inKey = (name: string) => tableKeyNames(s).includes(name)
      || ((pk?.placeholders.includes(name) ?? false) && (sk === undefined || sk.placeholders.length === 0));
    return s.attributes.filter((a) => a.unique).map((a) => ({
      table: s.tableName,
      attribute: a.name,
      ...(inKey(a.name) ? { keyPattern: pk?.pattern ?? a.name } : {}),
      indexes: indexViews(s).filter((i) => i.partitionKey === a.name).map((i) => i.name),
    }));
  });
}

export interface ConditionalCreate {
  readonly table: string;
  readonly pattern: AccessPattern;
}

/** Puts guarded by `attribute_not_exists`: create, never overwrite. */
export function conditionalCreates(views: readonly TableView[]): ConditionalCreate[] {
  return views.flatMap((v) => (v.schema.accessPatterns ?? [])
    .filter((p) => p.operation === 'PutItem' && /attribute_not_exists/.test(p.filter ?? ''))
    .map((pattern) => ({ table: v.schema.tableName, pattern })));
}

/** One value when every entry agrees, else "a: x; b: y" per entry. */
export function collapse<T>(entries: readonly T[], label: (e: T) => string, value: (e: T) => string): string {
  const values = entries.map(value);
  if (values.length > 0 && values.every((x) => x === values[0])) return values[0];
  return entries.map((e, i) => `${label(e)}: ${values[i]}`).join('; ');
}

export function onOff(b: boolean): string {
  return b ? 'on' : 'off';
}
