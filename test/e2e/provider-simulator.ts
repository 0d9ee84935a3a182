/**
 * PROVIDER SIMULATOR: the one simulated piece of the live loop.
 *
 * provider-upjet-aws cannot be built here (the module proxy refuses every
 * version, and it would compile all of terraform-provider-aws), and no AWS
 * API is reachable. This class plays the provider's half of the contract for
 * the managed resources our Compositions compose (dynamodb Table, backup
 * Vault/Plan/Selection, iam Role/RolePolicyAttachment, all `.aws.m.upbound.io`),
 * and keeps an in-memory "AWS": what exists, so tests can tell whether a table
 * was deleted at the provider.
 *
 * It follows what crossplane-runtime v2's managed reconciler and upjet's async
 * Terraform plugin SDK client do (read from their sources; docs/live-loop.md
 * lists them):
 *  - finalizer `finalizer.managedresource.crossplane.io`, added before create;
 *  - `crossplane.io/external-name`: the name the Composition patches in, or
 *    metadata.name; for kinds whose AWS id is generated (Plan, Selection,
 *    RolePolicyAttachment) it is set from the id after create;
 *  - `crossplane.io/external-create-pending` before create, then
 *    `external-create-succeeded` (or `external-create-failed`), all kept as
 *    timestamps the way crossplane-runtime keeps them;
 *  - conditions: Ready Creating → Available, Deleting; Synced
 *    ReconcileSuccess / ReconcileError with crossplane-runtime's wrapping
 *    ("create failed: ", "update failed: ", "observe failed: ", "cannot
 *    resolve references: "); upjet's LastAsyncOperation (Success, or False
 *    with AsyncCreateFailure / AsyncUpdateFailure and "async create failed: "
 *    + "failed to create the resource: [{0 <diagnostic>  []}]");
 *    observedGeneration on every condition;
 *  - spec.managementPolicies: Observe only never creates, updates or deletes
 *    (a missing resource is "observe failed: external resource does not
 *    exist"); without Delete (or *), deleting the MR only removes the
 *    finalizer and the AWS resource stays (orphaned);
 *  - references: `*Selector.matchControllerRef` resolved to a resource of the
 *    referenced kind with the same controller, as the generated resolvers do
 *    (role ← Role external name, iamRoleArn ← Role atProvider.arn, planId ←
 *    Plan external name);
 *  - status.atProvider: spec.forProvider as observed, plus arn, id,
 *    streamArn/streamLabel (streams on) and tagsAll.
 *
 * Tests inject AWS refusals with refuse(): the operation fails with the given
 * AWS error text, formatted the way terraform-provider-aws and the AWS SDK
 * format it, on create (the MR never becomes Ready) or on update (a Ready MR
 * turns Synced=False and stays Ready).
 */
import { randomUUID } from 'crypto';

import { KubeApiError, KubeObject, KubeRest, ResourceType } from '../harness/kube-rest';

export const MR_FINALIZER = 'finalizer.managedresource.crossplane.io';
const EXTERNAL_NAME = 'crossplane.io/external-name';
const CREATE_PENDING = 'crossplane.io/external-create-pending';
const CREATE_SUCCEEDED = 'crossplane.io/external-create-succeeded';
const CREATE_FAILED = 'crossplane.io/external-create-failed';
/** crossplane-runtime's default: a resource created this recently may not be observable yet. */
const CREATION_GRACE_MS = 30_000;
/**
 * How long an AWS create takes here. Real creates take seconds; without any
 * delay the burst of writes a create makes trips Crossplane's per-XR watch
 * circuit breaker (50 update events), which a real provider never does.
 */
const CREATE_LATENCY_MS = 1000;

