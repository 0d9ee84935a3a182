/**
 * Environment files: identity (environment-name, account, region, dr-region,
 * namespace, role-arn, provider-config), tags (mandatory-tag), AWS Backup
 * (backup-schedule, backup-retention, backup-copy, backup-window,
 * backup-policy-tag), replicas and encryption (region, replica-region,
 * replica-kms, kms-arn), and uniqueness across files (environment-unique).
 * DynamoDB's tag rules and the tableDefaults PITR window are in tags.test.ts
 * and pitr.test.ts.
 */
import {
  ACCOUNT, check, checkEnvironment, ENV_FILE, environmentFile, err, Json, Said, summarize, validEnvironment, validProdEnvironment, warn,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (e: Json) => void;
  readonly want: Said[];
  /** The exact hint of the first finding, when the case is about the hint. */
  readonly hint?: string;
  /** @default dev */
  readonly base?: () => Json;
}

const PROD_FILE = 'environments/prod.yaml';

function run(cases: Case[]): void {
  test.each(cases)('$name: $reason', ({ mutate, want, hint, base }) => {
    // WHEN
    const findings = checkEnvironment(mutate, (base ?? validEnvironment)());

    // THEN
    expect(summarize(findings)).toEqual(want);
    if (hint !== undefined) expect(findings[0].hint).toEqual(hint);
  });
}

describe('account', () => {
  run([
    {
      name: '5-digit account',
      reason: 'AWS account ids have exactly 12 digits; the role ARN, built from the right account, no longer matches either.',
      mutate: (e) => { e.account = '12345'; },
      want: [
        err(ENV_FILE, '$.account', 'account', 'account "12345" is not a 12-digit AWS account id'),
        err(ENV_FILE, '$.providerConfig.roleArn', 'role-arn', `the role is in account ${ACCOUNT}, but the environment is account 12345`),
      ],
      hint: 'quote the id so YAML keeps leading zeros, e.g. account: "012345678901"',
    },
    {
      name: 'account with a leading zero',
      reason: 'A quoted id keeps its leading zero and is valid.',
      mutate: (e) => { e.account = '012345678901'; e.providerConfig.roleArn = 'arn:aws:iam::012345678901:role/crossplane'; },
      want: [],
    },
  ]);
});

describe('region', () => {
  run([
    {
      name: 'region missing a dash',
      reason: 'Region codes are checked against the known list; a near miss gets a suggestion.',
      mutate: (e) => { e.region = 'af-south1'; },
      want: [err(ENV_FILE, '$.region', 'region', '"af-south1" is not an AWS region')],
      hint: 'did you mean "af-south-1"?',
    },
    {
      name: 'made-up region',
      reason: 'With no close match the hint shows the expected shape.',
      mutate: (e) => { e.region = 'mars'; },
      want: [err(ENV_FILE, '$.region', 'region', '"mars" is not an AWS region')],
      hint: 'use an AWS region code such as eu-west-1',
    },
    {
      name: 'misspelled DR region',
      reason: 'The DR region is checked like the primary one.',
      mutate: (e) => { e.drRegion = 'eu-wset-1'; },
      want: [err(ENV_FILE, '$.drRegion', 'region', '"eu-wset-1" is not an AWS region')],
      hint: 'did you mean "eu-west-1"?',
    },
    {
      name: 'replica in a made-up region',
      reason: 'Replica regions are checked like the primary one.',
      mutate: (e) => { e.replicas = [{ region: 'eu-west-9' }]; },
      want: [err(ENV_FILE, '$.replicas[0].region', 'region', '"eu-west-9" is not an AWS region')],
      hint: 'did you mean "eu-west-1"?',
    },
  ]);
});

describe('dr-region', () => {
  run([
    {
      name: 'DR region equal to the primary region',
      reason: 'Disaster recovery in the same region protects against nothing regional.',
      mutate: (e) => { e.drRegion = 'eu-west-1'; },
      want: [err(ENV_FILE, '$.drRegion', 'dr-region', 'the DR region is the primary region (eu-west-1)')],
    },
  ]);
});

