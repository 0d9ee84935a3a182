/**
 * `status --watch`: keeps the report current from Kubernetes watches, one per
 * XR kind and namespace, and redraws it when it changes, until every XR is
 * Ready and Synced or the user interrupts.
 *
 * A watch that ends is resumed from its last resourceVersion; one whose
 * resourceVersion expired (410 Gone) is listed again first; one that fails is
 * retried with a growing delay. The decisions live in report.ts and format.ts.
 */
import { ExitCode } from '../diagnostics/exit-codes';
import { XrDefinition } from '../dist/xrd';
import { isObject, JsonObject } from '../json/json';
import { exitCodeOf, formatText } from './format';
import { Cluster, isGone } from './kube';
import { LiveState } from './live-state';
import { StatusReport } from './report';

/** The XRs of one kind in one namespace: what one list and one watch cover. */
export interface WatchTarget {
  readonly namespace: string;
  readonly kind: XrDefinition;
}

export interface StatusIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** Registers an interrupt (SIGINT) handler; returns its unregister function. */
  readonly onInterrupt: (handler: () => void) => () => void;
  /**
   * Clear the screen before each redraw (a terminal).
   * @default false: each redraw is appended under a heading
   */
  readonly clearScreen?: boolean;
}

export interface StatusWatchProps {
  readonly cluster: Cluster;
  readonly io: StatusIo;
  /** One JSON report per line, instead of the text tables. */
  readonly json: boolean;
  /** The live XRs, kept current by the watches. */
  readonly state: LiveState;
  /** Each target's resourceVersion, from its list; the watches move it on. */
  readonly versions: Map<WatchTarget, string>;
  /** The report of `state` at a moment. */
  readonly report: (now: Date) => StatusReport;
}

/** A burst of watch events is one redraw. */
const REDRAW_DELAY_MS = 150;

/** Before retrying a failed watch or list: 0.5 s, doubling, at most 10 s. */
function retryDelay(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** attempt);
}

export class StatusWatch {
  private last: StatusReport;
  /** What was last printed, without the clock: a redraw that prints the same is skipped. */
  private lastText: string;
  private finished = false;
  private readonly stops = new Map<WatchTarget, () => void>();
  /** Events since the last redraw, for its heading. */
  private readonly pending: string[] = [];
  private redrawTimer: NodeJS.Timeout | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private unregisterInterrupt: () => void = () => undefined;
  private resolveExit: (code: ExitCode) => void = () => undefined;

  constructor(private readonly props: StatusWatchProps, first: StatusReport) {
    this.last = first;
    this.lastText = this.comparable(first);
  }

  /** Prints the first report, then watches; resolves to the exit code of the last report. */
  run(): Promise<ExitCode> {
    const { io } = this.props;
    this.show(this.last);
    if (this.last.summary.allReady) {
      io.stderr('watch: every XR is Ready and Synced\n');
      return Promise.resolve(exitCodeOf(this.last));
    }
    io.stderr('watch: waiting for every XR to be Ready and Synced (Ctrl-C to stop)\n');
    return new Promise<ExitCode>((resolve) => {
      this.resolveExit = resolve;
      this.unregisterInterrupt = io.onInterrupt(() => {
        io.stderr('watch: interrupted\n');
        this.finish(exitCodeOf(this.last));
      });
      for (const t of this.props.versions.keys()) this.watch(t, 0);
    });
  }

  private comparable(r: StatusReport): string {
    return this.props.json ? JSON.stringify({ ...r, now: '' }) : formatText(r);
  }

  private show(r: StatusReport, heading?: string): void {
    const { io } = this.props;
    if (this.props.json) {
      io.stdout(`${JSON.stringify(r)}\n`);
      return;
    }
    if (io.clearScreen) io.stdout('\x1b[2J\x1b[H');
    else if (heading) io.stdout(`\n${heading}\n`);
    io.stdout(formatText(r));
  }

  /** Something changed: redraw once the burst is over. */
  private changed(what: string): void {
    this.pending.push(what);
    if (!this.redrawTimer) this.redrawTimer = setTimeout(() => this.redraw(), REDRAW_DELAY_MS);
  }