/** One managed resource kind the simulator serves, with its AWS facts. */
interface SimulatedKind {
  readonly type: ResourceType;
  readonly kind: string;
  /** terraform-provider-aws's name for it in diagnostics ("creating Amazon DynamoDB Table (x): …"). */
  readonly awsName: string;
  /** The AWS SDK service and operations in error messages. */
  readonly service: string;
  readonly createOp: string;
  readonly updateOp: string;
  /** true: AWS generates the id, which becomes the external name after create. */
  readonly generatedId: boolean;
  /** ARN of a resource, or undefined for kinds without one. */
  arn(a: ArnParts): string | undefined;
}

interface ArnParts {
  readonly region: string;
  readonly account: string;
  readonly id: string;
}

const m = (group: string, plural: string): ResourceType => ({ group: `${group}.aws.m.upbound.io`, version: 'v1beta1', plural });

export const SIMULATED_KINDS: readonly SimulatedKind[] = [
  { type: m('dynamodb', 'tables'), kind: 'Table', awsName: 'Amazon DynamoDB Table', service: 'DynamoDB', createOp: 'CreateTable', updateOp: 'UpdateTable', generatedId: false,
    arn: (a) => `arn:aws:dynamodb:${a.region}:${a.account}:table/${a.id}` },
  { type: m('backup', 'vaults'), kind: 'Vault', awsName: 'Backup Vault', service: 'Backup', createOp: 'CreateBackupVault', updateOp: 'TagResource', generatedId: false,
    arn: (a) => `arn:aws:backup:${a.region}:${a.account}:backup-vault:${a.id}` },
  { type: m('backup', 'plans'), kind: 'Plan', awsName: 'Backup Plan', service: 'Backup', createOp: 'CreateBackupPlan', updateOp: 'UpdateBackupPlan', generatedId: true,
    arn: (a) => `arn:aws:backup:${a.region}:${a.account}:backup-plan:${a.id}` },
  { type: m('backup', 'selections'), kind: 'Selection', awsName: 'Backup Selection', service: 'Backup', createOp: 'CreateBackupSelection', updateOp: 'CreateBackupSelection', generatedId: true,
    arn: () => undefined },
  { type: m('iam', 'roles'), kind: 'Role', awsName: 'IAM Role', service: 'IAM', createOp: 'CreateRole', updateOp: 'UpdateRole', generatedId: false,
    arn: (a) => `arn:aws:iam::${a.account}:role/${a.id}` },
  { type: m('iam', 'rolepolicyattachments'), kind: 'RolePolicyAttachment', awsName: 'IAM Role Policy Attachment', service: 'IAM', createOp: 'AttachRolePolicy', updateOp: 'AttachRolePolicy', generatedId: true,
    arn: () => undefined },
];

/** A resource in the simulated AWS account. */
export interface AwsRecord {
  readonly kind: string;
  readonly account: string;
  readonly region: string;
  /** The AWS identifier (table name, vault name, role name, plan id, ...). */
  readonly id: string;
  readonly arn?: string;
  /** The configuration AWS holds, as the provider last wrote it (spec.forProvider minus references). */
  config: Record<string, unknown>;
  readonly createdAt: string;
  /** When the asynchronous create finishes (ms since the epoch). */
  readonly readyAt?: number;
}

/** An AWS refusal to inject. */
export interface Refusal {
  readonly kind: string;
  readonly namespace: string;
  /** The external name (for a Table: the table name). */
  readonly externalName: string;
  readonly operation: 'create' | 'update';
  /** The AWS error as the SDK reports it after "api error ", e.g. `AccessDeniedException: User: … is not authorized …`. */
  readonly error: string;
}

type Condition = { type: string; status: string; reason: string; message?: string; lastTransitionTime: string; observedGeneration?: number };
type Mr = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const sortedJson = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v);

