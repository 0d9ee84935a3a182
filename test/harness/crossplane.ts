/**
 * Real Crossplane tooling from tests:
 *  - renderComposition: the real XR reconciler (Crossplane core v2.3.4,
 *    `crossplane internal render`, driven by tools/go/core/cmd/xprender)
 *    calling a real function-patch-and-transform over gRPC.
 *  - renderWithCli: the CLI v2.2.1's own renderer (`crossplane render`), the
 *    same function, as a second engine to agree with.
 *  - validateResources: `crossplane beta validate` (CLI v2.2.1), fully offline.
 */
import { execFile, execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';

import { RunningFunction, startFunction } from './function-runner';
import { REPO_ROOT, sharedCrdsDir, toolPath, toolsDir } from './tools';

export type KubeObject = Record<string, unknown>;

export const RUNTIME_ANNOTATION = 'render.crossplane.io/runtime';
export const RUNTIME_TARGET_ANNOTATION = 'render.crossplane.io/runtime-development-target';
export const PT_PACKAGE = 'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.10.7';

/**
 * A pkg.crossplane.io/v1 Function pointing the renderer at a running function
 * (Development runtime), as `crossplane render` expects.
 */
export function functionObject(name: string, address: string, pkg = PT_PACKAGE): KubeObject {
  return {
    apiVersion: 'pkg.crossplane.io/v1',
    kind: 'Function',
    metadata: {
      name,
      annotations: {
        [RUNTIME_ANNOTATION]: 'Development',
        [RUNTIME_TARGET_ANNOTATION]: address,
      },
    },
    spec: { package: pkg },
  };
}

/** functionRef names used by a Pipeline composition, in order, deduplicated. */
export function pipelineFunctionNames(composition: KubeObject): string[] {
  const spec = composition.spec as { pipeline?: Array<{ functionRef?: { name?: string } }> } | undefined;
  const names = (spec?.pipeline ?? []).map((s) => s.functionRef?.name).filter((n): n is string => !!n);
  return [...new Set(names)];
}

export interface RenderInput {
  /** The composite resource (XR). */
  xr: KubeObject;
  /** A mode: Pipeline Composition. */
  composition: KubeObject;
  /**
   * pkg.crossplane.io Function objects, used as-is (they must carry the
   * runtime-development-target annotation). If omitted, one Function per
   * functionRef name (or `functionName`) is generated, all pointing at `fn`.
   */
  functions?: KubeObject[];
  /** Function object name(s) when generating functions; defaults to the composition's functionRef names. */
  functionName?: string | string[];
  /** A running function-patch-and-transform (or its address). If omitted, one is started for this call. */
  fn?: RunningFunction | string;
  /** Observed composed resources (must be in the XR's namespace for namespaced XRs). */
  observed?: KubeObject[];
  /** The XRD. Optional: core only uses it to pick legacy (v1 cluster) vs modern XR schema. */
  xrd?: KubeObject;
  /** Render timeout (default 60s). */
  timeoutMs?: number;
  /** Append `kind: Event` documents (reconciler events) to the output. */
  includeEvents?: boolean;
}

/**
 * YAML 1.1 output: the Go tools read YAML 1.1, where a bare `N`, `y` or `on`
 * is a boolean. YAML 1.2 output would leave DynamoDB's key type "N" unquoted
 * and the tools would see `false`.
 */
export function toYamlStream(docs: readonly KubeObject[]): string {
  return docs.map((d) => `---\n${stringify(d, { version: '1.1' })}`).join('');
}

function writeYaml(dir: string, name: string, docs: KubeObject[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, toYamlStream(docs));
  return file;
}

/** Parses a YAML stream into objects, dropping empty documents. */
export function parseYamlStream(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new Error(`invalid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const js: unknown = doc.toJS();
    if (js !== null && js !== undefined) out.push(js as KubeObject);
  }
  return out;
}

/**
 * Renders an XR with the real Crossplane reconciler and returns the output
 * stream: [XR, ...composed resources, ...(events if requested)].
 * Rejects with xprender's stderr on failure (e.g. a function's FATAL result).
 */
export async function renderComposition(input: RenderInput): Promise<KubeObject[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xprender-'));
  let started: RunningFunction | undefined;
  try {
    let functions = input.functions;
    if (!functions) {
      let address: string;
      if (typeof input.fn === 'string') {
        address = input.fn;
      } else if (input.fn) {
        address = input.fn.address;
      } else {
        started = await startFunction();
        address = started.address;
      }
      const names =
        input.functionName === undefined
          ? pipelineFunctionNames(input.composition)
          : ([] as string[]).concat(input.functionName);
      if (names.length === 0) names.push('function-patch-and-transform');
      functions = names.map((n) => functionObject(n, address));
    }

    const timeoutMs = input.timeoutMs ?? 60_000;
    const args = [
      `--crossplane-binary=${toolPath('crossplane-core')}`,
      `--xr=${writeYaml(tmp, 'xr.yaml', [input.xr])}`,
      `--composition=${writeYaml(tmp, 'composition.yaml', [input.composition])}`,
      `--functions=${writeYaml(tmp, 'functions.yaml', functions)}`,
      `--timeout=${Math.ceil(timeoutMs / 1000)}s`,
    ];
    if (input.observed && input.observed.length > 0) {
      args.push(`--observed-resources=${writeYaml(tmp, 'observed.yaml', input.observed)}`);
    }
    if (input.xrd) args.push(`--xrd=${writeYaml(tmp, 'xrd.yaml', [input.xrd])}`);
    if (input.includeEvents) args.push('--include-events');

    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        toolPath('xprender'),
        args,
        { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs + 15_000 },
        (err, out, errOut) => {
          if (err) reject(new Error(`xprender failed: ${String(errOut).trim() || err.message}`));
          else resolve(String(out));
        },
      );
    });
    return parseYamlStream(stdout);
  } finally {
    if (started) await started.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Renders an XR with the Crossplane CLI's own renderer (`crossplane render`,
 * CLI v2.2.1), a second real engine next to core's reconciler. Same output
 * shape: [XR, ...composed resources]; composed resources carry generateName
 * only and fixed timestamps.
 */
export async function renderWithCli(input: Pick<RenderInput, 'xr' | 'composition' | 'observed' | 'timeoutMs'> & { fn: RunningFunction }): Promise<KubeObject[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crossplane-render-'));
  try {
    const functions = pipelineFunctionNames(input.composition).map((n) => functionObject(n, input.fn.address));
    const timeoutMs = input.timeoutMs ?? 60_000;
    const args = [
      'render',
      writeYaml(tmp, 'xr.yaml', [input.xr]),
      writeYaml(tmp, 'composition.yaml', [input.composition]),
      writeYaml(tmp, 'functions.yaml', functions),
      `--timeout=${Math.ceil(timeoutMs / 1000)}s`,
    ];
    if (input.observed && input.observed.length > 0) args.push(`--observed-resources=${writeYaml(tmp, 'observed.yaml', input.observed)}`);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(toolPath('crossplane'), args, { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs + 15_000 }, (err, out, errOut) => {
        if (err) reject(new Error(`crossplane render failed: ${String(errOut).trim() || err.message}`));
        else resolve(String(out));
      });
    });
    return parseYamlStream(stdout);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// crossplane beta validate
// ---------------------------------------------------------------------------

/** Crossplane image whose (primed) cache entry holds shared/crds/crossplane. */
export const VALIDATE_CROSSPLANE_IMAGE = 'xpkg.crossplane.io/crossplane/crossplane:v2.3.4';

/**
 * Primes the validate cache (tools/prime-validate-cache.sh) and returns the
 * cache dir: <tools dir>/validate-cache.
 */
export function primeValidateCache(): string {
  return execFileSync('bash', [path.join(REPO_ROOT, 'tools', 'prime-validate-cache.sh')], {
    env: { ...process.env, DDB_TOOLS_DIR: toolsDir(), DDB_CRDS_DIR: sharedCrdsDir() },
    encoding: 'utf8',
  }).trim();
}

export interface ValidateResult {
  /** exit code 0 and no failures and no missing schemas. */
  ok: boolean;
  /** stdout + stderr of crossplane beta validate. */
  output: string;
  exitCode: number;
  total: number;
  success: number;
  failures: number;
  missing: number;
  /** The `[x] ...` and `[!] ...` lines. */
  problems: string[];
}

const TOTAL_RE = /^Total (\d+) resources: (\d+) missing schemas, (\d+) success cases, (\d+) failure cases$/m;

/** Parses `crossplane beta validate` output (see test/harness/README.md). */
export function parseValidateOutput(output: string, exitCode: number): ValidateResult {
  const m = TOTAL_RE.exec(output);
  const problems = output.split('\n').filter((l) => l.startsWith('[x] ') || l.startsWith('[!] '));
  if (!m) {
    // Failed before validating (bad input, cache problem...): count it as a failure.
    return { ok: false, output, exitCode, total: 0, success: 0, failures: 1, missing: 0, problems };
  }
  const [total, missing, success, failures] = m.slice(1).map(Number);
  return { ok: exitCode === 0 && failures === 0 && missing === 0, output, exitCode, total, success, failures, missing, problems };
}

/**
 * Runs `crossplane beta validate --error-on-missing-schemas` offline.
 *
 * @param resources files/dirs to validate (YAML). Put pkg.crossplane.io
 *   Function/Provider/Configuration objects here, not in extensions: as
 *   extensions they make validate fetch their package images (no network).
 * @param extensionDirs schema sources: CRD/XRD files or dirs (e.g.
 *   shared/crds/provider-aws). Crossplane's own CRDs are always included
 *   through the primed cache.
 */
export function validateResources(resources: string[] | string, extensionDirs: string[]): ValidateResult {
  const res = ([] as string[]).concat(resources);
  if (res.length === 0) throw new Error('validateResources: no resources given');
  if (extensionDirs.length === 0) throw new Error('validateResources: no extensions given');
  const cacheDir = primeValidateCache();
  const r = spawnSync(
    toolPath('crossplane'),
    [
      'beta',
      'validate',
      `--cache-dir=${cacheDir}`,
      `--crossplane-image=${VALIDATE_CROSSPLANE_IMAGE}`,
      '--error-on-missing-schemas',
      extensionDirs.map((p) => path.resolve(p)).join(','),
      res.map((p) => path.resolve(p)).join(','),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
  );
  if (r.error) throw r.error;
  return parseValidateOutput(`${r.stdout}${r.stderr}`, r.status ?? -1);
}

/** validateResources for in-memory objects (written to a temp file first). */
export function validateObjects(objects: KubeObject[], extensionDirs: string[]): ValidateResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xpvalidate-'));
  try {
    return validateResources(writeYaml(tmp, 'resources.yaml', objects), extensionDirs);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
