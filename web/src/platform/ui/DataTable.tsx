import type { ReactNode } from 'react';
import { Table, type TableProps } from 'antd';
import { useIsPhone } from '../layout/useIsPhone';

type Columns<T> = NonNullable<TableProps<T>['columns']>;

/** Each cell carries its column's title, which the phone layout shows beside the value. */
function labelled<T>(columns: Columns<T>): Columns<T> {
  return columns.map((c) => {
    const title = (c as { title?: ReactNode }).title;
    const label = typeof title === 'string' || typeof title === 'number' ? String(title) : '';
    const own = c.onCell;
    return { ...c, onCell: (record: T, index?: number) => ({ ...(own?.(record, index) ?? {}), 'data-label': label }) } as Columns<T>[number];
  });
}

/**
 * The console's list table. At a desk it is antd's Table; on a phone (below 768 px) each row
 * becomes a card of "title: value" lines (styles.css `.jy-cards`), so a list never scrolls
 * sideways or wraps a column to one character a line. Every list page uses it.
 */
export function DataTable<T extends object>(props: TableProps<T>) {
  const phone = useIsPhone();
  const columns = props.columns ? labelled(props.columns) : undefined;
  if (!phone) return <Table<T> {...props} columns={columns} />;
  return (
    <Table<T>
      {...props}
      columns={columns}
      scroll={undefined}
      size="small"
      className={[props.className, 'jy-cards'].filter(Boolean).join(' ')}
      pagination={
        props.pagination === false
          ? false
          : {
              ...(props.pagination ?? {}),
              size: 'small',
              showSizeChanger: props.pagination ? props.pagination.showSizeChanger : undefined,
              showTotal: undefined,
            }
      }
    />
  );
}
