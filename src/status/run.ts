/**
 * `ddbops status`: list (and with --watch, watch) the XRs of each selected
 * environment namespace, compare them with dist/, print, and pick the exit
 * code. The cluster is behind the `Cluster` interface (kube.ts); --watch is
 * watch.ts; everything that decides anything is in report.ts, drift.ts and format.ts.
 */
import { ExitCode } from '../diagnostics/exit-codes';
import { DesiredState } from './desired';
import { exitCodeOf, formatJson, formatText } from './format';
import { Cluster } from './kube';
import { LiveState } from './live-state';
import { buildReport, StatusReport } from './report';
import { StatusIo, StatusWatch, WatchTarget } from './watch';

export interface StatusRunOptions {
  readonly desired: DesiredState;
  /** Environment names to report on. */
  readonly selected: readonly string[];
  readonly format: 'table' | 'json';
  readonly watch: boolean;
}

function targetsOf(opts: StatusRunOptions): WatchTarget[] {
  return opts.desired.environments
    .filter((e) => opts.selected.includes(e.name))
    .flatMap((e) => opts.desired.kinds.map((kind) => ({ namespace: e.namespace, kind })));
}

function report(opts: StatusRunOptions, cluster: Cluster, state: LiveState, now: Date): StatusReport {
  return buildReport({ desired: opts.desired, selected: opts.selected, live: state.snapshot(), context: cluster.context, server: cluster.server, now });
}

/** Runs status once or until everything is ready (--watch); resolves to the exit code. */
export async function runStatus(opts: StatusRunOptions, cluster: Cluster, io: StatusIo): Promise<ExitCode> {
  const state = new LiveState();
  const versions = new Map<WatchTarget, string>();
  const targets = targetsOf(opts);
  // A ClusterError here is a usage error (exit 2): the cluster cannot be reached or used.
  const lists = await Promise.all(targets.map((t) => cluster.list(t.namespace, t.kind)));
  targets.forEach((t, i) => {
    state.replace(t.namespace, t.kind.kind, lists[i].items);
    versions.set(t, lists[i].resourceVersion);
  });

  const first = report(opts, cluster, state, io.now());
  if (!opts.watch) {
    io.stdout(opts.format === 'json' ? formatJson(first) : formatText(first));
    return exitCodeOf(first);
  }
  const watch = new StatusWatch({
    cluster, io, json: opts.format === 'json', state, versions, report: (now) => report(opts, cluster, state, now),
  }, first);
  return watch.run();
}
