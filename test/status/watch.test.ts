/**
 * `status --watch` against a fake cluster: when it redraws, when it stops, and
 * how it resumes a watch that ended, expired or failed. The real API server
 * runs the same code in status-cli.test.ts; this pins the decisions one by one.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ClusterError } from '../../src/kube/cluster-error';
import { parseDistTree } from '../../src/status/desired';
import { Cluster, WatchHandlers } from '../../src/status/kube';
import { runStatus } from '../../src/status/run';
import { JsonObject } from '../../src/json/json';
import { REPO_ROOT } from '../harness/tools';

const XRD = (plural: string) => readFileSync(join(REPO_ROOT, `dist/platform/compositeresourcedefinition-${plural}.platform.bigbeard.co.za.yaml`), 'utf8');
const DESIRED = parseDistTree('dist', [
  { path: 'platform/xrd-tables.yaml', text: XRD('dynamodbtables') },
  { path: 'platform/xrd-backups.yaml', text: XRD('dynamodbbackupplans') },
  { path: 'prod/namespace.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-prod\n  labels:\n    platform.bigbeard.co.za/environment: prod\n' },
  {
    path: 'prod/dynamodbtable-orders.yaml',
    text: 'apiVersion: platform.bigbeard.co.za/v1alpha1\nkind: DynamoDBTable\nmetadata:\n  name: orders\n  namespace: team-prod\nspec:\n  tableName: orders\n',
  },
]);

const table = (ready: 'True' | 'False', resourceVersion: string): JsonObject => ({
  apiVersion: 'platform.bigbeard.co.za/v1alpha1',
  kind: 'DynamoDBTable',
  metadata: { name: 'orders', namespace: 'team-prod', resourceVersion },
  spec: { tableName: 'orders' },
  status: { conditions: [{ type: 'Ready', status: ready }, { type: 'Synced', status: 'True' }] },
});

/** A cluster whose lists answer from `tables` and whose watches the test drives. */
class FakeCluster implements Cluster {
  readonly context = 'test';
  readonly server = 'https://127.0.0.1:6443';
  /** Open watches of the table kind, with the resourceVersion each started from. */
  readonly watches: { from: string; handlers: WatchHandlers; stopped: boolean }[] = [];
  lists = 0;
  failNextList = false;
  constructor(public tables: JsonObject[]) {}
  async list(_namespace: string, kind: { kind: string }) {
    if (kind.kind !== 'DynamoDBTable') return { items: [], resourceVersion: '1' };
    this.lists++;
    if (this.failNextList) {
      this.failNextList = false;
      throw new Error('connection refused');
    }
    return { items: this.tables, resourceVersion: `${10 + this.lists}` };
  }
  async watch(_namespace: string, kind: { kind: string }, resourceVersion: string, handlers: WatchHandlers) {
    const w = { from: resourceVersion, handlers, stopped: false };
    if (kind.kind === 'DynamoDBTable') this.watches.push(w);
    return () => { w.stopped = true; };
  }
  error(err: unknown) {
    return new ClusterError(`cannot use the cluster: ${(err as Error).message}`);
  }
  get open() {
    return this.watches.filter((w) => !w.stopped);
  }
}

function harness(tables: JsonObject[]) {
  const cluster = new FakeCluster(tables);
  let interrupt: () => void = () => undefined;
  const out = { stdout: '', stderr: '' };
  const run = runStatus({ desired: DESIRED, selected: ['prod'], format: 'table', watch: true }, cluster, {
    stdout: (t) => { out.stdout += t; },
    stderr: (t) => { out.stderr += t; },
    now: () => new Date('2026-03-01T12:00:00Z'),
    onInterrupt: (h) => { interrupt = h; return () => { interrupt = () => undefined; }; },
  });
  return { cluster, run, out, interrupt: () => interrupt() };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('everything Ready at the start: one report, exit 0, no watch', async () => {
  // WHEN
  const h = harness([table('True', '5')]);

  // THEN
  expect(await h.run).toBe(0);
  expect({ watches: h.cluster.watches.length, stderr: h.out.stderr }).toEqual({ watches: 0, stderr: 'watch: every XR is Ready and Synced\n' });
});

test('an event that makes the XR Ready redraws once the burst is over, then stops every watch with exit 0', async () => {
  // GIVEN a table that is not Ready yet
  const h = harness([table('False', '5')]);
  await jest.advanceTimersByTimeAsync(0);

  // WHEN it becomes Ready
  h.cluster.open[0].handlers.onEvent('MODIFIED', table('True', '6'));
  await jest.advanceTimersByTimeAsync(150);

  // THEN
  expect(await h.run).toBe(0);
  expect(h.out.stdout).toContain('── 2026-03-01T12:00:00.000Z MODIFIED dynamodbtable/orders ──');
  expect(h.cluster.open).toEqual([]);
});

test('Ctrl-C stops with the exit code of the last report', async () => {
  // GIVEN a table that is not Ready
  const h = harness([table('False', '5')]);
  await jest.advanceTimersByTimeAsync(0);

  // WHEN interrupted
  h.interrupt();

  // THEN
  expect(await h.run).toBe(1);
  expect(h.out.stderr).toContain('watch: interrupted\n');
  expect(h.cluster.open).toEqual([]);
});

test.each([
  { ending: 'the server closes the watch', end: undefined, relists: 0, from: '7', reason: 'resumed from the last resourceVersion it saw' },
  { ending: 'the resourceVersion expired (410 Gone)', end: { statusCode: 410 }, relists: 1, from: '12', reason: 'listed again, then watched from the new list' },
])('when $ending: $reason', async ({ end, relists, from }) => {
  // GIVEN a watch that saw resourceVersion 7
  const h = harness([table('False', '5')]);
  await jest.advanceTimersByTimeAsync(0);
  h.cluster.open[0].handlers.onEvent('MODIFIED', table('False', '7'));

  // WHEN it ends
  h.cluster.open[0].handlers.onDone(end);
  await jest.advanceTimersByTimeAsync(0);

  // THEN
  expect({ relists: h.cluster.lists - 1, from: h.cluster.watches[h.cluster.watches.length - 1].from }).toEqual({ relists, from });
  h.interrupt();
  await h.run;
});

test('a watch that fails is retried after a delay, and a list that fails again after a longer one', async () => {
  // GIVEN
  const h = harness([table('False', '5')]);
  await jest.advanceTimersByTimeAsync(0);
  h.cluster.failNextList = true;

  // WHEN the watch fails, and then the first list
  h.cluster.open[0].handlers.onDone(new Error('connection reset'));
  await jest.advanceTimersByTimeAsync(500);
  await jest.advanceTimersByTimeAsync(1000);

  // THEN two retries (0.5 s, then 1 s), then a new watch from the list that worked
  expect(h.out.stderr.split('\n').filter((l) => l.includes('retrying'))).toEqual([
    'watch: cannot use the cluster: connection reset; retrying in 1s',
    'watch: connection refused; retrying in 1s',
  ]);
  expect({ lists: h.cluster.lists, watchedFrom: h.cluster.watches.map((w) => w.from) }).toEqual({ lists: 3, watchedFrom: ['11', '13'] });
  h.interrupt();
  await h.run;
});
