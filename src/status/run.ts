/**
 * `ddbops status`: list (and with --watch, watch) the XRs of each selected
 * environment namespace, compare them with dist/, print, and pick the exit
 * code. The cluster is behind the `Cluster` interface (kube.ts); everything
 * that decides anything is in report.ts, drift.ts and format.ts.
 */
import { ClusterError } from './cluster-error';
import { DesiredState, XrDefinition } from './desired';
import { exitCodeOf, formatJson, formatText } from './format';
import { JsonObject, isObject } from './json';
import { Cluster, isGone } from './kube';
import { LiveState } from './live-state';
import { buildReport, StatusReport } from './report';

export const EXIT_UNREACHABLE = 2;

export interface StatusRunOptions {
  readonly desired: DesiredState;
  /** Environment names to report on. */
  readonly selected: readonly string[];
  readonly format: 'table' | 'json';
  readonly watch: boolean;
}

export interface StatusIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** Registers an interrupt (SIGINT) handler; returns its unregister function. */
  readonly onInterrupt: (handler: () => void) => () => void;
  /** Clear the screen before each watch redraw (a terminal). */
  readonly clearScreen?: boolean;
}

interface Target {
  readonly namespace: string;
  readonly kind: XrDefinition;
}

function targetsOf(opts: StatusRunOptions): Target[] {
  return opts.desired.environments
    .filter((e) => opts.selected.includes(e.name))
    .flatMap((e) => opts.desired.kinds.map((kind) => ({ namespace: e.namespace, kind })));
}

function report(opts: StatusRunOptions, cluster: Cluster, state: LiveState, now: Date): StatusReport {
  return buildReport({ desired: opts.desired, selected: opts.selected, live: state.snapshot(), context: cluster.context, server: cluster.server, now });
}

/** Runs status once or until everything is ready (--watch); resolves to the exit code. */
export async function runStatus(opts: StatusRunOptions, cluster: Cluster, io: StatusIo): Promise<number> {
  const state = new LiveState();
  const versions = new Map<Target, string>();
  const targets = targetsOf(opts);
  try {
    const lists = await Promise.all(targets.map((t) => cluster.list(t.namespace, t.kind)));
    targets.forEach((t, i) => {
      state.replace(t.namespace, t.kind.kind, lists[i].items);
      versions.set(t, lists[i].resourceVersion);
    });
  } catch (e) {
    if (e instanceof ClusterError) {
      io.stderr(`error: ${e.message}\n`);
      return EXIT_UNREACHABLE;
    }
    throw e;
  }

  const first = report(opts, cluster, state, io.now());
  if (!opts.watch) {
    io.stdout(opts.format === 'json' ? formatJson(first) : formatText(first));
    return exitCodeOf(first);
  }
  return watchUntilReady(opts, cluster, io, state, versions, first);
}

function watchUntilReady(
  opts: StatusRunOptions, cluster: Cluster, io: StatusIo, state: LiveState, versions: Map<Target, string>, first: StatusReport,
): Promise<number> {
  const show = (r: StatusReport, heading?: string): void => {
    if (opts.format === 'json') {
      io.stdout(`${JSON.stringify(r)}\n`);
      return;
    }
    if (io.clearScreen) io.stdout('\x1b[2J\x1b[H');
    else if (heading) io.stdout(`\n${heading}\n`);
    io.stdout(formatText(r));
  };
  show(first);
  if (first.summary.allReady) {
    io.stderr('watch: every XR is Ready and Synced\n');
    return Promise.resolve(exitCodeOf(first));
  }
  io.stderr('watch: waiting for every XR to be Ready and Synced (Ctrl-C to stop)\n');

  return new Promise<number>((resolveExit) => {
    let last = first;
    let lastText = opts.format === 'json' ? JSON.stringify({ ...first, now: '' }) : formatText(first);
    let finished = false;
    const stops = new Map<Target, () => void>();
    const pending: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    let unregister: () => void = () => undefined;
    const retries = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void): void => {
      const h = setTimeout(() => {
        retries.delete(h);
        fn();
      }, ms);
      retries.add(h);
    };

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      for (const h of retries) clearTimeout(h);
      unregister();
      for (const stop of stops.values()) stop();
      resolveExit(code);
    };

    const redraw = (): void => {
      timer = undefined;
      if (finished) return;
      const r = report(opts, cluster, state, io.now());
      const text = opts.format === 'json' ? JSON.stringify({ ...r, now: '' }) : formatText(r);
      const events = pending.splice(0);
      if (text !== lastText) {
        show(r, `── ${r.now} ${events.join(', ')} ──`);
        lastText = text;
      }
      last = r;
      if (r.summary.allReady) {
        io.stderr('watch: every XR is Ready and Synced\n');
        finish(exitCodeOf(r));
      }
    };

    const changed = (what: string): void => {
      pending.push(what);
      if (!timer) timer = setTimeout(redraw, 150);
    };

    const start = (t: Target, attempt: number): void => {
      if (finished) return;
      const onDone = (err: unknown): void => {
        stops.delete(t);
        if (finished) return;
        if (!err || (err as { name?: unknown }).name === 'TimeoutError') {
          // Closed by the server, or client-node's 30 s idle timeout: resume from the last resourceVersion.
          start(t, 0);
          return;
        }
        const relist = isGone(err);
        if (!relist) {
          const delay = Math.min(10_000, 500 * 2 ** attempt);
          io.stderr(`watch: ${cluster.error(err, t.kind).message}; retrying in ${Math.round(delay / 1000)}s\n`);
          later(delay, () => resync(t, attempt + 1));
          return;
        }
        resync(t, attempt);
      };
      cluster.watch(t.namespace, t.kind, versions.get(t) ?? '', {
        onEvent: (type, object) => {
          const rv = isObject(object.metadata) ? object.metadata.resourceVersion : undefined;
          if (type === 'ERROR') {
            // A Status object; 410 Gone means our resourceVersion expired.
            if ((object as JsonObject).code === 410) versions.set(t, '');
            return;
          }
          if (typeof rv === 'string') versions.set(t, rv);
          if (state.apply(t.namespace, t.kind.kind, type, object)) {
            const name = isObject(object.metadata) ? String(object.metadata.name) : '?';
            changed(`${type} ${t.kind.kind.toLowerCase()}/${name}`);
          }
        },
        onDone: (err) => onDone(!err && versions.get(t) === '' ? { statusCode: 410 } : err),
      }).then((stop) => {
        if (finished) stop();
        else stops.set(t, stop);
      }, onDone);
    };

    const resync = (t: Target, attempt: number): void => {
      if (finished) return;
      cluster.list(t.namespace, t.kind).then((l) => {
        state.replace(t.namespace, t.kind.kind, l.items);
        versions.set(t, l.resourceVersion);
        changed(`relisted ${t.kind.plural} in ${t.namespace}`);
        start(t, 0);
      }, (err) => {
        const delay = Math.min(10_000, 500 * 2 ** attempt);
        io.stderr(`watch: ${(err as Error).message}; retrying in ${Math.round(delay / 1000)}s\n`);
        later(delay, () => resync(t, attempt + 1));
      });
    };

    unregister = io.onInterrupt(() => {
      io.stderr('watch: interrupted\n');
      finish(exitCodeOf(last));
    });
    for (const t of versions.keys()) start(t, 0);
  });
}
