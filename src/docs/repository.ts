/** The repository's layout and how a change travels from a pull request to AWS. */
import { dirname } from 'path';
import { compareStrings } from '../text/compare';
import { Inputs } from '../model/inputs';
import { EnvironmentModel, Model } from '../model/resolved';
import { RenderedObject } from '../render/render';
import { TableView } from './facts';
import { joinAnd, plural } from '../text/lists';
import { blocks, codeOutsideTable, fenced } from '../text/markdown';
import { DEFAULT_DOC_PATH } from './paths';


export function repositorySection(inputs: Inputs, model: Model, views: readonly TableView[], dist?: readonly RenderedObject[]): string {
  return blocks(
    '## Repository structure and change flow',
    '### Repository structure',
    fenced('text', tree(inputs, model, views, dist)),
    '### How a change flows',
    changeFlow(model),
  );
}

interface Line {
  readonly path: string;
  readonly note: string;
}

function tree(inputs: Inputs, model: Model, views: readonly TableView[], dist: readonly RenderedObject[] | undefined): string {
  const distPath = `${model.repository.path ? `${model.repository.path.replace(/\/+$/, '')}/` : ''}dist/`;
  const lines: Line[] = [
    { path: inputs.project.file, note: 'organisation, API group, repository, Argo CD project' },
    ...grouped(views.map((v) => ({ path: v.file, note: `table ${v.schema.tableName}` })), 'one table schema per file'),
    ...grouped([...inputs.environments]
      .sort((a, b) => compareStrings(a.file, b.file))
      .map((e) => ({ path: e.file, note: `account ${e.value.account}, ${e.value.region}` })), 'one file per environment'),
    { path: distPath, note: 'rendered by `ddbops synth` and committed; Argo CD applies it' },
    ...(dist ? renderedFolders(dist) : [
      { path: '  platform/', note: 'XRDs, Compositions and the composition Function' },
      ...model.environments.map((e) => ({ path: `  ${e.name}/`, note: environmentContents(e) })),
    ]),
    { path: DEFAULT_DOC_PATH, note: 'this document, rendered by `ddbops docs`' },
    { path: 'charts/, compositions/, src/', note: 'the ddbops engine: validation, model, rendering, CLI' },
  ];
  const width = Math.max(...lines.map((l) => l.path.length)) + 2;
  return lines.map((l) => `${l.path.padEnd(width)}${l.note}`.trimEnd()).join('\n');
}

/** Files under their folder, indented, with the folder's own note first. */
function grouped(files: readonly Line[], folderNote: string): Line[] {
  const byDir = new Map<string, Line[]>();
  for (const f of files) byDir.set(dirname(f.path), [...(byDir.get(dirname(f.path)) ?? []), f]);
  return [...byDir].flatMap(([dir, list]) => (dir === '.'
    ? list
    : [{ path: `${dir}/`, note: folderNote }, ...list.map((f) => ({ path: `  ${f.path.slice(dir.length + 1)}`, note: f.note }))]));
}

/** One line per dist/ folder, naming the kinds of object it holds, with counts. */
function renderedFolders(objects: readonly RenderedObject[]): Line[] {
  const folders = new Map<string, Map<string, number>>();
  for (const o of objects) {
    const kinds = folders.get(o.dir) ?? new Map<string, number>();
    kinds.set(o.object.kind, (kinds.get(o.object.kind) ?? 0) + 1);
    folders.set(o.dir, kinds);
  }
  return [...folders].map(([dir, kinds]) => ({
    path: `${'  '.repeat(dir.split('/').length)}${dir.split('/').pop()}/`,
    note: [...kinds].map(([kind, n]) => (n === 1 ? kind : `${n} ${kind}s`)).join(', '),
  }));
}

function environmentContents(e: EnvironmentModel): string {
  return [
    `namespace ${e.namespace}`,
    `ProviderConfig ${e.providerConfig.name}`,
    plural(e.tables.length, 'DynamoDBTable'),
    ...(e.backupPlan ? ['1 DynamoDBBackupPlan'] : []),
  ].join(', ');
}

function changeFlow(model: Model): string {
  const guarded = model.environments.filter((e) => e.guard.length);
  const observed = model.environments.some((e) => e.tables.some((t) => t.managementMode === 'observe'));
  const steps = [
    `**Pull request.** Edit a schema or an environment file on a branch, run \`ddbops synth\` and \`ddbops docs\`, and commit the inputs together with the regenerated \`dist/\` and this document. Open a pull request against ${codeOutsideTable(model.repository.revision)}.`,
    `**Validate and plan.** CI runs \`ddbops validate\`, fails when \`dist/\` or this document is stale, and posts \`ddbops plan\`: per environment and table, what will be created, updated in place, replaced or deleted, and which of those changes lose data.${guarded.length
      ? ` The plan guard fails the check on ${joinAnd(guarded.map((e) => `${e.guard.map(codeOutsideTable).join(', ')} in ${codeOutsideTable(e.name)}`))}, unless the table's schema acknowledges the change with a reason.`
      : ''}`,
    `**Merge** into ${codeOutsideTable(model.repository.revision)} after review.`,
    `**Argo CD** (AppProject ${codeOutsideTable(model.argocd.project)} in namespace ${codeOutsideTable(model.argocd.namespace)}) applies the committed \`dist/\` from ${codeOutsideTable(model.repository.url)} at ${codeOutsideTable(model.repository.revision)} to ${codeOutsideTable(model.argocd.destinationServer)}: the platform APIs, then each environment in sync waves (ProviderConfig, then tables, then backups). ${syncPolicies(model.environments)}`,
    `**Crossplane** composes each \`DynamoDBTable\` (API group ${codeOutsideTable(model.apiGroup)}) into a DynamoDB Table${model.environments.some((e) => e.backupPlan) ? `, and each \`DynamoDBBackupPlan\` into ${model.environments.some((e) => e.backupPlan?.copy) ? 'backup vaults (one in the DR region for the copies)' : 'a backup vault'}, a backup plan, a tag selection and a service role` : ''}, reaching each environment's account by assuming its ProviderConfig's role.`,
    `**AWS** creates or updates the tables. Crossplane keeps reconciling: a change made outside git is set back to what git declares${observed ? ', except on tables in `observe` mode, which it only reads' : ''}.`,
  ];
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** One sentence per distinct policy, naming the environments that share it. */
function syncPolicies(envs: readonly EnvironmentModel[]): string {
  const groups = new Map<string, string[]>();
  for (const e of envs) {
    const key = `${e.prune}/${e.confirmDeletion}`;
    groups.set(key, [...(groups.get(key) ?? []), e.name]);
  }
  return [...groups].map(([key, names]) => {
    const [prune, confirm] = key.split('/').map((x) => x === 'true');
    const many = names.length > 1;
    return `${joinAnd(names.map(codeOutsideTable))} ${prune ? (many ? 'prune' : 'prunes') : (many ? 'never prune' : 'never prunes')} automatically${confirm ? `, and deleting ${many ? 'their' : 'its'} tables or backups needs a manual confirmation` : ''}.`;
  }).join(' ');
}
