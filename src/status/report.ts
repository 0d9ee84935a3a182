/**
 * The status report: desired state (dist/) + live XRs → one verdict per XR,
 * per environment. Pure: the caller passes `now`, the only clock reading, used
 * for the age of each XR's last condition transition.
 */
import { compareStrings } from '../text/compare';
import { TABLE_XR_KIND, XR_KINDS, XrKind } from '../model/xr-api';
import { DesiredState } from './desired';
import { DriftEntry, specDrift } from './drift';
import { JsonObject, JsonValue, isObject } from '../json/json';

export interface ConditionView {
  /** `True`, `False`, `Unknown`, or `Missing` when the XR has no such condition yet. */
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

/**
 * A composed resource the provider reports a failure for (its Synced=False,
 * or a failed LastAsyncOperation), from the copy the Composition keeps in
 * `status.resources.<name>.conditions`: Crossplane never puts these on the
 * XR's own conditions.
 */
export interface AwsProblem {
  /** The composed resource's name in the Composition, e.g. `table`, `plan`. */
  readonly resource: string;
  readonly type: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface ResourceView {
  readonly kind: XrKind;
  /** metadata.name of the XR. */
  readonly name: string;
  /** The AWS name: spec.tableName for a table, spec.planName for a backup plan. */
  readonly awsName?: string;
  readonly region?: string;
  readonly ready: ConditionView;
  readonly synced: ConditionView;
  /** Table ARN, or backup plan ARN. */
  readonly arn?: string;
  readonly streamArn?: string;
  /** Latest lastTransitionTime of any condition, and its age relative to `now`. */
  readonly lastTransitionTime?: string;
  readonly lastTransitionAge?: string;
  /**
   * What the provider says about the composed resources: `undefined` when the
   * XR carries no copy yet (nothing composed, or an older Composition).
   */
  readonly aws?: { readonly problems: readonly AwsProblem[] };
  /** Where the live spec differs from dist/; empty for an XR git does not have. */
  readonly drift: readonly DriftEntry[];
  /** False for an XR that exists only in the cluster. */
  readonly inGit: boolean;
}

export interface MissingView {
  readonly kind: XrKind;
  readonly name: string;
  /** dist-relative file it is rendered to. */
  readonly file: string;
}

export interface EnvironmentView {
  readonly name: string;
  readonly namespace: string;
  /** Live XRs, sorted by kind then name. */
  readonly resources: readonly ResourceView[];
  /** Rendered in dist/ but absent from the cluster. */
  readonly missingInCluster: readonly MissingView[];
}

export interface Summary {
  readonly resources: number;
  readonly ready: number;
  readonly notReady: number;
  readonly drifted: number;
  readonly missingInCluster: number;
  readonly notInGit: number;
  /** Every XR in git exists, is Ready and Synced, nothing drifted, nothing extra. */
  readonly ok: boolean;
  /** Every XR in git exists and every live XR is Ready and Synced (what --watch waits for). */
  readonly allReady: boolean;
}

export interface StatusReport {
  readonly context: string;
  readonly server: string;
  /** e.g. `dist/`: where the desired state came from. */
  readonly desiredSource: string;
  readonly now: string;
  readonly environments: readonly EnvironmentView[];
  readonly summary: Summary;
}

/** Live XRs of one namespace, as listed from the API server. */
export type LiveObjects = ReadonlyMap<XrKind, readonly JsonObject[]>;

const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: JsonValue | undefined): JsonObject => (isObject(v) ? v : {});

function condition(status: JsonObject, type: string): ConditionView {
  const list = Array.isArray(status.conditions) ? status.conditions.filter(isObject) : [];
  const c = list.find((x) => x.type === type);
  if (!c) return { status: 'Missing' };
  return {
    status: str(c.status) ?? 'Unknown',
    ...(str(c.reason) ? { reason: str(c.reason) } : {}),
    ...(str(c.message) ? { message: str(c.message) } : {}),
    ...(str(c.lastTransitionTime) ? { lastTransitionTime: str(c.lastTransitionTime) } : {}),
  };
}

/** `45s`, `12m`, `3h20m`, `4d`: coarse like kubectl's AGE column. */
export function formatAge(fromIso: string, now: Date): string | undefined {
  const t = Date.parse(fromIso);
  if (Number.isNaN(t)) return undefined;
  const s = Math.max(0, Math.floor((now.getTime() - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return d < 10 && h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

function latest(times: readonly (string | undefined)[]): string | undefined {
  return times.filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

/** Failures of the composed resources, by resource name, Synced before LastAsyncOperation. */
function awsView(status: JsonObject): ResourceView['aws'] {
  const resources = obj(status.resources);
  const names = Object.keys(resources).sort(compareStrings);
  if (names.length === 0) return undefined;
  const problems: AwsProblem[] = [];
  for (const resource of names) {
    const copy = obj(resources[resource]);
    for (const type of ['Synced', 'LastAsyncOperation']) {
      const c = condition(copy, type);
      if (c.status !== 'False' || (type === 'Synced' && c.reason === 'ReconcilePaused')) continue;
      problems.push({ resource, type, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) });
      // One line per resource: a failed async operation also flips Synced, with the same words.
      break;
    }
  }
  return { problems };
}

function resourceView(kind: XrKind, live: JsonObject, gitSpec: JsonObject | undefined, specSchema: JsonObject, now: Date): ResourceView {
  const spec = obj(live.spec);
  const status = obj(live.status);
  const ready = condition(status, 'Ready');
  const synced = condition(status, 'Synced');
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isObject) : [];
  const lastTransitionTime = latest(conditions.map((c) => str(c.lastTransitionTime)));
  const isTable = kind === TABLE_XR_KIND;
  const awsName = isTable ? str(spec.tableName) : str(spec.planName);
  const arn = isTable ? str(status.arn) : str(status.planArn);
  const streamArn = isTable ? str(status.streamArn) : undefined;
  const age = lastTransitionTime ? formatAge(lastTransitionTime, now) : undefined;
  const aws = awsView(status);
  return {
    kind,
    name: str(obj(live.metadata).name) ?? '',
    ...(awsName ? { awsName } : {}),
    ...(str(spec.region) ? { region: str(spec.region) } : {}),
    ready,
    synced,
    ...(arn ? { arn } : {}),
    ...(streamArn ? { streamArn } : {}),
    ...(lastTransitionTime ? { lastTransitionTime } : {}),
    ...(age ? { lastTransitionAge: age } : {}),
    ...(aws ? { aws } : {}),
    drift: gitSpec ? specDrift(gitSpec, live.spec, specSchema) : [],
    inGit: gitSpec !== undefined,
  };
}

/** Ready and Synced, and no composed resource failing in AWS. */
export const isReady = (r: ResourceView): boolean => r.ready.status === 'True' && r.synced.status === 'True' && (r.aws?.problems.length ?? 0) === 0;

/**
 * Builds the report. `live` maps each selected environment's namespace to its
 * live XRs; environments not in `selected` are left out.
 */
export function buildReport(args: {
  readonly desired: DesiredState;
  readonly selected: readonly string[];
  readonly live: ReadonlyMap<string, LiveObjects>;
  readonly context: string;
  readonly server: string;
  readonly now: Date;
}): StatusReport {
  const { desired, now } = args;
  const environments: EnvironmentView[] = [];
  for (const env of desired.environments.filter((e) => args.selected.includes(e.name))) {
    const live = args.live.get(env.namespace) ?? new Map();
    const resources: ResourceView[] = [];
    const missingInCluster: MissingView[] = [];
    for (const kind of XR_KINDS) {
      const specSchema = desired.kinds.find((k) => k.kind === kind)?.specSchema ?? {};
      const liveObjects = [...(live.get(kind) ?? [])]
        .sort((a, b) => compareStrings(str(obj(a.metadata).name) ?? '', str(obj(b.metadata).name) ?? ''));
      const gitObjects = env.objects.filter((o) => o.kind === kind);
      for (const l of liveObjects) {
        const g = gitObjects.find((o) => o.name === str(obj(l.metadata).name));
        resources.push(resourceView(kind, l, g?.spec, specSchema, now));
      }
      for (const g of gitObjects) {
        if (!liveObjects.some((l) => str(obj(l.metadata).name) === g.name)) missingInCluster.push({ kind, name: g.name, file: g.file });
      }
    }
    environments.push({ name: env.name, namespace: env.namespace, resources, missingInCluster });
  }
  const all = environments.flatMap((e) => e.resources);
  const missing = environments.reduce((n, e) => n + e.missingInCluster.length, 0);
  const ready = all.filter(isReady).length;
  const drifted = all.filter((r) => r.drift.length > 0).length;
  const notInGit = all.filter((r) => !r.inGit).length;
  return {
    context: args.context,
    server: args.server,
    desiredSource: `${desired.distDir.replace(/\/+$/, '')}/`,
    now: now.toISOString(),
    environments,
    summary: {
      resources: all.length,
      ready,
      notReady: all.length - ready,
      drifted,
      missingInCluster: missing,
      notInGit,
      ok: ready === all.length && drifted === 0 && missing === 0 && notInGit === 0,
      allReady: ready === all.length && missing === 0,
    },
  };
}
