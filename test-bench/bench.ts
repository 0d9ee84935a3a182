/**
 * `npm run bench`: wall time and peak RSS of `ddbops synth` as a real
 * process (precompiled JS, cold start), for the repository itself and for
 * synthetic repositories of 10, 100 and 1000 tables × 3 environments.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { writeSyntheticRepo } from './synthetic-repo';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'ddbops.js');
const PRELOAD = join(ROOT, 'test-bench', 'report-rss.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Row { name: string; tables: number; wallMs: number[]; rssKb: number[] }

function synthOnce(cwd: string, out: string): { wallMs: number; rssKb: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', PRELOAD, BIN, 'synth', '--out', out], { cwd, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`synth failed in ${cwd}:\n${r.stdout}${r.stderr}`);
  const m = /@@maxrss_kb=(\d+)/.exec(r.stderr);
  return { wallMs, rssKb: m ? Number(m[1]) : NaN };
}

function measure(name: string, tables: number, cwd: string): Row {
  const row: Row = { name, tables, wallMs: [], rssKb: [] };
  const out = mkdtempSync(join(tmpdir(), 'bench-out-'));
  try {
    for (let i = 0; i < RUNS; i++) {
      const { wallMs, rssKb } = synthOnce(cwd, join(out, 'dist'));
      row.wallMs.push(wallMs);
      row.rssKb.push(rssKb);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return row;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `node -e 0`: the floor every cold command stands on, for reading the rows below. */
function nodeStartMs(): number {
  const runs = Array.from({ length: RUNS }, () => {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return median(runs);
}

function main(): void {
  const rows: Row[] = [];
  const repo = mkdtempSync(join(tmpdir(), 'bench-repo-'));
  try {
    for (const p of ['schemas', 'environments', 'project.yaml']) cpSync(join(ROOT, p), join(repo, p), { recursive: true });
    rows.push(measure('this repository', 3, repo));
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
  for (const n of (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number)) {
    const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`));
    try {
      writeSyntheticRepo(dir, n);
      rows.push(measure(`synthetic ${n} tables`, n, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const lines = [
    `ddbops synth, cold process, ${RUNS} runs each (median; min-max), node ${process.version}`,
    '',
    '| input | tables × envs | wall time | peak RSS |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.tables} × 3 | ${(median(r.wallMs) / 1000).toFixed(3)} s (${(Math.min(...r.wallMs) / 1000).toFixed(3)}-${(Math.max(...r.wallMs) / 1000).toFixed(3)}) | ${(median(r.rssKb) / 1024).toFixed(0)} MB |`),
    '',
    `node start-up alone (node -e 0): ${(nodeStartMs() / 1000).toFixed(3)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
