import { join, resolve } from 'path';
import { ARGOCD_CM_PATCH_FILE } from '../../../charts/argocd/dirs';
import { DIST_DIR } from '../../dist/paths';
import { display } from '../../load/read-inputs';
import { defineCommand } from '../command';

export const patchArgoCdCmCommand = defineCommand({
  name: 'patch-argocd-cm',
  summary: 'Merge the rendered argocd-cm settings (health checks, tracking, exclusions) into the live argocd-cm',
  options: [
    { name: 'dry-run', description: 'Print the JSON merge patch on stdout instead of applying it' },
    { name: 'force', description: 'Replace keys whose live value differs from ours' },
    { name: 'context', value: 'NAME', description: 'kubeconfig context', default: 'the current context' },
    { name: 'kubeconfig', value: 'PATH', description: 'kubeconfig file', default: '$KUBECONFIG, else ~/.kube/config' },
    { name: 'file', value: 'FILE', description: 'Rendered settings', default: `${DIST_DIR}/${ARGOCD_CM_PATCH_FILE} next to project.yaml` },
    { name: 'live', value: 'FILE', description: 'Read the live ConfigMap from FILE (JSON or YAML) instead of the cluster' },
  ],
  details: [
    'Never replaces argocd-cm: keys are added; resource.exclusions gets our entry appended to Argo CD\'s defaults;',
    'a key you set differently is reported and left alone unless --force. Safe to rerun: a second run changes nothing.',
    'Exit codes: 0 done (or nothing to do), 1 conflicting keys left alone, 2 usage error, or the cluster cannot be reached or used.',
  ].join('\n'),
  async run(ctx) {
    const [{ patchArgoCdCm }, { liveConfigMap }] = await Promise.all([import('../../argocd/patch-argocd-cm'), import('../../argocd/live-argocd-cm')]);
    const { options } = ctx;
    const named = (flag: string) => ({ path: resolve(ctx.cwd, flag), shown: flag });
    const file = options.file !== undefined ? named(options.file) : (() => {
      const path = join(ctx.project().root, DIST_DIR, ARGOCD_CM_PATCH_FILE);
      return { path, shown: display(path, ctx.cwd) };
    })();
    return patchArgoCdCm({
      file,
      ...(options.live !== undefined ? { live: named(options.live) } : {}),
      dryRun: options['dry-run'] === true,
      force: options.force === true,
      cluster: (namespace, name) => liveConfigMap({ kubeconfig: options.kubeconfig, context: options.context, cwd: ctx.cwd, env: ctx.env }, namespace, name),
      stdout: ctx.stdout,
      stderr: ctx.stderr,
    });
  },
});
