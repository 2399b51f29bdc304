// Section 8's report: DynamoDB (Local) next to SQLite, and stateless MCP HTTP with one and two
// instances; with what a local emulator cannot say about DynamoDB in production.
import { ms } from './format.mjs';

const OPERATIONS = [
  ['append', 'append a turn (2 messages, position check)'],
  ['list50', 'list the 50 most recent'],
  ['load1000', 'load a conversation of 1,000 messages'],
];

/**
 * What DynamoDB Local on this machine cannot tell about DynamoDB in a region. Per-partition limits:
 * "each individual partition is limited to 1000 write units per second and 3000 read units per
 * second" (DynamoDB Developer Guide, warm throughput scenarios); transactions: "Transactional write
 * requests require two write capacity units … for items up to 1 KB" (Developer Guide, Constraints).
 */
export const EMULATOR_LIMITS = [
  '**Latency**: DynamoDB Local is a Java process on loopback, so every request here costs CPU on the same two cores and no network. In a region each request adds a network round trip (typically a few milliseconds from the same region, more across regions), and an append is a GetItem then a TransactWriteItems: two round trips at least. The ratios above are not production ratios.',
  "**Throttling and capacity**: DynamoDB Local never throttles and has no capacity modes. On-demand tables (what `store init` creates) can still throttle on a sudden peak far above the table's previous traffic, and per partition; the store retries those with backoff and then fails STORE_THROTTLED, which this run never exercises.",
  "**Partition limits**: one partition serves about 3,000 reads and 1,000 writes (1 KB) per second. Every conversation is one partition and every owner's list is one partition (`O#<owner>`): one very busy principal (a shared service account) writes its list entry on every turn, so that partition, not the table, is the ceiling. Local has no partitions.",
  '**Secondary index lag**: the store uses no GSI (listing is a strongly consistent Query of the owner partition), so there is no index lag to measure; the cost is that `list` reads up to 50 full summaries. Nor could an emulator on one machine show how long a GSI takes to catch up in a region.',
  '**Transactions**: a transaction costs two writes per item in DynamoDB (prepare and commit) and conflicts cancel with TransactionConflict under contention; Local serialises them on one machine. Cost of a turn in a region: about 2 × (messages + 3) write units (META, the list entry moved, each message per started KB) plus the read of META.',
];

function storeRows(stores) {
  return OPERATIONS.map(([key, label]) => {
    const sqlite = stores.sqlite[key];
    const dynamo = stores.dynamodb[key];
    return [
      label,
      ms(sqlite.median),
      ms(dynamo.median),
      ms(dynamo.p99),
      `${(dynamo.median / sqlite.median).toFixed(1)}×`,
      String(dynamo.n),
    ];
  });
}

export function teamPart(section, table, notRun) {
  if (!section) return '_not run_';
  if (section.status !== 'ok') return notRun(section);
  const { stores, mcp } = section;
  const mcpPart =
    mcp.status === 'ok'
      ? [
          `MCP \`chat\` over Streamable HTTP, ${mcp.one.calls} calls from ${mcp.concurrency} clients at once, each call a new conversation saved to one DynamoDB Local table, \`--stateless\` with a tokens file (every request builds its server and transport); the emulator answers at once.`,
          '',
          table(
            ['Instances', 'Calls/s', 'Wall time'],
            [
              ['one', mcp.one.callsPerSecond.toFixed(1), `${mcp.one.seconds.toFixed(2)} s`],
              ['two (round-robin)', mcp.two.callsPerSecond.toFixed(1), `${mcp.two.seconds.toFixed(2)} s`],
            ],
          ),
          '',
          "Report only: two instances, DynamoDB Local, the emulator and the 32 clients share this machine's cores, so the second instance cannot add capacity here; what this shows is that two instances on one table serve the same load correctly (every call saved, checked).",
        ]
      : [notRun(mcp)];
  return [
    "The same operations on SQLite (a file in the run's scratch directory) and on the DynamoDB store over DynamoDB Local (in memory, on loopback), in this process, each result checked (a list of 50, 1,000 messages back, every appended turn stored). Report only.",
    '',
    table(
      ['Operation', 'SQLite median', 'DynamoDB Local median', 'DynamoDB Local p99', 'Ratio', 'Runs'],
      storeRows(stores),
    ),
    '',
    ...mcpPart,
    '',
    '**What a local emulator cannot say about DynamoDB in production:**',
    '',
    ...EMULATOR_LIMITS.map((line) => `- ${line}`),
  ].join('\n');
}
