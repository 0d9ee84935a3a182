/**
 * `ddbops plan` end to end, one scenario per risk class plus benign changes:
 * each in a real git repository with this repo's inputs as the base commit and
 * one change in the working tree. Asserts every changed resource's action and
 * labels, the guard's exit code, and the PR comment (markdown snapshot).
 */
import * as fs from 'fs';
import * as renderJsonModule from '../../src/plan/render-json';
import { renderMarkdown } from '../../src/plan/render-markdown';
import { Plan } from '../../src/plan/types';
import { Json, normalise, ScratchRepo } from './scratch-repo';
import { CROSSPLANE_CHARTS } from '../../charts';

interface Row {
  readonly environment: string;
  readonly kind: string;
  readonly name: string;
  readonly action: string;
  readonly labels: readonly string[];
  readonly blocked: boolean;
}

interface Scenario {
  readonly name: string;
  readonly reason: string;
  /** Applied before the base commit, when the base needs a setting the repo lacks. */
  readonly before?: (repo: ScratchRepo) => void;
  readonly change: (repo: ScratchRepo) => void;
  readonly exit: number;
  /** Every resource whose action is not no-op. */
  readonly changed: readonly Row[];
  /** Phrases the explanations must contain, by `environment/name`. */
  readonly says?: Readonly<Record<string, string>>;
}

const T = 'DynamoDBTable';
const ENVS = ['dev', 'prod', 'sit'] as const;
const inEvery = (name: string, action: string, labels: string[], blockedIn: string[] = []): Row[] =>
  ENVS.map((environment) => ({ environment, kind: T, name, action, labels, blocked: blockedIn.includes(environment) }));

const schema = (table: string) => `schemas/${table}.schema.json`;
const renameSortKey = (repo: ScratchRepo) => {
  const f = repo.file(schema('tenants'));
  fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/\bSK\b/g, 'SortKey'));
};
const override = (repo: ScratchRepo, table: string, env: string, o: Json) =>
  repo.editJson(schema(table), (s) => { s.overrides = { ...s.overrides, [env]: { ...s.overrides?.[env], ...o } }; });

