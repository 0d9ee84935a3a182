/**
 * Every rule test mutates these fixtures into one mistake; that only proves
 * something if the unmutated fixtures produce no findings at all.
 */
import { check, summarize, validEnvironment, validProdEnvironment, validTable } from './fixtures';

test('the base table, dev environment and project are valid', () => {
  // WHEN
  const findings = check();

  // THEN
  expect(summarize(findings)).toEqual([]);
});

test('a prod environment with backup, DR copy and a replica is valid next to dev', () => {
  // GIVEN
  const environments = [validEnvironment('dev'), validProdEnvironment()];

  // WHEN
  const findings = check({ tables: [validTable()], environments });

  // THEN
  expect(summarize(findings)).toEqual([]);
});
