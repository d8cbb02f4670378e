import pg from 'pg';

export interface StoredProblem {
  column: string;
  rule: string;
  rows: number;
  sample: string;
}

const maxExactInteger = '9007199254740991';

/** Which rule a column falls under, as a SQL condition on `value`, by its type and name. */
function rulesFor(column: { table: string; name: string; dataType: string; udtName: string }) {
  const type = column.dataType === 'ARRAY' ? column.udtName.slice(1) : column.udtName;
  const rules: Array<[string, string]> = [];
  if (['text', 'varchar', 'bpchar', 'json', 'jsonb'].includes(type))
    rules.push([
      'text with U+FFFD (a lone surrogate or malformed UTF-8, replaced)',
      `strpos(value::text, U&'\\FFFD') > 0`,
    ]);
  if (['float4', 'float8', 'numeric'].includes(type))
    rules.push(['a non-finite number', `value::text ~* 'nan|infinity'`]);
  if (['timestamptz', 'timestamp', 'date'].includes(type))
    rules.push(['an infinite time', `value::text ~* 'infinity'`]);
  if (column.name.endsWith('_paise') && ['int2', 'int4', 'int8', 'numeric'].includes(type)) {
    // ledger postings are signed by design (double entry); every other amount is a price, a charge or a refund
    const isSigned = column.table === 'ledger_entries';
    rules.push([
      isSigned ? 'money beyond 2^53' : 'negative money or money beyond 2^53',
      isSigned ? `abs(value) > ${maxExactInteger}` : `value < 0 OR value > ${maxExactInteger}`,
    ]);
  }
  return rules;
}

/**
 * Rows no accepted input may leave behind, in every table of every schema of the database:
 * - text, JSON and their arrays with U+FFFD, which is what a lone surrogate or malformed UTF-8 becomes on its
 *   way into PostgreSQL (NUL cannot be stored at all: PostgreSQL refuses it, and the request fails);
 * - floating point and numeric values that are NaN or ±Infinity (PostgreSQL stores both);
 * - timestamps and dates at ±infinity;
 * - money (`*_paise`) below zero, or beyond 2^53 − 1, where JavaScript numbers stop being exact.
 */
export async function findInvalidStoredData(databaseUrl: string): Promise<StoredProblem[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{
      schema: string;
      table: string;
      name: string;
      dataType: string;
      udtName: string;
    }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS name,
              c.data_type AS "dataType", c.udt_name AS "udtName"
         FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE'
          AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND c.table_schema NOT LIKE 'pg\\_%'
        ORDER BY 1, 2, 3`,
    );
    const problems: StoredProblem[] = [];
    for (const column of columns) {
      const name = `${column.schema}.${column.table}.${column.name}`;
      const source = `${client.escapeIdentifier(column.schema)}.${client.escapeIdentifier(column.table)}`;
      for (const [rule, condition] of rulesFor(column)) {
        const { rows } = await client.query<{ rows: number; sample: string | null }>(
          `SELECT count(*)::int AS rows, left(min(value::text), 160) AS sample
             FROM (SELECT ${client.escapeIdentifier(column.name)} AS value FROM ${source}) stored
            WHERE ${condition}`,
        );
        const [found] = rows;
        if (found && found.rows > 0)
          problems.push({ column: name, rule, rows: found.rows, sample: found.sample ?? '' });
      }
    }
    return problems;
  } finally {
    await client.end();
  }
}