const scenarios: Scenario[] = [
  {
    name: 'tenants sort key changed',
    reason: 'A key is fixed at creation: every environment needs a new table, and prod\'s guard blocks it.',
    change: renameSortKey,
    exit: 3,
    changed: inEvery('tenants', 'replace', ['replace', 'data-loss'], ['prod']),
    says: { 'prod/tenants': 'sort key SK → SortKey' },
  },
  {
    name: 'campaigns schema deleted',
    reason: 'The XR goes away: dev and sit (full) delete the table, prod (keep-on-delete) keeps it, and prod blocks either.',
    change: (repo) => repo.remove(schema('campaigns')),
    exit: 3,
    changed: [
      { environment: 'dev', kind: T, name: 'campaigns', action: 'delete', labels: ['delete', 'data-loss'], blocked: false },
      { environment: 'prod', kind: T, name: 'campaigns', action: 'delete', labels: ['delete', 'released'], blocked: true },
      { environment: 'sit', kind: T, name: 'campaigns', action: 'delete', labels: ['delete', 'data-loss'], blocked: false },
    ],
    says: { 'dev/campaigns': 'Crossplane DELETES table campaigns', 'prod/campaigns': 'is KEPT in AWS' },
  },
  {
    name: 'PITR turned off in prod',
    reason: 'Losing the restore window is blocked in prod.',
    change: (repo) => override(repo, 'tenants', 'prod', { pitr: { enabled: false } }),
    exit: 3,
    changed: [{ environment: 'prod', kind: T, name: 'tenants', action: 'update', labels: ['pitr-off', 'recovery-weakened'], blocked: true }],
  },
  {
    name: 'sort key change acknowledged for prod',
    reason: 'An acknowledgement in the table schema lets the blocked replace through.',
    change: (repo) => {
      renameSortKey(repo);
      repo.editJson(schema('tenants'), (s) => {
        s.acknowledge = [{ change: 'replace', environment: 'prod', reason: 'table is empty until launch', by: 'dba@bigbeard.co.za' }];
      });
    },
    exit: 0,
    changed: inEvery('tenants', 'replace', ['replace', 'data-loss']),
  },
  {
    name: 'GSI added',
    reason: 'Indexes are per schema, so every environment backfills; no guard blocks gsi-added.',
    change: (repo) => repo.editJson(schema('tenants'), (s) => {
      s.globalSecondaryIndexes.push({ indexName: 'OrganizationIndex', partitionKey: { name: 'organizationName', type: 'S' }, projectionType: 'KEYS_ONLY' });
    }),
    exit: 0,
    changed: inEvery('tenants', 'update', ['gsi-added', 'backfill', 'write-cost', 'cost', 'slow']),
    says: { 'dev/tenants': 'backfills it from every existing item' },
  },
  {
    name: 'GSI removed',
    reason: 'Queries on the index break; not blocked in BBWS.',
    change: (repo) => repo.editJson(schema('campaigns'), (s) => {
      s.globalSecondaryIndexes = s.globalSecondaryIndexes.filter((g: Json) => g.indexName !== 'CampaignProductIndex');
      s.accessPatterns = s.accessPatterns.filter((a: Json) => a.index !== 'CampaignProductIndex');
    }),
    exit: 0,
    changed: inEvery('campaigns', 'update', ['gsi-removed', 'app-impact']),
  },
  {
    name: 'GSI projection changed',
    reason: 'A projection change rebuilds the index.',
    change: (repo) => repo.editJson(schema('products'), (s) => { s.globalSecondaryIndexes[0].projectionType = 'KEYS_ONLY'; }),
    exit: 0,
    changed: inEvery('products', 'update', ['projection-changed', 'backfill', 'write-cost', 'slow', 'app-impact']),
  },
  {
    name: 'billing mode switched in dev',
    reason: 'Switching to provisioned throttles above the units, and AWS limits switches back.',
    change: (repo) => repo.editJson(schema('products'), (s) => {
      s.overrides = { ...s.overrides, dev: { capacityMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } } };
      s.globalSecondaryIndexes[0].provisionedThroughput = { readCapacityUnits: 5, writeCapacityUnits: 5 };
    }),
    exit: 0,
    changed: [{ environment: 'dev', kind: T, name: 'products', action: 'update', labels: ['billing-mode-switch', 'cost', 'rate-limited', 'throttle-risk'], blocked: false }],
  },
  {
    name: 'TTL attribute changed',
    reason: 'DynamoDB needs TTL off, then on for the new attribute, at most one change an hour.',
    before: (repo) => repo.editJson(schema('campaigns'), (s) => {
      s.attributes.push({ name: 'expiresAt', type: 'N' }, { name: 'purgeAt', type: 'N' });
      s.ttl = { attributeName: 'expiresAt', enabled: true };
    }),
    change: (repo) => repo.editJson(schema('campaigns'), (s) => { s.ttl.attributeName = 'purgeAt'; }),
    exit: 0,
    changed: inEvery('campaigns', 'update', ['ttl-changed', 'slow', 'rate-limited', 'two-step']),
  },
  {
    name: 'deletion protection off in prod',
    reason: 'Blocked in prod: it is what stops an accidental DeleteTable.',
    change: (repo) => override(repo, 'products', 'prod', { deletionProtection: false }),
    exit: 3,
    changed: [{ environment: 'prod', kind: T, name: 'products', action: 'update', labels: ['deletion-protection-off', 'recovery-weakened'], blocked: true }],
  },
  {
    name: 'backup retention shortened in prod',
    reason: 'The backup plan keeps recovery points for less time; blocked in prod.',
    change: (repo) => repo.editYaml('environments/prod.yaml', (d) => { d.setIn(['backup', 'retentionDays'], 7); }),
    exit: 3,
    changed: [{ environment: 'prod', kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup', action: 'update', labels: ['backup-shortened', 'recovery-weakened'], blocked: true }],
  },
  {
    name: 'table leaves the prod backup plan',
    reason: 'Dropping a table from AWS Backup is backup removal; blocked in prod.',
    change: (repo) => override(repo, 'campaigns', 'prod', { backup: false }),
    exit: 3,
    changed: [{ environment: 'prod', kind: T, name: 'campaigns', action: 'update', labels: ['backup-removed', 'recovery-weakened'], blocked: true }],
  },
  {
    name: 'prod backup plan removed',
    reason: 'The plan XR is deleted and every table leaves it; all blocked.',
    change: (repo) => repo.editYaml('environments/prod.yaml', (d) => { d.setIn(['backup', 'enabled'], false); }),
    exit: 3,
    changed: [
      { environment: 'prod', kind: T, name: 'campaigns', action: 'update', labels: ['backup-removed', 'recovery-weakened'], blocked: true },
      { environment: 'prod', kind: T, name: 'products', action: 'update', labels: ['backup-removed', 'recovery-weakened'], blocked: true },
      { environment: 'prod', kind: T, name: 'tenants', action: 'update', labels: ['backup-removed', 'recovery-weakened'], blocked: true },
      { environment: 'prod', kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup', action: 'delete', labels: ['backup-removed', 'recovery-weakened'], blocked: true },
    ],
  },
  {
    name: 'prod replica removed',
    reason: 'The eu-west-1 copy of every prod table is deleted; BBWS does not block replica-removed.',
    change: (repo) => repo.editYaml('environments/prod.yaml', (d) => { d.deleteIn(['replicas']); }),
    exit: 0,
    changed: ['campaigns', 'products', 'tenants'].map((name) => ({
      environment: 'prod', kind: T, name, action: 'update', labels: ['replica-removed', 'data-loss', 'recovery-weakened'], blocked: false,
    })),
  },
  {
    name: 'management mode full in prod',
    reason: 'Removing the table from git would now delete it; labelled, and left to the guard (BBWS does not block it).',
    change: (repo) => override(repo, 'tenants', 'prod', { managementMode: 'full' }),
    exit: 0,
    changed: [{ environment: 'prod', kind: T, name: 'tenants', action: 'update', labels: ['management-gains-delete'], blocked: false }],
  },
  {
    name: 'table renamed in prod',
    reason: 'A new external name means a new, empty table; the old one is left unmanaged.',
    change: (repo) => override(repo, 'tenants', 'prod', { tableName: 'tenants-v2' }),
    exit: 3,
    changed: [{ environment: 'prod', kind: T, name: 'tenants', action: 'replace', labels: ['replace', 'data-loss', 'released'], blocked: true }],
  },
  {
    name: 'partition key type changed',
    reason: 'A key attribute\'s type is fixed at creation.',
    change: (repo) => repo.editJson(schema('products'), (s) => {
      s.primaryKey.partitionKey.type = 'N';
      s.attributes.find((a: Json) => a.name === 'PK').type = 'N';
    }),
    exit: 3,
    changed: inEvery('products', 'replace', ['replace', 'data-loss'], ['prod']),
    says: { 'prod/products': 'partition key PK type S → N' },
  },
  {
    name: 'LSI added',
    reason: 'LSIs exist only from table creation.',
    change: (repo) => repo.editJson(schema('tenants'), (s) => {
      s.localSecondaryIndexes = [{ indexName: 'CreatedIndex', sortKey: { name: 'dateCreated', type: 'S' }, projectionType: 'KEYS_ONLY' }];
    }),
    exit: 3,
    changed: inEvery('tenants', 'replace', ['replace', 'data-loss'], ['prod']),
  },
  {
    name: 'tags only',
    reason: 'Tags reach AWS but change nothing about the data.',
    change: (repo) => repo.editJson(schema('campaigns'), (s) => { s.tags = { ...s.tags, Team: 'growth' }; }),
    exit: 0,
    changed: inEvery('campaigns', 'update', ['cosmetic']),
  },
  {
    name: 'descriptions only',
    reason: 'Descriptions and access patterns are documentation: nothing reaches AWS.',
    change: (repo) => repo.editJson(schema('tenants'), (s) => {
      s.description = 'Tenants, described better';
      s.attributes[0].description = 'The partition key';
    }),
    exit: 0,
    changed: [],
  },
  {
    name: 'no change',
    reason: 'The working tree is the base.',
    change: () => undefined,
    exit: 0,
    changed: [],
  },
  {
    name: 'PITR window shortened in prod',
    reason: 'Labelled pitr-shortened; BBWS blocks pitr-off but not a shorter window.',
    change: (repo) => override(repo, 'tenants', 'prod', { pitr: { recoveryPeriodInDays: 7 } }),
    exit: 0,
    changed: [{ environment: 'prod', kind: T, name: 'tenants', action: 'update', labels: ['pitr-shortened', 'recovery-weakened'], blocked: false }],
  },
  {
    name: 'delete acknowledged in the environment file',
    reason: 'A deleted table has no schema at head; the environment file acknowledges it.',
    change: (repo) => {
      repo.remove(schema('campaigns'));
      repo.editYaml('environments/prod.yaml', (d) => {
        d.set('acknowledge', [{ change: 'delete', resource: 'campaigns', reason: 'campaigns moved to the pricing service', by: 'cto@bigbeard.co.za' }]);
      });
    },
    exit: 0,
    changed: [
      { environment: 'dev', kind: T, name: 'campaigns', action: 'delete', labels: ['delete', 'data-loss'], blocked: false },
      { environment: 'prod', kind: T, name: 'campaigns', action: 'delete', labels: ['delete', 'released'], blocked: false },
      { environment: 'sit', kind: T, name: 'campaigns', action: 'delete', labels: ['delete', 'data-loss'], blocked: false },
    ],
  },
  {
    name: 'prod tables lose deletion protection by default',
    reason: 'One environment default blocks every table: one environment-level acknowledgement is suggested, not three.',
    change: (repo) => repo.editYaml('environments/prod.yaml', (d) => { d.setIn(['tableDefaults', 'deletionProtection'], false); }),
    exit: 3,
    changed: ['campaigns', 'products', 'tenants'].map((name) => ({
      environment: 'prod', kind: T, name, action: 'update', labels: ['deletion-protection-off', 'recovery-weakened'], blocked: true,
    })),
  },
  {
    name: 'environment sit removed',
    reason: 'Its Application goes without a resources finalizer: everything stays in the cluster, orphaned; no table is deleted.',
    change: (repo) => repo.remove('environments/sit.yaml'),
    exit: 0,
    changed: [
      { environment: 'sit', kind: 'Namespace', name: 'bbws-sit', action: 'delete', labels: ['delete', 'orphaned'], blocked: false },
      { environment: 'sit', kind: 'ProviderConfig', name: 'aws-sit', action: 'delete', labels: ['orphaned'], blocked: false },
      ...['campaigns', 'products', 'tenants'].map((name) => ({ environment: 'sit', kind: T, name, action: 'delete', labels: ['delete', 'orphaned'], blocked: false })),
      { environment: 'sit', kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup', action: 'delete', labels: ['delete', 'orphaned'], blocked: false },
    ],
    says: { 'sit/campaigns': 'leaves git but stays in the cluster, orphaned' },
  },
  {
    name: 'environment sit renamed qa, namespace kept',
    reason: 'The same objects move to the new Application; its sync fails on FailOnSharedResource until the old tracking-id is removed.',
    change: (repo) => {
      repo.git('mv', 'environments/sit.yaml', 'environments/qa.yaml');
      repo.editYaml('environments/qa.yaml', (d) => { d.set('name', 'qa'); });
    },
    exit: 0,
    changed: [
      { environment: 'qa', kind: 'Namespace', name: 'bbws-sit', action: 'update', labels: ['manual-step', 'cosmetic'], blocked: false },
      { environment: 'qa', kind: 'ProviderConfig', name: 'aws-qa', action: 'create', labels: [], blocked: false },
      { environment: 'qa', kind: 'ProviderConfig', name: 'aws-sit', action: 'delete', labels: ['orphaned'], blocked: false },
      ...['campaigns', 'products', 'tenants'].map((name) => ({ environment: 'qa', kind: T, name, action: 'update', labels: ['manual-step', 'cosmetic'], blocked: false })),
      { environment: 'qa', kind: 'DynamoDBBackupPlan', name: 'dynamodb-backup', action: 'update', labels: ['manual-step', 'cosmetic'], blocked: false },
    ],
    says: { 'qa/tenants': 'moves from Application bbws-dynamodb-sit to bbws-dynamodb-qa' },
  },
  {
    name: 'guard lifted in the same PR',
    reason: 'The guard is the union of base and head, so a PR cannot unblock its own replace.',
    change: (repo) => {
      renameSortKey(repo);
      repo.editYaml('environments/prod.yaml', (d) => { d.setIn(['guard', 'block'], ['delete']); });
    },
    exit: 3,
    changed: inEvery('tenants', 'replace', ['replace', 'data-loss'], ['prod']),
  },
];

describe('plan scenarios', () => {
  let template: ScratchRepo;
  let base: string;
  beforeAll(() => {
    // The Argo CD charts are planned like any folder; keeping them out keeps these snapshots about tables.
    template = new ScratchRepo({ charts: CROSSPLANE_CHARTS });
    base = template.commit('base');
  });
  afterAll(() => template.cleanup());

  test.each(scenarios)('$name: $reason', async ({ before, change, exit, changed, says }) => {
    // GIVEN a base commit and a change in the working tree
    const repo = template.copy();
    const renderJson = jest.spyOn(renderJsonModule, 'renderJson');
    try {
      const commits = { base };
      if (before) {
        before(repo);
        Object.assign(commits, { base: repo.commit('base with setup') });
      }
      change(repo);

      // WHEN
      const result = await repo.plan('--format', 'json');

      // THEN
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: exit, stderr: '' });
      const plan = JSON.parse(result.stdout);
      const rows = plan.changes.filter((c: Json) => c.action !== 'no-op')
        .map(({ environment, kind, name, action, labels, blocked }: Json) => ({ environment, kind, name, action, labels, blocked }));
      expect(rows).toEqual(changed);
      for (const [where, phrase] of Object.entries(says ?? {})) {
        const [environment, name] = where.split('/');
        expect(plan.changes.find((c: Json) => c.environment === environment && c.name === name).explanation).toContain(phrase);
      }
      // The PR comment, rendered from the very plan the command printed (--format markdown is the same function).
      const rendered = renderJson.mock.calls[0][0] as Plan;
      expect(normalise(renderMarkdown(rendered), commits)).toMatchSnapshot();
    } finally {
      renderJson.mockRestore();
      repo.cleanup();
    }
  });
});
