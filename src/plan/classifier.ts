/**
 * The one shape every classifier has: what creating an object does, what
 * deleting it does, and what changes between two versions of it; the verdict
 * follows from those the same way for every kind.
 */
import { jsonEqual } from '../json/json';
import { KubeObject } from '../render/render';
import { Change, ClassifyContext, Classified } from './types';

/** Classifies one resource from its base and head object; absent on one side means create or delete. */
export type Classifier = (base: KubeObject | undefined, head: KubeObject | undefined, context?: ClassifyContext) => Classified;

export interface ClassifierParts {
  /** What creating the object does. */
  readonly created: (head: KubeObject) => Change[];
  /** What deleting it does. */
  readonly deleted: (base: KubeObject) => Change[];
  /** What changes between the two versions; none when only unexplained details differ. */
  readonly updated: (base: KubeObject, head: KubeObject, context: ClassifyContext) => Change[];
}

/**
 * A classifier from its parts. An update is a replace when a change needs a
 * new resource, and an update as long as anything at all differs, explained
 * or not: a difference is never dropped.
 */
export function classifier(parts: ClassifierParts): Classifier {
  return (base, head, context = {}) => {
    if (!base && head) return { action: 'create', changes: parts.created(head) };
    if (base && !head) return { action: 'delete', changes: parts.deleted(base) };
    if (!base || !head) throw new Error('a classifier needs at least one side');
    const changes = parts.updated(base, head, context);
    if (changes.some((c) => c.risks.includes('replace'))) return { action: 'replace', changes };
    if (changes.length || !jsonEqual(base, head)) return { action: 'update', changes };
    return { action: 'no-op', changes: [] };
  };
}
