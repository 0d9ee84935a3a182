import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { DIST_DIR } from '../../dist/paths';
import { DEFAULT_DOC_PATH } from '../../docs/paths';
import { display } from '../../load/read-inputs';
import { CommandContext, defineCommand, FORMAT_OPTION } from '../command';
import { EXIT } from '../../diagnostics/exit-codes';
import { protectedPaths } from '../protected-paths';
import { findingsJson, findingsText } from '../report-findings';
import { plural } from '../../text/lists';

export const synthCommand = defineCommand({
  name: 'synth',
  summary: 'Validate, then render dist/ (platform, one folder per environment, argocd) and the design document',
  options: [
    { name: 'out', value: 'DIR', description: 'Output folder, replaced atomically; only a previous ddbops output or an empty folder is replaced', default: `${DIST_DIR}/ next to project.yaml` },
    { name: 'docs', value: 'FILE', description: 'Design document to (re)write as well; `none` skips it', default: `${DEFAULT_DOC_PATH} next to project.yaml, or none when --out is given` },
    FORMAT_OPTION,
  ],
  details: [
    'Refuses invalid input and then leaves the previous output untouched.',
    'Run by the cdk8s CLI (`cdk8s synth`, which sets CDK8S_OUTDIR): writes dist/ and the design document as above and',
    'copies the manifests into the folder cdk8s.yaml names; for any other CDK8S_OUTDIR (`cdk8s synth --stdout` or -o DIR)',
    'it writes the manifests there only.',
    'Exit codes: 0 written, 1 invalid input, 2 usage error (including an --out or --docs it refuses to replace).',
  ].join('\n'),
  async run(ctx) {
    const [{ readInputs }, { synthesize }, { writeFileAtomically, writeTreeAtomically }, { guardTreeOutput, guardFileOutput }, { writeFailure }, { isDesignDoc }] = await Promise.all([
      import('../../load/read-inputs'), import('../../pipeline/synthesize'), import('../../write/write-atomically'),
      import('../../write/output-guard'), import('../../write/os-error'), import('../../docs/paths'),
    ]);
    const loc = ctx.project();
    const guarded = protectedPaths(ctx);
    const targets = outputTargets(ctx);
    if (targets.tree) guardTreeOutput(targets.tree.path, targets.tree.shown, guarded, '--out');
    if (targets.mirror) guardTreeOutput(targets.mirror.path, targets.mirror.shown, guarded, 'CDK8S_OUTDIR');
    if (targets.docs) guardFileOutput(targets.docs.path, targets.docs.shown, guarded, { flag: '--docs', what: 'a design document', isOurs: isDesignDoc });

    const raw = readInputs(loc.paths, ctx.cwd);
    const result = synthesize(raw, { until: 'files', charts: await ctx.charts() });
    const json = ctx.options.format === 'json';
    const summary = { schemas: raw.schemas.length, environments: raw.environments.length };
    // Under the cdk8s CLI, stdout is captured and dropped (or is the manifest stream): report on stderr.
    const say = targets.mirror || !targets.tree ? ctx.stderr : ctx.stdout;
    if (!result.ok) {
      if (json) say(`${JSON.stringify(findingsJson(result.findings), null, 2)}\n`);
      else ctx.stderr(`${findingsText(result.findings, summary)}synth refused: fix the errors above; the previous output was left untouched\n`);
      return EXIT.failed;
    }
    const written: string[] = [];
    const write = (shown: string, flag: string, action: () => void) => {
      try {
        action();
      } catch (e) {
        throw writeFailure(e, shown, flag);
      }
      written.push(shown);
    };
    if (targets.docs) {
      const { renderDesignDoc } = await import('../../docs/render');
      const doc = renderDesignDoc(result.inputs, result.model, result.objects);
      write(targets.docs.shown, '--docs', () => writeFileAtomically(targets.docs!.path, doc));
    }
    if (targets.tree) write(`${targets.tree.shown}/`, '--out', () => writeTreeAtomically(targets.tree!.path, result.files));
    if (targets.mirror) write(`${targets.mirror.shown}/`, 'CDK8S_OUTDIR', () => writeTreeAtomically(targets.mirror!.path, result.files));

    const perDir = new Map<string, number>();
    for (const path of result.files.keys()) perDir.set(path.split('/')[0], (perDir.get(path.split('/')[0]) ?? 0) + 1);
    if (json) {
      say(`${JSON.stringify({
        out: targets.tree?.shown ?? targets.mirror?.shown ?? null,
        docs: targets.docs?.shown ?? null,
        files: [...result.files.keys()],
        warnings: findingsJson(result.findings).warnings,
      }, null, 2)}\n`);
    } else {
      const warnings = result.findings.filter((f) => f.severity === 'warning');
      if (warnings.length) ctx.stderr(findingsText(warnings, summary));
      // Only a scratch folder of the cdk8s CLI: it lists (or prints) the manifests itself.
      if (!targets.tree) return EXIT.ok;
      const tree = `${plural(result.files.size, 'file')} (${[...perDir].map(([d, n]) => `${d} ${n}`).join(', ')})`;
      say(`wrote ${tree} to ${written.filter((w) => w.endsWith('/')).join(' and ')}${targets.docs ? `, and ${targets.docs.shown}` : ''}\n`);
    }
    return EXIT.ok;
  },
});

