/**
 * The PITR window (pitr-period): 1-35 days wherever it is written, the
 * environment's tableDefaults included, and never next to PITR switched off,
 * which DynamoDB refuses and the renderer would silently drop.
 */
import {
  check, checkEnvironment, checkTable, ENV_FILE, err, Json, Said, summarize, TABLE_FILE, validEnvironment, validProdEnvironment, validTable,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

describe('pitr-period', () => {
  const cases: Case[] = [
    {
      name: '0 days',
      reason: 'DynamoDB keeps PITR backups for at least 1 day.',
      mutate: (t) => { t.pitr.recoveryPeriodInDays = 0; },
      want: [err(TABLE_FILE, '$.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 0 days is out of range')],
    },
    {
      name: '36 days',
      reason: 'DynamoDB keeps PITR backups for at most 35 days.',
      mutate: (t) => { t.pitr.recoveryPeriodInDays = 36; },
      want: [err(TABLE_FILE, '$.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 36 days is out of range')],
    },
    {
      name: '40 days in an override',
      reason: 'Per-environment PITR settings are checked where they are written.',
      mutate: (t) => { t.overrides = { dev: { pitr: { recoveryPeriodInDays: 40 } } }; },
      want: [err(TABLE_FILE, '$.overrides.dev.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 40 days is out of range')],
    },
    {
      name: '1 and 35 days',
      reason: 'Both ends of the range are allowed.',
      mutate: (t) => { t.pitr.recoveryPeriodInDays = 1; t.overrides = { dev: { pitr: { recoveryPeriodInDays: 35 } } }; },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('pitr-period: a window next to PITR switched off', () => {
  /** The table next to dev and prod. */
  const withProd = (mutate: (t: Json) => void) => {
    const t = validTable();
    mutate(t);
    return check({ tables: [t], environments: [validEnvironment('dev'), validProdEnvironment()] });
  };

  const cases: Case[] = [
    {
      name: 'disabled with a window',
      reason: 'DynamoDB refuses RecoveryPeriodInDays when disabling PITR; the renderer would drop it silently.',
      mutate: (t) => { t.pitr = { enabled: false, recoveryPeriodInDays: 7 }; },
      want: [err(TABLE_FILE, '$.pitr.recoveryPeriodInDays', 'pitr-period', 'recoveryPeriodInDays 7 is ignored because PITR is disabled')],
    },
    {
      name: 'disabled with a window that prod turns on',
      reason: 'prod\'s override enables PITR and inherits the table\'s window, so the window is in use.',
      mutate: (t) => { t.pitr = { enabled: false, recoveryPeriodInDays: 7 }; t.overrides = { prod: { pitr: { enabled: true } } }; },
      want: [],
    },
    {
      name: 'an override window where PITR stays off',
      reason: 'A per-environment window without PITR in that environment is dropped the same way.',
      mutate: (t) => { t.pitr = { enabled: false }; t.overrides = { dev: { pitr: { recoveryPeriodInDays: 14 } } }; },
      want: [err(TABLE_FILE, '$.overrides.dev.pitr.recoveryPeriodInDays', 'pitr-period',
        'recoveryPeriodInDays 14 is ignored because PITR is disabled in dev')],
    },
    {
      name: 'an override that disables PITR under a table window',
      reason: 'The table\'s window still applies where PITR stays on (prod).',
      mutate: (t) => { t.pitr = { enabled: true, recoveryPeriodInDays: 7 }; t.overrides = { dev: { pitr: { enabled: false } } }; },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(withProd(mutate))).toEqual(want);
  });
});

describe('pitr-period: environment defaults', () => {
  test.each([
    [90, [err(ENV_FILE, '$.tableDefaults.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 90 days is out of range')]],
    [0, [err(ENV_FILE, '$.tableDefaults.pitr.recoveryPeriodInDays', 'pitr-period', 'PITR recovery period of 0 days is out of range')]],
    [35, []],
  ])('tableDefaults.pitr.recoveryPeriodInDays %s: every table inherits the window, so it is checked like a table\'s', (days, want) => {
    // WHEN
    const findings = checkEnvironment((e) => { e.tableDefaults.pitr.recoveryPeriodInDays = days; }, validEnvironment());

    // THEN
    expect(summarize(findings)).toEqual(want);
  });
});
