import { error, Finding, PathSegment, warning } from '../../diagnostics/finding';
import { Loaded } from '../../model/inputs';
import { CROSSPLANE_TAGS, LIMITS, RESERVED_TAG_PREFIX, TAG_PATTERN } from '../../model/aws';
import { Environment } from '../../model/environment';
import { ProjectConfig } from '../../model/project-config';
import { inBackupIn } from '../../model/table-in-environment';
import { TableSchema } from '../../model/table-schema';
import { TableRuleContext } from './context';

const ALLOWED = 'DynamoDB tags use letters, digits, spaces and + - = . _ : / @';

/**
 * DynamoDB's rules for one tag (developer guide, "Tagging restrictions"): a key
 * of 1-128 characters, a value of at most 256, both from letters, digits,
 * spaces and `+ - = . _ : / @`, and no `aws:` key prefix. TagResource and
 * CreateTable refuse the whole request otherwise ("The Tag Key provided is
 * invalid"), so the table is never created.
 */
export function tagFindings(key: string, value: string, file: string, at: readonly PathSegment[]): Finding[] {
  const findings: Finding[] = [];
  const keyLength = [...key].length;
  if (keyLength < 1 || keyLength > LIMITS.tagKeyMaxLength) {
    findings.push(error('tag-key', file, at, `tag key "${shorten(key)}" is ${keyLength} characters long; DynamoDB allows 1-${LIMITS.tagKeyMaxLength}`,
      'use a shorter key'));
  }
  if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
    findings.push(error('tag-key', file, at, `tag key "${shorten(key)}" starts with "${RESERVED_TAG_PREFIX}", which AWS reserves for its own tags`,
      `use a key without the ${RESERVED_TAG_PREFIX} prefix`));
  }
  const badKey = disallowed(key);
  if (badKey) findings.push(error('tag-key', file, at, `tag key "${shorten(key)}" contains ${JSON.stringify(badKey)}; ${ALLOWED}`, 'remove or replace those characters'));
  const valueLength = [...value].length;
  if (valueLength > LIMITS.tagValueMaxLength) {
    findings.push(error('tag-value', file, at, `tag "${shorten(key)}" has a value of ${valueLength} characters; DynamoDB allows at most ${LIMITS.tagValueMaxLength}`,
      'shorten the value'));
  }
  const badValue = disallowed(value);
  if (badValue) {
    findings.push(error('tag-value', file, at, `tag "${shorten(key)}" value "${shorten(value)}" contains ${JSON.stringify(badValue)}; ${ALLOWED}`,
      'remove or replace those characters'));
  }
  return findings;
}

/** Every tag of a map, checked where it is written. */
export function tagMapFindings(tags: Readonly<Record<string, string>> | undefined, file: string, path: readonly PathSegment[]): Finding[] {
  return Object.entries(tags ?? {}).flatMap(([key, value]) => tagFindings(key, value, file, [...path, key]));
}

/**
 * A table's own tags: DynamoDB's tag rules, the merged count in each
 * environment, and mandatory tags the environment overrides.
 */
export function checkTableTags(s: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const { file, value: t } = s;
  return [
    ...tagMapFindings(t.tags, file, ['tags']),
    ...Object.entries(t.overrides ?? {}).flatMap(([env, o]) => tagMapFindings(o.tags, file, ['overrides', env, 'tags'])),
    ...tagCountFindings(s, ctx),
    ...mandatoryTagFindings(s, ctx),
  ];
}

/**
 * The composed Table carries the environment's tags, the backup selection tag,
 * the table's tags and its override's, merged by key, and the provider adds its
 * own. Reported here only when the table's tags tip it over 50; an environment
 * whose tags alone are too many is reported once, in its own file.
 */
function tagCountFindings({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { file: envFile, value: e } of ctx.environments) {
    const fromEnvironment = environmentTagKeys(e, inBackupIn(t, e) ? ctx.backupSelectionTagKey : undefined);
    if (fromEnvironment.size + CROSSPLANE_TAGS.length > LIMITS.maxTagsPerResource) continue;
    const keys = new Set([...fromEnvironment, ...Object.keys(t.tags ?? {}), ...Object.keys(t.overrides?.[e.name]?.tags ?? {})]);
    if (keys.size + CROSSPLANE_TAGS.length > LIMITS.maxTagsPerResource) {
      findings.push(error('tag-limit', file, t.tags ? ['tags'] : ['overrides', e.name, 'tags'],
        `in ${e.name} this table gets ${keys.size} tags, plus the ${CROSSPLANE_TAGS.length} Crossplane adds (${CROSSPLANE_TAGS.join(', ')}); DynamoDB allows at most ${LIMITS.maxTagsPerResource}`,
        `remove table tags, or tags in ${envFile}`));
    }
  }
  return findings;
}

/** An environment's tags on every table, checked once in the environment file. */
export function checkEnvironmentTags({ file, value: e }: Loaded<Environment>, backupSelectionTagKey: string): Finding[] {
  const keys = environmentTagKeys(e, e.backup?.enabled ? backupSelectionTagKey : undefined);
  return [
    ...tagMapFindings(e.tags, file, ['tags']),
    ...(keys.size + CROSSPLANE_TAGS.length > LIMITS.maxTagsPerResource ? [error('tag-limit', file, ['tags'],
      `every table gets ${keys.size} tags from this environment, plus the ${CROSSPLANE_TAGS.length} Crossplane adds (${CROSSPLANE_TAGS.join(', ')}); DynamoDB allows at most ${LIMITS.maxTagsPerResource}`,
      'remove tags here')] : []),
  ];
}

/** The project's backup selection tag lands on every table in a backup plan. */
export function checkProjectTags({ file, value: p }: Loaded<ProjectConfig>): Finding[] {
  return p.backupSelectionTag ? tagFindings(p.backupSelectionTag.key, p.backupSelectionTag.value, file, ['backupSelectionTag']) : [];
}

function environmentTagKeys(e: Environment, selectionTagKey: string | undefined): Set<string> {
  return new Set([...Object.keys(e.tags ?? {}), ...(selectionTagKey !== undefined ? [selectionTagKey] : [])]);
}

/** Environment tags are policy: a table may add tags but not change a mandatory one. */
function mandatoryTagFindings({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  const envValues = (key: string) => new Set(ctx.environments.map((e) => e.value.tags?.[key]));
  const check = (tags: Record<string, string> | undefined, path: (string | number)[]) => {
    for (const key of Object.keys(tags ?? {})) {
      const values = envValues(key);
      // Repeating the value every environment already sets is harmless.
      if (ctx.mandatoryTags.includes(key) && !(values.size === 1 && values.has(tags![key]))) {
        findings.push(warning('tag-mandatory', file, [...path, key],
          `tag "${key}" is set by each environment and wins over this value ("${tags![key]}")`,
          `remove "${key}" here; change it in environments/<env>.yaml instead`));
      }
    }
  };
  check(t.tags, ['tags']);
  for (const [env, o] of Object.entries(t.overrides ?? {})) check(o.tags, ['overrides', env, 'tags']);
  return findings;
}

/** The characters of `text` a tag may not hold, once each, or undefined. */
function disallowed(text: string): string | undefined {
  if (TAG_PATTERN.test(text)) return undefined;
  return [...new Set([...text].filter((c) => !TAG_PATTERN.test(c)))].join('');
}

/** Long keys and values are cut in messages: the path already says which tag it is. */
function shorten(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
}