describe('namespace', () => {
  run([
    {
      name: 'upper case and underscore',
      reason: 'Kubernetes namespaces are DNS labels: lower case, digits and "-".',
      mutate: (e) => { e.namespace = 'Orders_Dev'; },
      want: [err(ENV_FILE, '$.namespace', 'namespace', 'namespace "Orders_Dev" is not a valid DNS label')],
    },
    {
      name: 'trailing dash',
      reason: 'A DNS label starts and ends with a letter or digit.',
      mutate: (e) => { e.namespace = 'orders-'; },
      want: [err(ENV_FILE, '$.namespace', 'namespace', 'namespace "orders-" is not a valid DNS label')],
    },
    {
      name: '64 characters',
      reason: 'A DNS label has at most 63 characters.',
      mutate: (e) => { e.namespace = 'n'.repeat(64); },
      want: [err(ENV_FILE, '$.namespace', 'namespace', `namespace "${'n'.repeat(64)}" is not a valid DNS label`)],
    },
    {
      name: '63 characters',
      reason: 'Exactly 63 is allowed.',
      mutate: (e) => { e.namespace = 'n'.repeat(63); },
      want: [],
    },
  ]);
});

describe('role-arn', () => {
  run([
    {
      name: 'role in another account',
      reason: 'Crossplane must manage the environment\'s own account; a role elsewhere is a copy-paste slip.',
      mutate: (e) => { e.providerConfig.roleArn = 'arn:aws:iam::999999999999:role/crossplane-dynamodb'; },
      want: [err(ENV_FILE, '$.providerConfig.roleArn', 'role-arn', `the role is in account 999999999999, but the environment is account ${ACCOUNT}`)],
    },
    {
      name: 'role name instead of an ARN',
      reason: 'The ProviderConfig needs the full ARN; the hint builds it from the account.',
      mutate: (e) => { e.providerConfig.roleArn = 'crossplane-dynamodb'; },
      want: [err(ENV_FILE, '$.providerConfig.roleArn', 'role-arn', '"crossplane-dynamodb" is not an IAM role ARN')],
      hint: `use arn:aws:iam::${ACCOUNT}:role/<name>`,
    },
    {
      name: 'GovCloud role ARN',
      reason: 'Partitions other than aws are accepted.',
      mutate: (e) => { e.region = 'us-gov-west-1'; e.providerConfig.roleArn = `arn:aws-us-gov:iam::${ACCOUNT}:role/crossplane`; },
      want: [],
    },
    {
      name: 'China role ARN for an eu-west-1 environment',
      reason: 'An account lives in one partition; STS cannot assume an aws-cn role from the aws partition.',
      mutate: (e) => { e.providerConfig.roleArn = `arn:aws-cn:iam::${ACCOUNT}:role/crossplane`; },
      want: [err(ENV_FILE, '$.providerConfig.roleArn', 'role-arn', 'the role ARN is in partition aws-cn, but eu-west-1 is in partition aws')],
      hint: 'start the ARN with arn:aws:iam::',
    },
    {
      name: '65-character role name',
      reason: 'IAM role names are at most 64 characters, so no such role can exist.',
      mutate: (e) => { e.providerConfig.roleArn = `arn:aws:iam::${ACCOUNT}:role/ops/${'r'.repeat(65)}`; },
      want: [err(ENV_FILE, '$.providerConfig.roleArn', 'role-arn', `role name "${'r'.repeat(20)}…" is 65 characters long; IAM allows at most 64`)],
    },
  ]);
});

