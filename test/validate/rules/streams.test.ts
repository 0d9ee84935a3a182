/**
 * Streams: a valid view type, only on an enabled stream (stream-view-type), and
 * the NEW_AND_OLD_IMAGES stream a replicated table keeps on
 * (replica-needs-stream; stricter than DynamoDB, which keeps a KEYS_ONLY
 * stream, but refuses to turn a replica's stream off).
 */
import {
  check, checkTable, err, Json, Said, summarize, TABLE_FILE, validEnvironment, validProdEnvironment, validTable,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

describe('stream-view-type', () => {
  const cases: Case[] = [
    {
      name: 'misspelled view type',
      reason: 'DynamoDB knows four view types; a near miss gets a suggestion.',
      mutate: (t) => { t.streams.viewType = 'NEW_AND_OLD_IMAGE'; },
      want: [err(TABLE_FILE, '$.streams.viewType', 'stream-view-type', 'stream view type "NEW_AND_OLD_IMAGE" is not valid')],
    },
    {
      name: 'enabled without a view type',
      reason: 'DynamoDB needs StreamViewType whenever the stream is on.',
      mutate: (t) => { delete t.streams.viewType; },
      want: [err(TABLE_FILE, '$.streams', 'stream-view-type', 'streams are enabled without a viewType')],
    },
    {
      name: 'disabled without a view type',
      reason: 'A disabled stream needs nothing else.',
      mutate: (t) => { t.streams = { enabled: false }; },
      want: [],
    },
    {
      name: 'disabled with a view type',
      reason: 'DynamoDB refuses a view type on a disabled stream; the renderer would drop it silently.',
      mutate: (t) => { t.streams.enabled = false; },
      want: [err(TABLE_FILE, '$.streams.viewType', 'stream-view-type', 'viewType NEW_AND_OLD_IMAGES is ignored because streams are disabled')],
    },
    {
      name: 'disabled with a misspelled view type',
      reason: 'The spelling is the problem to fix first; one finding, not two.',
      mutate: (t) => { t.streams = { enabled: false, viewType: 'NEW_IMAGES' }; },
      want: [err(TABLE_FILE, '$.streams.viewType', 'stream-view-type', 'stream view type "NEW_IMAGES" is not valid')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });

  test('a near miss is told the right spelling', () => {
    // WHEN
    const [finding] = checkTable((t) => { t.streams.viewType = 'NEW_AND_OLD_IMAGE'; });

    // THEN
    expect(finding.hint).toEqual('did you mean "NEW_AND_OLD_IMAGES"?');
  });

  test('an unrelated word is told the four view types', () => {
    // WHEN
    const [finding] = checkTable((t) => { t.streams.viewType = 'EVERYTHING'; });

    // THEN
    expect(finding.hint).toEqual('use one of: KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES');
  });
});

describe('replica-needs-stream', () => {
  /** The table next to dev and prod, where prod replicates every table to eu-central-1. */
  const withProd = (mutate: (t: Json) => void) => {
    const table = validTable();
    mutate(table);
    return check({ tables: [table], environments: [validEnvironment('dev'), validProdEnvironment()] });
  };

  const cases: Case[] = [
    {
      name: 'KEYS_ONLY stream with a replica',
      reason: 'Stricter than DynamoDB, which keeps KEYS_ONLY: the schema says NEW_AND_OLD_IMAGES, the view a replica without a stream gets.',
      mutate: (t) => { t.streams.viewType = 'KEYS_ONLY'; },
      want: [err(TABLE_FILE, '$.streams', 'replica-needs-stream',
        'environment "prod" replicates this table to eu-central-1: DynamoDB turns its stream on and refuses to turn it off, so declare streams enabled with NEW_AND_OLD_IMAGES')],
    },
    {
      name: 'disabled stream with a replica',
      reason: 'DynamoDB refuses to turn a replica\'s stream off; the view type on a disabled stream is reported as well.',
      mutate: (t) => { t.streams.enabled = false; },
      want: [
        err(TABLE_FILE, '$.streams', 'replica-needs-stream',
          'environment "prod" replicates this table to eu-central-1: DynamoDB turns its stream on and refuses to turn it off, so declare streams enabled with NEW_AND_OLD_IMAGES'),
        err(TABLE_FILE, '$.streams.viewType', 'stream-view-type', 'viewType NEW_AND_OLD_IMAGES is ignored because streams are disabled'),
      ],
    },
    {
      name: 'no streams block with a replica',
      reason: 'Without a streams block the finding points at the whole file.',
      mutate: (t) => { delete t.streams; },
      want: [err(TABLE_FILE, '$', 'replica-needs-stream',
        'environment "prod" replicates this table to eu-central-1: DynamoDB turns its stream on and refuses to turn it off, so declare streams enabled with NEW_AND_OLD_IMAGES')],
    },
    {
      name: 'no stream, replicas switched off for prod',
      reason: 'An override with an empty replica list takes the table out of the global table.',
      mutate: (t) => { delete t.streams; t.overrides = { prod: { replicas: [] } }; },
      want: [],
    },
    {
      name: 'KEYS_ONLY stream, replica added for dev only',
      reason: 'A per-table replica in an environment without replicas needs the stream as well.',
      mutate: (t) => {
        t.streams.viewType = 'KEYS_ONLY';
        t.overrides = { dev: { replicas: [{ region: 'eu-north-1' }] }, prod: { replicas: [] } };
      },
      want: [err(TABLE_FILE, '$.streams', 'replica-needs-stream',
        'environment "dev" replicates this table to eu-north-1: DynamoDB turns its stream on and refuses to turn it off, so declare streams enabled with NEW_AND_OLD_IMAGES')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(withProd(mutate))).toEqual(want);
  });
});