interface Target {
  readonly path: string;
  /** As the user named it, for messages. */
  readonly shown: string;
}

/**
 * Where this run writes. Plain `synth`: the --out tree and the design
 * document. Under the cdk8s CLI (CDK8S_OUTDIR set): when CDK8S_OUTDIR is the
 * `output` cdk8s.yaml names, the same plus a copy of the manifests there, so
 * `cdk8s synth` lists and validates them; any other CDK8S_OUTDIR (the temp
 * folder of `cdk8s synth --stdout`, or `-o DIR`) gets the manifests only.
 */
function outputTargets(ctx: Pick<CommandContext, 'project' | 'cwd' | 'env'> & { readonly options: { readonly out?: string; readonly docs?: string } }): { tree?: Target; docs?: Target; mirror?: Target } {
  const root = ctx.project().root;
  const out = ctx.options.out;
  const docsFlag = ctx.options.docs;
  const tree: Target = out !== undefined
    ? { path: resolve(ctx.cwd, out), shown: out.replace(/\/+$/, '') || out }
    : { path: join(root, DIST_DIR), shown: display(join(root, DIST_DIR), ctx.cwd) };
  const docsPath = docsFlag === 'none' ? undefined
    : docsFlag !== undefined ? resolve(ctx.cwd, docsFlag)
      : out === undefined ? join(root, DEFAULT_DOC_PATH) : undefined;
  const docs = docsPath ? { path: docsPath, shown: docsFlag !== undefined && docsFlag !== 'none' ? docsFlag : display(docsPath, ctx.cwd) } : undefined;
  const cdk8s = ctx.env.CDK8S_OUTDIR;
  if (!cdk8s) return { tree, ...(docs ? { docs } : {}) };
  const mirror = { path: resolve(ctx.cwd, cdk8s), shown: display(resolve(ctx.cwd, cdk8s), ctx.cwd) };
  const configured = cdk8sConfiguredOutput(root);
  if (configured !== undefined && resolve(root, configured) === mirror.path) return { tree, ...(docs ? { docs } : {}), mirror };
  return { mirror };
}

/** The `output` folder cdk8s.yaml at the project root names, if any. */
function cdk8sConfiguredOutput(root: string): string | undefined {
  // A line match, not a YAML parser: the key is a plain scalar, and the parser is not loaded on this path otherwise.
  try {
    const text = readFileSync(join(root, 'cdk8s.yaml'), 'utf8');
    const m = /^output:\s*["']?([^"'#\n]+?)["']?\s*(#.*)?$/m.exec(text);
    return m ? m[1] : undefined;
  } catch {
    return undefined;
  }
}
