/**
 * The live XRs of the selected namespaces, kept current by list + watch
 * events (the informer pattern, without a cache library). Pure data structure.
 */
import { XrKind } from '../model/xr-api';
import { JsonObject, isObject } from '../json/json';
import { LiveObjects } from './report';

const nameOf = (o: JsonObject): string => (isObject(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : '');

export class LiveState {
  private readonly byNamespace = new Map<string, Map<XrKind, Map<string, JsonObject>>>();

  private bucket(namespace: string, kind: XrKind): Map<string, JsonObject> {
    let ns = this.byNamespace.get(namespace);
    if (!ns) this.byNamespace.set(namespace, (ns = new Map()));
    let b = ns.get(kind);
    if (!b) ns.set(kind, (b = new Map()));
    return b;
  }

  /** Replaces everything known about one kind in one namespace (a fresh list). */
  replace(namespace: string, kind: XrKind, items: readonly JsonObject[]): void {
    const b = this.bucket(namespace, kind);
    b.clear();
    for (const o of items) b.set(nameOf(o), o);
  }

  /** Applies a watch event; returns true when it changed an object. */
  apply(namespace: string, kind: XrKind, type: string, object: JsonObject): boolean {
    const b = this.bucket(namespace, kind);
    if (type === 'ADDED' || type === 'MODIFIED') {
      b.set(nameOf(object), object);
      return true;
    }
    if (type === 'DELETED') return b.delete(nameOf(object));
    return false;
  }

  /** namespace → kind → objects, for buildReport. */
  snapshot(): Map<string, LiveObjects> {
    const out = new Map<string, LiveObjects>();
    for (const [ns, kinds] of this.byNamespace) {
      out.set(ns, new Map([...kinds].map(([k, b]) => [k, [...b.values()]])));
    }
    return out;
  }
}
