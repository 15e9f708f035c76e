import { useState } from 'react';
import { Typography } from 'antd';
import { DataTable } from '../ui/DataTable';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ImportRowError } from '@jiayuan/contracts';
import { useI18n } from '../i18n/i18n';
import { listImportErrors } from './imports.api';

/** Row, column, the problem in the current language, and the value that was in the cell. */
export function ImportErrorsTable({ jobId }: { jobId: number }) {
  const { t, pick } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: ['import', jobId, 'errors', page, pageSize],
    queryFn: () => listImportErrors(jobId, page, pageSize),
    placeholderData: keepPreviousData,
  });
  return (
    <DataTable<ImportRowError>
      rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
      size="small"
      data-testid="import-errors-table"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      pagination={{
        current: page,
        pageSize,
        total: q.data?.total ?? 0,
        showTotal: (n) => t('common.totalN', { n }),
        onChange: (p, s) => {
          setPage(p);
          setPageSize(s);
        },
      }}
      columns={[
        { title: t('imports.col.row'), dataIndex: 'row', width: 90, render: (v: number) => <span data-testid="import-error-row">{v}</span> },
        { title: t('imports.col.column'), dataIndex: 'column', width: 140, render: (v: string | null) => v ?? '—' },
        {
          title: t('imports.col.problem'),
          dataIndex: 'message',
          render: (m: ImportRowError['message']) => <Typography.Text type="danger">{pick(m)}</Typography.Text>,
        },
        { title: t('imports.col.value'), dataIndex: 'value', render: (v: string | null) => (v ? <span className="jy-mono">{v}</span> : '—') },
      ]}
    />
  );
}
