import type { ReactNode } from 'react';
import type { Tone } from './banner.tsx';

export interface Column<Row> {
  /** Unique among the table's columns. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, for amounts and measures. */
  isNumeric?: boolean;
  /** Long text that may wrap instead of widening the table. */
  isWrapping?: boolean;
}

export interface DataTableProps<Row> {
  /** Names the table for screen readers, and its scrolling region. */
  label: string;
  /** `false` leaves a column out (the actions of a console user who may not act). */
  columns: ReadonlyArray<Column<Row> | false>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** `data-testid` of every row; a row's key is its `data-id`. */
  rowTestId?: string;
  /** Highlights a row that needs attention (an escalated booking) in the tone's colour. */
  rowTone?: (row: Row) => Tone | undefined;
  'data-testid'?: string;
}

/**
 * A header row and one row per item. The table fits the screen and scrolls within itself, both ways, with
 * its header row in view; the scrolling region takes the keyboard focus so it can be scrolled without a mouse.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowTestId,
  rowTone,
  'data-testid': testId,
}: DataTableProps<Row>) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  const cellClass = (column: Column<Row>) =>
    [column.isNumeric ? 'zf-num' : '', column.isWrapping ? 'zf-wrap' : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="zf-table-wrap" aria-label={label} tabIndex={0}>
      <table className="zf-table" data-testid={testId}>
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.key} scope="col" className={column.isNumeric ? 'zf-num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId} data-id={rowKey(row)} data-tone={rowTone?.(row)}>
              {shown.map((column) => (
                <td key={column.key} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
