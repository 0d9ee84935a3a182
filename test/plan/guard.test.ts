/** applyGuard: a guarded risk blocks unless an acknowledgement matches environment, resource and kind. */
import { Acknowledgement } from '../../src/plan/acknowledgements';
import { applyGuard, SAFE_PATH } from '../../src/plan/guard';
import { RiskClass } from '../../src/model/common';

const PROD_TENANTS = { environment: 'prod', kind: 'DynamoDBTable', name: 'tenants' };
const ack = (a: Partial<Acknowledgement>): Acknowledgement => ({ change: 'replace', reason: 'why', source: 'schemas/tenants.schema.json', path: '$.acknowledge[0]', ...a });

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly risks: RiskClass[];
  readonly guard: RiskClass[];
  readonly acks: Acknowledgement[];
  readonly blockedBy: RiskClass[];
  readonly acknowledged: number;
}

const cases: Case[] = [
  { name: 'guarded, not acknowledged', reason: 'The default for a risky prod change.', risks: ['replace'], guard: ['replace'], acks: [], blockedBy: ['replace'], acknowledged: 0 },
  { name: 'not guarded', reason: 'dev blocks nothing.', risks: ['replace'], guard: [], acks: [], blockedBy: [], acknowledged: 0 },
  {
    name: 'schema acknowledgement for prod', reason: 'Names the change and the environment.',
    risks: ['replace'], guard: ['replace'], acks: [ack({ environment: 'prod', resource: 'tenants', kind: 'DynamoDBTable' })], blockedBy: [], acknowledged: 1,
  },
  {
    name: 'acknowledgement for another environment', reason: 'An acknowledgement for sit says nothing about prod.',
    risks: ['replace'], guard: ['replace'], acks: [ack({ environment: 'sit', resource: 'tenants', kind: 'DynamoDBTable' })], blockedBy: ['replace'], acknowledged: 0,
  },
  {
    name: 'acknowledgement without environment', reason: 'Omitting the environment means every environment.',
    risks: ['replace'], guard: ['replace'], acks: [ack({ resource: 'tenants', kind: 'DynamoDBTable' })], blockedBy: [], acknowledged: 1,
  },
  {
    name: 'acknowledgement of another class', reason: 'Accepting a replace does not accept turning PITR off.',
    risks: ['replace', 'pitr-off'], guard: ['replace', 'pitr-off'], acks: [ack({ environment: 'prod', resource: 'tenants' })], blockedBy: ['pitr-off'], acknowledged: 1,
  },
  {
    name: 'environment-file acknowledgement for another resource', reason: 'resource narrows it to one XR.',
    risks: ['delete'], guard: ['delete'], acks: [ack({ change: 'delete', environment: 'prod', resource: 'campaigns', source: 'environments/prod.yaml' })], blockedBy: ['delete'], acknowledged: 0,
  },
  {
    name: 'schema acknowledgement against another kind', reason: 'A table schema speaks for its table only, not a same-named object of another kind.',
    risks: ['delete'], guard: ['delete'], acks: [ack({ change: 'delete', resource: 'tenants', kind: 'DynamoDBBackupPlan' })], blockedBy: ['delete'], acknowledged: 0,
  },
  {
    name: 'unguarded but acknowledged', reason: 'Still shown to the reviewer, never blocking.',
    risks: ['gsi-removed'], guard: [], acks: [ack({ change: 'gsi-removed' })], blockedBy: [], acknowledged: 1,
  },
];

test.each(cases)('$name: $reason', ({ risks, guard, acks, blockedBy, acknowledged }) => {
  // WHEN
  const got = applyGuard(risks, guard, acks, PROD_TENANTS);

  // THEN
  expect({ blockedBy: got.blockedBy, acknowledged: got.acknowledged.length }).toEqual({ blockedBy, acknowledged });
});

test('the PITR safe paths never sell a shorter recovery window as a saving: AWS prices PITR by table and LSI size', () => {
  // WHEN
  const advice = { off: SAFE_PATH['pitr-off'], shortened: SAFE_PATH['pitr-shortened'] };

  // THEN
  expect(advice).toEqual({
    off: 'keep PITR on; a shorter pitr.recoveryPeriodInDays costs the same (AWS prices PITR by the size of the table and its LSIs, not by the recovery window), so only turning it off saves, at the price of every restore point',
    shortened: 'keep the restore window: a shorter one saves nothing (AWS prices PITR by the size of the table and its LSIs, not by the recovery window); if a retention policy requires less, acknowledge it and name the policy',
  });
});