  private redraw(): void {
    this.redrawTimer = undefined;
    if (this.finished) return;
    const r = this.props.report(this.props.io.now());
    const text = this.comparable(r);
    const events = this.pending.splice(0);
    if (text !== this.lastText) {
      this.show(r, `── ${r.now} ${events.join(', ')} ──`);
      this.lastText = text;
    }
    this.last = r;
    if (r.summary.allReady) {
      this.props.io.stderr('watch: every XR is Ready and Synced\n');
      this.finish(exitCodeOf(r));
    }
  }

  /** Starts the watch of one target from its resourceVersion. */
  private watch(t: WatchTarget, attempt: number): void {
    if (this.finished) return;
    const { cluster, versions } = this.props;
    const ended = (err: unknown): void => this.watchEnded(t, err, attempt);
    cluster.watch(t.namespace, t.kind, versions.get(t) ?? '', {
      onEvent: (type, object) => this.event(t, type, object),
      // A watch the server closed after an ERROR event is resumed by listing again.
      onDone: (err) => ended(!err && versions.get(t) === '' ? { statusCode: 410 } : err),
    }).then((stop) => {
      if (this.finished) stop();
      else this.stops.set(t, stop);
    }, ended);
  }

  private event(t: WatchTarget, type: string, object: JsonObject): void {
    const rv = isObject(object.metadata) ? object.metadata.resourceVersion : undefined;
    if (type === 'ERROR') {
      // A Status object; 410 Gone means our resourceVersion expired.
      if (object.code === 410) this.props.versions.set(t, '');
      return;
    }
    if (typeof rv === 'string') this.props.versions.set(t, rv);
    if (this.props.state.apply(t.namespace, t.kind.kind, type, object)) {
      const name = isObject(object.metadata) ? String(object.metadata.name) : '?';
      this.changed(`${type} ${t.kind.kind.toLowerCase()}/${name}`);
    }
  }

  /** A watch ended: resume it, list again when its resourceVersion expired, or retry later when it failed. */
  private watchEnded(t: WatchTarget, err: unknown, attempt: number): void {
    this.stops.delete(t);
    if (this.finished) return;
    if (!err || (err as { name?: unknown }).name === 'TimeoutError') {
      // Closed by the server, or client-node's 30 s idle timeout: resume from the last resourceVersion.
      this.watch(t, 0);
      return;
    }
    if (isGone(err)) {
      this.relist(t, attempt);
      return;
    }
    const delay = retryDelay(attempt);
    this.props.io.stderr(`watch: ${this.props.cluster.error(err, t.kind).message}; retrying in ${Math.round(delay / 1000)}s\n`);
    this.later(delay, () => this.relist(t, attempt + 1));
  }

  /** Lists the target again, then watches it from the list's resourceVersion. */
  private relist(t: WatchTarget, attempt: number): void {
    if (this.finished) return;
    this.props.cluster.list(t.namespace, t.kind).then((l) => {
      this.props.state.replace(t.namespace, t.kind.kind, l.items);
      this.props.versions.set(t, l.resourceVersion);
      this.changed(`relisted ${t.kind.plural} in ${t.namespace}`);
      this.watch(t, 0);
    }, (err) => {
      const delay = retryDelay(attempt);
      this.props.io.stderr(`watch: ${(err as Error).message}; retrying in ${Math.round(delay / 1000)}s\n`);
      this.later(delay, () => this.relist(t, attempt + 1));
    });
  }

  private later(ms: number, fn: () => void): void {
    const h = setTimeout(() => {
      this.retryTimers.delete(h);
      fn();
    }, ms);
    this.retryTimers.add(h);
  }

  /** Stops every watch and timer, once, and resolves `run`. */
  private finish(code: ExitCode): void {
    if (this.finished) return;
    this.finished = true;
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    for (const h of this.retryTimers) clearTimeout(h);
    this.unregisterInterrupt();
    for (const stop of this.stops.values()) stop();
    this.resolveExit(code);
  }
}