export class ProviderSimulator {
  /** The simulated AWS: `<account>/<region>/<kind>/<id>` → record. */
  readonly aws = new Map<string, AwsRecord>();
  /** What the simulator did, newest last (for failure diagnostics). */
  readonly events: string[] = [];
  private readonly refusals: Refusal[] = [];
  private readonly stops: Array<() => void> = [];
  private readonly queue = new Set<string>();
  private readonly latest = new Map<string, Mr>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /**
   * Keys whose last create or update was refused, and when they may be tried
   * again: the provider's controller requeues a failed reconcile with an
   * exponential per-object backoff, so its own status writes do not make it
   * retry at once.
   */
  private readonly backoff = new Map<string, { until: number; delayMs: number }>();
  /** Keys whose last create was refused: retried without the creation grace period. */
  private readonly lastError = new Map<string, string>();
  private running = false;
  private draining = false;

  constructor(private readonly rest: KubeRest) {}

  /** Lists and watches every simulated kind; reconciles on every change. */
  async start(): Promise<void> {
    this.running = true;
    for (const k of SIMULATED_KINDS) await this.watchKind(k);
  }

  stop(): void {
    this.running = false;
    for (const s of this.stops) s();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  refuse(r: Refusal): void {
    this.refusals.push(r);
    this.events.push(`refuse ${r.operation} ${r.kind} ${r.namespace}/${r.externalName}: ${r.error}`);
    // Reconcile what it applies to now, as the provider's next poll would.
    for (const [key, mr] of this.latest) {
      if (mr.kind === r.kind && mr.metadata?.namespace === r.namespace) this.enqueue(key, 0);
    }
  }

  /** Lifts every refusal for that resource. */
  allow(kind: string, namespace: string, externalName: string): void {
    for (let i = this.refusals.length - 1; i >= 0; i--) {
      const r = this.refusals[i];
      if (r.kind === kind && r.namespace === namespace && r.externalName === externalName) this.refusals.splice(i, 1);
    }
    // As when the next backoff ends: the provider tries again and AWS now accepts.
    for (const key of this.latest.keys()) if (key.startsWith(`${kind}/${namespace}/`)) this.backoff.delete(key);
    for (const [key, mr] of this.latest) if (mr.kind === kind && mr.metadata?.namespace === namespace) this.enqueue(key, 0);
  }

  /** The AWS record of a resource in an account, if it exists. */
  find(kind: string, account: string, region: string, id: string): AwsRecord | undefined {
    return this.aws.get(this.awsKey({ kind, account, region, id }));
  }

  private async watchKind(k: SimulatedKind): Promise<void> {
    if (!this.running) return;
    const { items, resourceVersion } = await this.rest.list(k.type);
    for (const o of items) this.observe(k, o as Mr);
    this.stops.push(this.rest.watch(k.type, undefined, resourceVersion,
      (e) => {
        if (e.type === 'ADDED' || e.type === 'MODIFIED') this.observe(k, e.object as Mr);
        if (e.type === 'DELETED') this.latest.delete(this.key(k, e.object));
      },
      () => {
        if (this.running) this.later(() => void this.watchKind(k).catch((err: Error) => this.events.push(`watch ${k.kind}: ${err.message}`)), 500);
      }));
  }

  private key(k: SimulatedKind, o: KubeObject): string {
    return `${k.kind}/${o.metadata?.namespace}/${o.metadata?.name}`;
  }

  private observe(k: SimulatedKind, o: Mr): void {
    const key = this.key(k, o);
    this.latest.set(key, o);
    this.enqueue(key, 0);
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private enqueue(key: string, delayMs: number): void {
    if (delayMs > 0) {
      this.later(() => this.enqueue(key, 0), delayMs);
      return;
    }
    this.queue.add(key);
    void this.drain();
  }

  // One reconcile at a time: the provider's workers never touch one object concurrently.
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.running && this.queue.size > 0) {
        const key = this.queue.values().next().value as string;
        this.queue.delete(key);
        const mr = this.latest.get(key);
        const k = SIMULATED_KINDS.find((x) => key.startsWith(`${x.kind}/`));
        if (!mr || !k) continue;
        try {
          await this.reconcile(k, key, mr);
        } catch (e) {
          if (e instanceof KubeApiError && (e.status === 409 || e.status === 404)) {
            // A newer version is on its way through the watch (or the object is gone).
            continue;
          }
          this.events.push(`reconcile ${key}: ${(e as Error).message}`);
          this.enqueue(key, 1000);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** True (and requeued) while a refused operation on key waits for its retry. */
  private backingOff(key: string): boolean {
    const b = this.backoff.get(key);
    if (!b || b.until <= Date.now()) return false;
    this.enqueue(key, b.until - Date.now());
    return true;
  }

  private refused(key: string): void {
    const delayMs = Math.min((this.backoff.get(key)?.delayMs ?? 500) * 2, 30_000);
    this.backoff.set(key, { until: Date.now() + delayMs, delayMs });
    this.enqueue(key, delayMs);
  }

  private policies(mr: Mr): Set<string> {
    const p = (mr.spec?.managementPolicies as string[] | undefined) ?? ['*'];
    return new Set(p);
  }

  private async accountOf(mr: Mr): Promise<string> {
    const ref = mr.spec?.providerConfigRef as { name?: string } | undefined;
    const pc = ref?.name
      ? await this.rest.find({ group: 'aws.m.upbound.io', version: 'v1beta1', plural: 'providerconfigs' }, mr.metadata?.namespace, ref.name)
      : undefined;
    const chain = ((pc?.spec as { assumeRoleChain?: Array<{ roleARN?: string }> } | undefined)?.assumeRoleChain ?? []);
    const roleArn = chain[chain.length - 1]?.roleARN ?? '';
    const account = /^arn:aws:iam::(\d{12}):/.exec(roleArn)?.[1];
    if (!account) throw new Error(`cannot get the AWS account: ProviderConfig ${mr.metadata?.namespace}/${ref?.name ?? '<none>'} has no assumeRoleChain role ARN`);
    return account;
  }

  private async reconcile(k: SimulatedKind, key: string, mr: Mr): Promise<void> {
    const policy = this.policies(mr);
    const all = policy.has('*');
    const can = (a: string): boolean => all || policy.has(a);
    const observeOnly = policy.size === 1 && policy.has('Observe');
    const deleting = mr.metadata?.deletionTimestamp !== undefined;
    const forProvider = (mr.spec?.forProvider ?? {}) as Record<string, unknown>;
    const region = (forProvider.region as string | undefined) ?? '';

    if (deleting && !can('Delete')) {
      await this.removeFinalizer(k, mr, `released ${key}: management policies have no Delete; the AWS resource stays`);
      return;
    }

    if (!deleting) {
      const resolved = await this.resolveReferences(k, mr);
      if (resolved.error) {
        await this.setConditions(k, mr, [this.synced(false, `cannot resolve references: ${resolved.error}`)]);
        this.enqueue(key, 2000);
        return;
      }
      if (resolved.changed) {
        await this.rest.replace(k.type, resolved.mr);
        return;
      }
    }

    let account: string;
    try {
      account = await this.accountOf(mr);
    } catch (e) {
      await this.setConditions(k, mr, [this.synced(false, `connect failed: ${(e as Error).message}`)]);
      this.enqueue(key, 2000);
      return;
    }
    const annotations = mr.metadata?.annotations ?? {};
    const externalName = annotations[EXTERNAL_NAME] ?? (k.generatedId ? undefined : mr.metadata?.name);
    const stored = externalName ? this.find(k.kind, account, region, externalName) : undefined;

    if (!stored && observeOnly) {
      await this.setConditions(k, mr, [this.synced(false, 'observe failed: external resource does not exist')]);
      this.enqueue(key, 5000);
      return;
    }

    if (deleting) {
      if (stored) {
        this.aws.delete(this.awsKey(stored));
        this.events.push(`deleted ${k.kind} ${stored.id} in ${stored.region} (${key})`);
        await this.setConditions(k, mr, [this.ready('False', 'Deleting'), this.synced(true)]);
        this.enqueue(key, 200);
        return;
      }
      await this.removeFinalizer(k, mr, `finalized ${key}`);
      return;
    }

    // A resource about to be created gets its finalizer in the same write as the pending annotation (create()).
    if (!(mr.metadata?.finalizers ?? []).includes(MR_FINALIZER) && (stored || !can('Create'))) {
      const next = clone(mr);
      next.metadata = { ...next.metadata, finalizers: [...(next.metadata?.finalizers ?? []), MR_FINALIZER] };
      await this.rest.replace(k.type, next);
      return;
    }

    if (!stored) {
      if (!can('Create')) {
        await this.setConditions(k, mr, [this.synced(true)]);
        return;
      }
      if (this.backingOff(key)) return;
      const succeededAt = Date.parse(annotations[CREATE_SUCCEEDED] ?? '');
      if (!Number.isNaN(succeededAt) && Date.now() - succeededAt < CREATION_GRACE_MS && !this.lastError.has(key)) {
        this.enqueue(key, 1000);
        return;
      }
      await this.create(k, key, mr, account, region, externalName);
      return;
    }

    // Exists. While the asynchronous create runs, upjet's Observe reports "exists, up to date" and changes nothing.
    const wait = (stored.readyAt ?? 0) - Date.now();
    if (wait > 0) {
      this.enqueue(key, wait);
      return;
    }
    // Observe, then update if AWS differs from the spec.
    const desired = this.config(forProvider);
    if (sortedJson(desired) !== sortedJson(stored.config) && can('Update')) {
      if (this.backingOff(key)) return;
      const refusal = this.refusalFor(k, mr, stored.id, 'update');
      if (refusal) {
        const message = `async update failed: failed to update the resource: ${this.diagnostic(k, stored.id, 'update', refusal)}`;
        await this.setConditions(k, mr, [
          this.available(),
          this.synced(false, `update failed: ${message}`),
          { type: 'LastAsyncOperation', status: 'False', reason: 'AsyncUpdateFailure', message, lastTransitionTime: now() },
        ], this.atProvider(k, stored));
        this.events.push(`refused update of ${k.kind} ${stored.id} (${key})`);
        this.refused(key);
        return;
      }
      this.backoff.delete(key);
      stored.config = desired;
      this.events.push(`updated ${k.kind} ${stored.id} in ${stored.region} (${key})`);
    }
    await this.setConditions(k, mr, [this.available(), this.synced(true), this.asyncSuccess()], this.atProvider(k, stored));
  }

  private async create(k: SimulatedKind, key: string, mr: Mr, account: string, region: string, externalName: string | undefined): Promise<void> {
    // external-create-pending, as the reconciler records before calling Create (with the finalizer on a first create).
    const pending = clone(mr);
    const finalizers = pending.metadata?.finalizers ?? [];
    pending.metadata = {
      ...pending.metadata,
      finalizers: finalizers.includes(MR_FINALIZER) ? finalizers : [...finalizers, MR_FINALIZER],
      annotations: { ...(pending.metadata?.annotations ?? {}), [CREATE_PENDING]: now() },
    };
    const afterPending = await this.rest.replace(k.type, pending) as Mr;

    const id = externalName ?? this.generatedId(k, mr);
    const refusal = this.refusalFor(k, mr, id, 'create');
    // crossplane-runtime keeps all three timestamps; a pending one newer than both others means "incomplete".
    const annotations = { ...(afterPending.metadata?.annotations ?? {}) };
    if (refusal) {
      const message = `async create failed: failed to create the resource: ${this.diagnostic(k, id, 'create', refusal)}`;
      this.lastError.set(key, message);
      annotations[CREATE_FAILED] = now();
      const failed = clone(afterPending);
      failed.metadata = { ...failed.metadata, annotations };
      const written = await this.rest.replace(k.type, failed) as Mr;
      await this.setConditions(k, written, [
        this.ready('False', 'Creating'),
        this.synced(false, `create failed: ${message}`),
        { type: 'LastAsyncOperation', status: 'False', reason: 'AsyncCreateFailure', message, lastTransitionTime: now() },
      ]);
      this.events.push(`refused create of ${k.kind} ${id} (${key})`);
      this.refused(key);
      return;
    }
    this.lastError.delete(key);
    this.backoff.delete(key);
    const record: AwsRecord = {
      kind: k.kind, account, region, id,
      arn: k.arn({ region, account, id }),
      config: this.config((mr.spec?.forProvider ?? {}) as Record<string, unknown>),
      createdAt: new Date().toISOString(),
      readyAt: Date.now() + CREATE_LATENCY_MS,
    };
    this.aws.set(this.awsKey(record), record);
    this.events.push(`created ${k.kind} ${id} in ${region} (${key})`);
    annotations[CREATE_SUCCEEDED] = now();
    if (!externalName) annotations[EXTERNAL_NAME] = id;
    const succeeded = clone(afterPending);
    succeeded.metadata = { ...succeeded.metadata, annotations };
    const written = await this.rest.replace(k.type, succeeded) as Mr;
    // Create returned: Creating until the async operation ends and the next observe sees the resource.
    await this.setConditions(k, written, [this.ready('False', 'Creating'), this.synced(true)]);
  }

  private generatedId(k: SimulatedKind, mr: Mr): string {
    if (k.kind === 'RolePolicyAttachment') {
      const role = (mr.spec?.forProvider as { role?: string } | undefined)?.role ?? 'role';
      return `${role}-${new Date().toISOString().replace(/\D/g, '').slice(0, 20)}`;
    }
    return randomUUID();
  }

  private refusalFor(k: SimulatedKind, mr: Mr, id: string, operation: Refusal['operation']): Refusal | undefined {
    return this.refusals.find((r) => r.kind === k.kind && r.namespace === mr.metadata?.namespace && r.externalName === id && r.operation === operation);
  }

  /** terraform-plugin-sdk diag.Diagnostics printed with %v, as upjet wraps it. */
  private diagnostic(k: SimulatedKind, id: string, operation: Refusal['operation'], r: Refusal): string {
    const verb = operation === 'create' ? 'creating' : 'updating';
    const op = operation === 'create' ? k.createOp : k.updateOp;
    return `[{0 ${verb} ${k.awsName} (${id}): operation error ${k.service}: ${op}, https response error StatusCode: 400, RequestID: ${randomUUID()}, api error ${r.error}  []}]`;
  }

  private awsKey(r: Pick<AwsRecord, 'account' | 'region' | 'kind' | 'id'>): string {
    return `${r.account}/${r.region}/${r.kind}/${r.id}`;
  }

  /** spec.forProvider without the Kubernetes-only reference fields. */
  private config(forProvider: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(forProvider).filter(([f]) => !/(Ref|Refs|Selector)$/.test(f)));
  }

  private atProvider(k: SimulatedKind, r: AwsRecord): Record<string, unknown> {
    const at: Record<string, unknown> = { ...clone(r.config), id: r.id };
    if (r.arn) at.arn = r.arn;
    if ('tags' in r.config) at.tagsAll = r.config.tags;
    if (k.kind === 'Table' && r.config.streamEnabled === true) {
      const label = r.createdAt.replace(/Z$/, '');
      at.streamLabel = label;
      at.streamArn = `${r.arn}/stream/${label}`;
    }
    return at;
  }

  private async resolveReferences(k: SimulatedKind, mr: Mr): Promise<{ mr: Mr; changed: boolean; error?: string }> {
    const next = clone(mr);
    const fp = (next.spec?.forProvider ?? {}) as Record<string, unknown>;
    const owner = (mr.metadata?.ownerReferences ?? []).find((o) => o.controller);
    const refs: Array<{ field: string; go: string; kind: string; value: (o: Mr) => string | undefined }> = [];
    if (k.kind === 'RolePolicyAttachment') refs.push({ field: 'role', go: 'Role', kind: 'Role', value: (o) => o.metadata?.annotations?.[EXTERNAL_NAME] });
    if (k.kind === 'Selection') {
      refs.push({ field: 'iamRoleArn', go: 'IAMRoleArn', kind: 'Role', value: (o) => (o.status?.atProvider as { arn?: string } | undefined)?.arn });
      refs.push({ field: 'planId', go: 'PlanID', kind: 'Plan', value: (o) => o.metadata?.annotations?.[EXTERNAL_NAME] });
    }
    let changed = false;
    for (const ref of refs) {
      const selector = fp[`${ref.field}Selector`] as { matchControllerRef?: boolean } | undefined;
      if (!selector?.matchControllerRef || fp[ref.field] !== undefined) continue;
      const target = [...this.latest.values()].find((o) => o.kind === ref.kind && o.metadata?.namespace === mr.metadata?.namespace
        && (o.metadata?.ownerReferences ?? []).some((x) => x.controller && x.uid === owner?.uid));
      if (!target) return { mr, changed: false, error: `mg.Spec.ForProvider.${ref.go}: no resources matched selector` };
      const v = ref.value(target);
      if (!v) return { mr, changed: false, error: `mg.Spec.ForProvider.${ref.go}: referenced field was empty (referenced resource may not yet be ready)` };
      fp[ref.field] = v;
      fp[`${ref.field}Ref`] = { name: target.metadata?.name };
      changed = true;
    }
    return { mr: next, changed };
  }

  private ready(status: 'True' | 'False', reason: 'Available' | 'Creating' | 'Deleting'): Condition {
    return { type: 'Ready', status, reason, lastTransitionTime: now() };
  }

  private available(): Condition {
    return this.ready('True', 'Available');
  }

  private synced(ok: boolean, message?: string): Condition {
    return ok
      ? { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: now() }
      : { type: 'Synced', status: 'False', reason: 'ReconcileError', message, lastTransitionTime: now() };
  }

  private asyncSuccess(): Condition {
    return { type: 'LastAsyncOperation', status: 'True', reason: 'Success', lastTransitionTime: now() };
  }

  /**
   * Writes conditions (keeping lastTransitionTime when a condition did not
   * change, as crossplane-runtime does) and atProvider; skips the write when
   * nothing changed, so our own updates do not loop through the watch.
   */
  private async setConditions(k: SimulatedKind, mr: Mr, conditions: Condition[], atProvider?: Record<string, unknown>): Promise<void> {
    const status = clone(mr.status ?? {}) as { conditions?: Condition[]; atProvider?: Record<string, unknown>; observedGeneration?: number };
    const existing = status.conditions ?? [];
    const generation = mr.metadata?.generation;
    const merged = [...existing];
    for (const c of conditions) {
      const i = merged.findIndex((x) => x.type === c.type);
      const prev = i >= 0 ? merged[i] : undefined;
      const same = prev && prev.status === c.status && prev.reason === c.reason && (prev.message ?? '') === (c.message ?? '');
      const next: Condition = { ...c, observedGeneration: generation };
      if (!c.message) delete next.message;
      if (same) next.lastTransitionTime = prev.lastTransitionTime;
      if (i >= 0) merged[i] = next;
      else merged.push(next);
    }
    const want = { ...status, conditions: merged, ...(atProvider ? { atProvider } : {}), observedGeneration: generation };
    if (sortedJson(want) === sortedJson(mr.status ?? {})) return;
    await this.rest.replace(k.type, { ...mr, status: want }, 'status');
  }

  private async removeFinalizer(k: SimulatedKind, mr: Mr, event: string): Promise<void> {
    const finalizers = mr.metadata?.finalizers ?? [];
    if (!finalizers.includes(MR_FINALIZER)) return;
    const next = clone(mr);
    next.metadata = { ...next.metadata, finalizers: finalizers.filter((f) => f !== MR_FINALIZER) };
    await this.rest.replace(k.type, next);
    this.events.push(event);
  }
}