describe('provider-config', () => {
  run([
    {
      name: 'ProviderConfig name with upper case',
      reason: 'The name becomes a Kubernetes object name.',
      mutate: (e) => { e.providerConfig.name = 'AWS_Dev'; },
      want: [err(ENV_FILE, '$.providerConfig.name', 'provider-config', 'ProviderConfig name "AWS_Dev" is not a DNS label')],
    },
    {
      name: 'one-character externalId',
      reason: 'sts:ExternalId is 2-1224 characters; AssumeRole refuses a shorter one.',
      mutate: (e) => { e.providerConfig.externalId = 'x'; },
      want: [err(ENV_FILE, '$.providerConfig.externalId', 'provider-config', 'externalId "x" is not a valid sts:ExternalId')],
      hint: 'use 2-1224 characters: letters, digits and _+=,.@:/-',
    },
    {
      name: 'externalId with a space',
      reason: 'sts:ExternalId takes letters, digits and _+=,.@:/- only.',
      mutate: (e) => { e.providerConfig.externalId = 'orders prod'; },
      want: [err(ENV_FILE, '$.providerConfig.externalId', 'provider-config', 'externalId "orders prod" is not a valid sts:ExternalId')],
    },
    {
      name: 'a valid externalId',
      reason: 'The usual shape of an external id.',
      mutate: (e) => { e.providerConfig.externalId = 'ddbops:orders-prod/2024'; },
      want: [],
    },
  ]);
});

describe('mandatory-tag', () => {
  run([
    {
      name: 'one tag missing',
      reason: 'Every environment sets the seven mandatory tags.',
      mutate: (e) => { delete e.tags.CostCenter; },
      want: [err(ENV_FILE, '$.tags', 'mandatory-tag', 'mandatory tag "CostCenter" is missing')],
      hint: 'add CostCenter: <value> under tags',
    },
    {
      name: 'no tags at all',
      reason: 'Each missing tag is its own finding, so the output is the checklist.',
      mutate: (e) => { e.tags = {}; },
      want: ['BackupPolicy', 'Component', 'CostCenter', 'Environment', 'ManagedBy', 'Owner', 'Project']
        .map((key) => err(ENV_FILE, '$.tags', 'mandatory-tag', `mandatory tag "${key}" is missing`)),
    },
    {
      name: 'empty tag value',
      reason: 'A blank tag satisfies the key check but not the policy.',
      mutate: (e) => { e.tags.Owner = ' '; },
      want: [err(ENV_FILE, '$.tags.Owner', 'mandatory-tag', 'tag "Owner" is empty')],
    },
  ]);
});

describe('backup-schedule', () => {
  const withSchedule = (schedule: string) => (e: Json) => { e.backup.schedule = schedule; };
  run([
    {
      name: 'enabled without schedule or retention',
      reason: 'AWS Backup needs both to build a plan rule.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup = { enabled: true }; },
      want: [
        err(PROD_FILE, '$.backup', 'backup-retention', 'backup is enabled without retentionDays'),
        err(PROD_FILE, '$.backup', 'backup-schedule', 'backup is enabled without a schedule'),
      ],
    },
    {
      name: 'a word instead of an expression',
      reason: 'AWS Backup takes cron(...) or rate(...), not "hourly".',
      base: validProdEnvironment,
      mutate: withSchedule('hourly'),
      want: [err(PROD_FILE, '$.backup.schedule', 'backup-schedule', '"hourly" is not an AWS schedule expression')],
    },
    {
      name: 'five-field Unix cron',
      reason: 'AWS cron has six fields, including the year.',
      base: validProdEnvironment,
      mutate: withSchedule('cron(0 * * * *)'),
      want: [err(PROD_FILE, '$.backup.schedule', 'backup-schedule', '"cron(0 * * * *)" is not an AWS schedule expression')],
    },
    {
      name: 'rate with a bad unit',
      reason: 'rate() takes minutes, hours or days.',
      base: validProdEnvironment,
      mutate: withSchedule('rate(1 week)'),
      want: [err(PROD_FILE, '$.backup.schedule', 'backup-schedule', '"rate(1 week)" is not an AWS schedule expression')],
    },
  ]);

  test.each(['cron(0 * * * ? *)', 'cron(0 5 ? * MON-FRI *)', 'rate(12 hours)', 'rate(1 day)'])('%s is a valid schedule', (schedule) => {
    expect(summarize(checkEnvironment(withSchedule(schedule), validProdEnvironment()))).toEqual([]);
  });
});

