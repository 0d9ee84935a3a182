import { didYouMean } from '../../diagnostics/did-you-mean';
import { UsageError } from '../../diagnostics/usage-error';
import { join } from 'path';
import { DIST_DIR } from '../../dist/paths';
import { display } from '../../load/read-inputs';
import { defineCommand, FORMAT_OPTION } from '../command';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Show the live tables and backup plans in the cluster, and their drift from dist/',
  options: [
    { name: 'env', value: 'ENV', description: 'Only this environment', default: 'every environment in dist/' },
    { name: 'all', description: 'Every environment in dist/ (the default)' },
    { name: 'context', value: 'NAME', description: 'kubeconfig context', default: 'the current context' },
    { name: 'kubeconfig', value: 'PATH', description: 'kubeconfig file', default: '$KUBECONFIG, else ~/.kube/config' },
    { name: 'watch', description: 'Keep watching (Kubernetes watches) until every XR is Ready and Synced, or Ctrl-C' },
    { name: 'dist', value: 'DIR', description: 'Rendered tree to compare with (what Argo CD applies)', default: 'dist/ next to project.yaml' },
    { ...FORMAT_OPTION, aliases: { table: 'text' } },
  ],
  details: [
    'Desired state is the rendered dist/ tree, not the working tree: run `ddbops synth` first if schemas changed.',
    'Drift compares each XR\'s spec with dist/: every field git sets must match; a field only the cluster has counts',
    'unless it is under spec.crossplane (Crossplane\'s machinery) or equals the XRD\'s schema default.',
    'Exit codes: 0 every XR Ready and Synced, no drift, nothing missing or extra; 1 otherwise;',
    '2 usage error, or the cluster cannot be reached or authenticated (one line naming the context and the cause).',
  ].join('\n'),
  async run(ctx) {
    const [{ readDistFromDisk }, { parseDistTree }, { connect }, { runStatus }] = await Promise.all([
      import('../../dist/read-dist'), import('../../status/desired'), import('../../status/kube'), import('../../status/run'),
    ]);
    const { options } = ctx;
    if (options.env !== undefined && options.all) throw new UsageError('--env and --all cannot be used together');
    const distDir = options.dist ?? display(join(ctx.project().root, DIST_DIR), ctx.cwd);
    const desired = parseDistTree(distDir, readDistFromDisk(distDir, ctx.cwd));
    const names = desired.environments.map((e) => e.name);
    const env = options.env;
    if (env !== undefined && !names.includes(env)) {
      const guess = didYouMean(env, names);
      throw new UsageError(`unknown environment "${env}" (${distDir}/ has ${names.join(', ')})`, guess ? `did you mean --env ${guess}?` : undefined);
    }
    const cluster = await connect({
      kubeconfig: options.kubeconfig,
      context: options.context,
      cwd: ctx.cwd,
      env: ctx.env,
    });
    return runStatus(
      { desired, selected: env ? [env] : names, format: options.format === 'json' ? 'json' : 'table', watch: options.watch === true },
      cluster,
      {
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        now: () => new Date(),
        onInterrupt: (handler) => {
          process.once('SIGINT', handler);
          process.once('SIGTERM', handler);
          return () => {
            process.removeListener('SIGINT', handler);
            process.removeListener('SIGTERM', handler);
          };
        },
        clearScreen: process.stdout.isTTY === true && options.format !== 'json',
      },
    );
  },
});
