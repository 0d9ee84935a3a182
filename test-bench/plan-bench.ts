/**
 * Part of `npm run bench` (alone: `node lib/test-bench/plan-bench.js` after a build): how long
 * `plan` takes on a 1000-table change set (3 environments, a change on every
 * table: GSIs added, keys changed, PITR off, TTL, projections, tags).
 *
 * 1. In memory: classification and guard (buildPlan) plus every renderer, on
 *    base and head renders made once with the real engine.
 * 2. End to end: `ddbops plan --format markdown` as a cold process in a real
 *    git repository (reads the base from git, synthesizes both sides).
 *
 * Not a test: timing belongs here, never in jest. BENCH_TABLES and BENCH_RUNS override the defaults.
 */
import { execFileSync, spawnSync } from 'child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { collectAcknowledgements } from '../src/plan/acknowledgements';
import { buildPlan } from '../src/plan/build-plan';
import { renderJson } from '../src/plan/render-json';
import { renderMarkdown } from '../src/plan/render-markdown';
import { renderText } from '../src/plan/render-text';
import { planCounts } from '../src/plan/summary';
import { DEFAULT_INPUT_PATHS, readInputs } from '../src/load/read-inputs';
import { synthesize } from '../src/pipeline/synthesize';
import { CROSSPLANE_CHARTS } from '../charts';
import { writeSyntheticRepo } from './synthetic-repo';

const ROOT = resolve(__dirname, '..', '..');
const TABLES = Number(process.env.BENCH_TABLES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** One change per table, cycling through the risk classes plan knows. */
function changeEveryTable(dir: string): void {
  const schemas = join(dir, 'schemas');
  readdirSync(schemas).sort().forEach((file, i) => {
    const path = join(schemas, file);
    let text = readFileSync(path, 'utf8');
    if (i % 6 === 3) text = text.replace(/\bSK\b/g, 'SortKey'); // replace
    const s = JSON.parse(text);
    switch (i % 6) {
      case 0: // gsi-added
        s.attributes.push({ name: 'extra', type: 'S' });
        s.globalSecondaryIndexes.push({ indexName: 'ExtraIndex', partitionKey: { name: 'extra', type: 'S' }, projectionType: 'KEYS_ONLY' });
        break;
      case 1: s.tags = { Team: `team-${i}` }; break; // cosmetic
      case 2: s.overrides = { prod: { pitr: { enabled: false } } }; break; // pitr-off, blocked in prod
      case 4: // ttl-changed
        s.attributes.push({ name: 'expiresAt', type: 'N' });
        s.ttl = { attributeName: 'expiresAt', enabled: true };
        break;
      case 5: // projection-changed, or a tag where there is no index
        if (s.globalSecondaryIndexes.length) s.globalSecondaryIndexes[0].projectionType = 'KEYS_ONLY';
        else s.tags = { Team: 'none' };
        break;
      default: break;
    }
    writeFileSync(path, `${JSON.stringify(s, null, 2)}\n`);
  });
}

function synthOk(dir: string) {
  const r = synthesize(readInputs(DEFAULT_INPUT_PATHS, dir), { until: 'objects', charts: CROSSPLANE_CHARTS });
  if (!r.ok) throw new Error(`synthetic repo does not synthesize: ${r.findings.slice(0, 3).map((f) => `${f.file} ${f.message}`).join('; ')}`);
  return r;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-plan-'));
  try {
    writeSyntheticRepo(dir, TABLES);
    appendFileSync(join(dir, 'environments', 'prod.yaml'), 'guard: {block: [replace, delete, pitr-off, deletion-protection-off, backup-removed, backup-shortened]}\n');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');

    let start = process.hrtime.bigint();
    const base = synthOk(dir);
    const baseMs = ms(start);
    changeEveryTable(dir);
    start = process.hrtime.bigint();
    const head = synthOk(dir);
    const headMs = ms(start);

    const memory: { classify: number; markdown: number; text: number; json: number }[] = [];
    let summary = '';
    let markdownChars = 0;
    for (let i = 0; i < RUNS; i++) {
      start = process.hrtime.bigint();
      const plan = buildPlan({
        base: { objects: base.objects, model: base.model },
        head: { objects: head.objects, model: head.model },
        baseInfo: { ref: 'HEAD', source: 'sources' },
        acknowledgements: collectAcknowledgements(head.inputs),
      });
      const classify = ms(start);
      start = process.hrtime.bigint();
      const md = renderMarkdown(plan);
      const markdown = ms(start);
      start = process.hrtime.bigint();
      renderText(plan);
      const text = ms(start);
      start = process.hrtime.bigint();
      renderJson(plan);
      const json = ms(start);
      memory.push({ classify, markdown, text, json });
      const c = planCounts(plan);
      summary = `${c.create} create, ${c.update} update, ${c.replace} replace, ${c.delete} delete, ${c['no-op']} unchanged, ${c.blocked} blocked`;
      markdownChars = md.length;
    }

    const cli: number[] = [];
    let status: number | null = null;
    for (let i = 0; i < RUNS; i++) {
      start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'ddbops.js'), 'plan', '--format', 'markdown', '--out', join(dir, 'plan.md')], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      cli.push(ms(start));
      status = r.status;
      if (r.status !== 3) throw new Error(`plan exited ${r.status}, expected 3 (the guard blocks the prod changes):\n${r.stderr}`);
    }

    const f = (x: number) => `${(x / 1000).toFixed(3)} s`;
    const col = (k: keyof typeof memory[number]) => f(median(memory.map((m) => m[k])));
    process.stdout.write([
      `ddbops plan, ${TABLES} tables × 3 environments, a change on every table; median of ${RUNS} runs, node ${process.version}`,
      `plan: ${summary}; markdown ${markdownChars} chars`,
      '',
      '| step | time |',
      '|---|---|',
      `| render base (once, not in the plan figures) | ${f(baseMs)} |`,
      `| render head (once, not in the plan figures) | ${f(headMs)} |`,
      `| classify + guard (buildPlan) | ${col('classify')} |`,
      `| render markdown (incl. size-limit truncation) | ${col('markdown')} |`,
      `| render text | ${col('text')} |`,
      `| render json | ${col('json')} |`,
      `| **classify + markdown** | **${f(median(memory.map((m) => m.classify + m.markdown)))}** |`,
      `| **\`ddbops plan --format markdown\`, cold process, end to end (git + both renders), exit ${status}** | **${f(median(cli))}** |`,
      '',
    ].join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