describe('backup-retention', () => {
  run([
    {
      name: '0 days',
      reason: 'AWS Backup keeps recovery points for at least 1 day.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.retentionDays = 0; },
      want: [err(PROD_FILE, '$.backup.retentionDays', 'backup-retention', 'retention of 0 days is out of range')],
    },
    {
      name: '36501 days',
      reason: 'AWS Backup keeps recovery points for at most 36500 days (100 years).',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.retentionDays = 36501; },
      want: [err(PROD_FILE, '$.backup.retentionDays', 'backup-retention', 'retention of 36501 days is out of range')],
    },
    {
      name: '0 days for the DR copy',
      reason: 'The copy\'s own retention has the same range.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.copyToDr.retentionDays = 0; },
      want: [err(PROD_FILE, '$.backup.copyToDr.retentionDays', 'backup-retention', 'retention of 0 days is out of range')],
    },
    {
      name: '1 and 36500 days',
      reason: 'Both ends of the range are allowed.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.retentionDays = 1; e.backup.copyToDr.retentionDays = 36500; },
      want: [],
    },
  ]);
});

describe('backup-copy', () => {
  run([
    {
      name: 'copy without any DR region',
      reason: 'The copy needs a destination: copyToDr.region or the environment\'s drRegion.',
      base: validProdEnvironment,
      mutate: (e) => { delete e.drRegion; e.replicas = []; },
      want: [err(PROD_FILE, '$.backup.copyToDr', 'backup-copy', 'copyToDr is enabled but there is no DR region')],
    },
    {
      name: 'copy into the primary region',
      reason: 'A copy in the same region does not survive a regional outage.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.copyToDr.region = 'eu-west-1'; },
      want: [err(PROD_FILE, '$.backup.copyToDr.region', 'backup-copy', 'backups would be copied to their own region (eu-west-1)')],
    },
    {
      name: 'copy into a made-up region',
      reason: 'The copy region is checked like every other region.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.copyToDr.region = 'eu-centrl-1'; },
      want: [err(PROD_FILE, '$.backup.copyToDr.region', 'region', '"eu-centrl-1" is not an AWS region')],
      hint: 'did you mean "eu-central-1"?',
    },
  ]);
});

describe('backup-window', () => {
  run([
    {
      name: '30-minute start window',
      reason: 'AWS Backup\'s minimum start window is 60 minutes.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.startWindowMinutes = 30; },
      want: [err(PROD_FILE, '$.backup.startWindowMinutes', 'backup-window', 'AWS Backup needs a start window of at least 60 minutes')],
    },
    {
      name: 'completion window too close to the start window',
      reason: 'AWS Backup needs the completion window to exceed the start window by at least 60 minutes.',
      base: validProdEnvironment,
      mutate: (e) => { e.backup.startWindowMinutes = 60; e.backup.completionWindowMinutes = 100; },
      want: [err(PROD_FILE, '$.backup.completionWindowMinutes', 'backup-window',
        'the completion window must be at least 60 minutes longer than the start window')],
    },
  ]);
});

describe('backup-policy-tag', () => {
  run([
    {
      name: 'hourly policy tag without backup',
      reason: 'The tag promises backups the environment does not take.',
      mutate: (e) => { e.tags.BackupPolicy = 'hourly'; },
      want: [warn(ENV_FILE, '$.tags.BackupPolicy', 'backup-policy-tag', 'BackupPolicy tag is "hourly" but AWS Backup is disabled')],
    },
  ]);
});

