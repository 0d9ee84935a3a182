/** The legacy per-table backup block loads but is ignored (legacy-backup). */
import { checkTable, summarize, TABLE_FILE, warn } from '../fixtures';

test('a legacy backup block is a warning that points at environment backup', () => {
  // GIVEN the block as BBWS's legacy files write it
  const backup = { dev: { frequency: 'daily', retention: 7 }, prod: { frequency: 'hourly', retention: 90 } };

  // WHEN
  const findings = checkTable((t) => { t.backup = backup; });

  // THEN
  expect(summarize(findings)).toEqual([
    warn(TABLE_FILE, '$.backup', 'legacy-backup',
      'the legacy "backup" block is ignored; AWS Backup schedule and retention are set per environment'),
  ]);
  expect(findings[0].hint).toMatch(/configure backup in environments\/<env>\.yaml/);
});
