/** applyGuard: a guarded risk blocks unless an acknowledgement matches environment, resource and kind. */
import { Acknowledgement } from '../../src/plan/acknowledgements';
import { applyGuard } from '../../src/plan/guard';
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