describe('replicas and encryption', () => {
  run([
    {
      name: 'replica in the primary region',
      reason: 'A global table replica must be in another region.',
      base: validProdEnvironment,
      mutate: (e) => { e.replicas = [{ region: 'eu-west-1' }]; },
      want: [err(PROD_FILE, '$.replicas[0].region', 'replica-region', 'replica region eu-west-1 is the primary region')],
    },
    {
      name: 'replica without a key under a CMK',
      reason: 'A CMK is regional, so each replica needs its own key.',
      base: validProdEnvironment,
      mutate: (e) => { e.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }; },
      want: [err(PROD_FILE, '$.replicas[0]', 'replica-kms', 'replica in eu-central-1 needs kmsKeyArn because the tables use a customer-managed key')],
    },
    {
      name: 'CMK that is not an ARN',
      reason: 'DynamoDB takes a key ARN (or alias ARN).',
      mutate: (e) => { e.encryption = { type: 'customer-managed', kmsKeyArn: 'alias/dynamodb' }; },
      want: [err(ENV_FILE, '$.encryption.kmsKeyArn', 'kms-arn', '"alias/dynamodb" is not a KMS key ARN')],
    },
    {
      name: 'CMK in another region',
      reason: 'DynamoDB can only use a key in the table\'s region.',
      mutate: (e) => { e.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd` }; },
      want: [err(ENV_FILE, '$.encryption.kmsKeyArn', 'kms-arn', 'the key is in us-east-1, but the tables are in eu-west-1')],
    },
    {
      name: 'CMK ARN in another partition',
      reason: 'A key ARN names its partition, and eu-west-1 is in aws, not aws-cn.',
      mutate: (e) => { e.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws-cn:kms:eu-west-1:${ACCOUNT}:key/1234abcd` }; },
      want: [err(ENV_FILE, '$.encryption.kmsKeyArn', 'kms-arn', 'the key ARN is in partition aws-cn, but eu-west-1 is in partition aws')],
    },
    {
      name: 'the same replica region twice',
      reason: 'A global table has one replica per region; the provider keys replicas by region.',
      base: validProdEnvironment,
      mutate: (e) => { e.replicas = [{ region: 'eu-central-1' }, { region: 'eu-central-1', pitr: false }]; },
      want: [err(PROD_FILE, '$.replicas[1].region', 'replica-region', 'replica region eu-central-1 is listed twice')],
      hint: 'list each region once',
    },
    {
      name: 'replica key without a CMK',
      reason: 'DynamoDB refuses a replica key unless the table uses a customer-managed key.',
      base: validProdEnvironment,
      mutate: (e) => { e.replicas = [{ region: 'eu-central-1', kmsKeyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/1234abcd` }]; },
      want: [err(PROD_FILE, '$.replicas[0].kmsKeyArn', 'replica-kms', 'replica in eu-central-1 sets kmsKeyArn, but the environment\'s encryption is aws-managed')],
    },
    {
      name: 'replica key in another region',
      reason: 'A replica\'s key must be in the replica\'s region ("KMS validation error … Invalid arn").',
      base: validProdEnvironment,
      mutate: (e) => {
        e.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd` };
        e.replicas = [{ region: 'eu-central-1', kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd` }];
      },
      want: [err(PROD_FILE, '$.replicas[0].kmsKeyArn', 'kms-arn', 'the replica key is in eu-west-1, but the replica is in eu-central-1')],
      hint: 'use a key in eu-central-1 (a multi-Region replica key works)',
    },
    {
      name: 'replica key that is not an ARN',
      reason: 'The provider passes the key on as an ARN (Terraform checks it is one).',
      base: validProdEnvironment,
      mutate: (e) => {
        e.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd` };
        e.replicas = [{ region: 'eu-central-1', kmsKeyArn: 'alias/dynamodb' }];
      },
      want: [err(PROD_FILE, '$.replicas[0].kmsKeyArn', 'kms-arn', '"alias/dynamodb" is not a KMS key ARN')],
    },
    {
      name: 'CMK with a replica key in the replica\'s region',
      reason: 'The correct global table under customer-managed keys.',
      base: validProdEnvironment,
      mutate: (e) => {
        e.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd` };
        e.replicas = [{ region: 'eu-central-1', kmsKeyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/mrk-1234abcd` }];
      },
      want: [],
    },
  ]);
});

