/**
 * Records what Argo CD's Applications went through, from a watch, with
 * millisecond timestamps: when each appeared, when it first was Synced and
 * Healthy, and every sync error or failed operation on the way. Kubernetes
 * timestamps have one-second resolution; wave order needs better.
 */
import { KubeObject, KubeRest, ResourceType } from '../harness/kube-rest';

export const APPLICATIONS: ResourceType = { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications' };

/** The fields of an Application's status the tests read. */
export interface AppStatus {
  sync?: { status?: string; revision?: string };
  health?: { status?: string; message?: string };
  conditions?: Array<{ type: string; message?: string }>;
  operationState?: { phase?: string; message?: string; retryCount?: number; startedAt?: string };
  resources?: Array<{ kind: string; name: string; namespace?: string; status?: string; requiresPruning?: boolean; health?: { status?: string; message?: string } }>;
}

export const appStatus = (o: KubeObject): AppStatus => (o.status ?? {}) as AppStatus;

export class AppTimeline {
  /** App name → ms when first seen. */
  readonly created = new Map<string, number>();
  /** App name → ms when first Synced and Healthy. */
  readonly healthy = new Map<string, number>();
  /** Every distinct sync error, failed or retried operation seen: `<app>: <what>`. */
  readonly problems: string[] = [];
  private stopWatch: () => void = () => undefined;

  constructor(private readonly rest: KubeRest, private readonly namespace: string) {}

  async start(): Promise<void> {
    const { items, resourceVersion } = await this.rest.list(APPLICATIONS, this.namespace);
    for (const a of items) this.see(a);
    this.stopWatch = this.rest.watch(APPLICATIONS, this.namespace, resourceVersion, (e) => {
      if (e.type === 'ADDED' || e.type === 'MODIFIED') this.see(e.object);
    }, () => undefined);
  }

  stop(): void {
    this.stopWatch();
  }

  private see(app: KubeObject): void {
    const name = app.metadata?.name ?? '';
    const t = Date.now();
    if (!this.created.has(name)) this.created.set(name, t);
    const s = appStatus(app);
    if (!this.healthy.has(name) && s.sync?.status === 'Synced' && s.health?.status === 'Healthy') this.healthy.set(name, t);
    const found: string[] = [];
    for (const c of s.conditions ?? []) if (/Error$/.test(c.type)) found.push(`${c.type}: ${c.message ?? ''}`);
    const op = s.operationState;
    if (op?.phase === 'Failed' || op?.phase === 'Error') found.push(`operation ${op.phase}: ${op.message ?? ''}`);
    if ((op?.retryCount ?? 0) > 0) found.push(`operation retried (${op?.retryCount}): ${op?.message ?? ''}`);
    for (const f of found) if (!this.problems.includes(`${name}: ${f}`)) this.problems.push(`${name}: ${f}`);
  }
}