describe('environment-name', () => {
  test('the name must match the file name', () => {
    // GIVEN dev declared in development.yaml
    const environmentFiles = [environmentFile(validEnvironment('dev'), 'environments/development.yaml')];

    // WHEN
    const findings = check({ environments: [], environmentFiles });

    // THEN
    expect(summarize(findings)).toEqual([
      err('environments/development.yaml', '$.name', 'environment-name', 'name "dev" does not match the file name "development"'),
    ]);
    expect(findings[0].hint).toEqual('rename the file to dev.yaml, or set name: development');
  });

  test('the name is at most 63 characters, because it is a label value', () => {
    // GIVEN a 64-character name in a file of that name, with a short namespace
    const env = validEnvironment('e'.repeat(64));
    env.namespace = 'orders-long';

    // WHEN
    const findings = check({ environments: [env] });

    // THEN
    expect(summarize(findings)).toEqual([
      err(`environments/${'e'.repeat(64)}.yaml`, '$.name', 'environment-name', `environment name "${'e'.repeat(64)}" is not a DNS label`),
    ]);
  });

  test('the name must be a DNS label', () => {
    // GIVEN Dev in Dev.yaml
    const env = validEnvironment('Dev');
    env.namespace = 'orders-dev';

    // WHEN
    const findings = check({ environments: [env] });

    // THEN
    expect(summarize(findings)).toEqual([
      err('environments/Dev.yaml', '$.name', 'environment-name', 'environment name "Dev" is not a DNS label'),
    ]);
  });
});

describe('environment-name: reserved', () => {
  test.each(['platform', 'argocd', 'argocd-cm-patch', 'apps', 'root'])('"%s" belongs to the engine', (name) => {
    // GIVEN an environment whose dist/ folder or Argo CD Application name the engine already uses
    const env = validEnvironment(name);
    env.namespace = `orders-${name}`;

    // WHEN
    const findings = check({ environments: [env] });

    // THEN one error, because synth would write its tables over the platform's (or its app over the root's)
    expect(summarize(findings)).toEqual([
      err(`environments/${name}.yaml`, '$.name', 'environment-name', `"${name}" is reserved: dist/${name}/ or its Argo CD Application already belongs to the platform`),
    ]);
    expect(findings[0].hint).toEqual('choose another environment name');
  });
});

describe('environment-unique', () => {
  test('two files declaring one environment', () => {
    // GIVEN dev.yaml and a copy, dev-copy.yaml, still named dev with its own namespace
    const copy = validEnvironment('dev');
    copy.namespace = 'orders-dev-copy';
    const environmentFiles = [environmentFile(copy, 'environments/dev-copy.yaml')];

    // WHEN
    const findings = check({ environments: [validEnvironment('dev')], environmentFiles });

    // THEN
    expect(summarize(findings)).toEqual([
      err('environments/dev-copy.yaml', '$.name', 'environment-name', 'name "dev" does not match the file name "dev-copy"'),
      err('environments/dev-copy.yaml', '$.name', 'environment-unique', 'environment "dev" is also declared in environments/dev.yaml'),
    ]);
  });

  test('two environments sharing a namespace', () => {
    // GIVEN sit copies dev's namespace
    const sit = validEnvironment('sit');
    sit.namespace = 'orders-dev';

    // WHEN
    const findings = check({ environments: [validEnvironment('dev'), sit] });

    // THEN
    expect(summarize(findings)).toEqual([
      err('environments/sit.yaml', '$.namespace', 'environment-unique', 'namespace "orders-dev" is also used by environments/dev.yaml'),
    ]);
  });
});
