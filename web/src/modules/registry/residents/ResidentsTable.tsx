import { useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ResidentSummary } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';
import { QueryError } from '../../../platform/ui/QueryError';
import { listResidents, residentKeys, type ResidentFilters } from './residents.api';

/** Residents with masked ID and phone; the name opens the detail page. */
export function ResidentsTable({ filters, compact }: { filters: ResidentFilters; compact?: boolean }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [lastFilters, setLastFilters] = useState(filters);
  if (JSON.stringify(lastFilters) !== JSON.stringify(filters)) {
    setLastFilters(filters);
    setPage(1);
  }
  const q = useQuery({
    queryKey: residentKeys.list(filters, page, pageSize),
    queryFn: () => listResidents(filters, page, pageSize),
    placeholderData: keepPreviousData,
  });
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;

  return (
    <DataTable<ResidentSummary>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      data-testid="residents-table"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('residents.empty') }}
      scroll={{ x: 1200 }}
      pagination={{
        current: page,
        pageSize,
        total: q.data?.total ?? 0,
        showSizeChanger: !compact,
        showTotal: (n) => t('common.totalN', { n }),
        onChange: (p, s) => {
          setPage(p);
          setPageSize(s);
        },
      }}
      columns={[
        {
          title: t('residents.name'),
          dataIndex: 'name',
          fixed: 'left',
          width: 110,
          render: (v: string, r) => (
            <Link to={`/residents/${r.id}`} data-testid="resident-link">
              {v}
            </Link>
          ),
        },
        { title: t('residents.sex'), dataIndex: 'sex', width: 70, render: (v: string | null) => (v ? t(`codes.sex.${v}`) : '—') },
        { title: t('residents.age'), dataIndex: 'age', width: 70, render: (v: number | null) => v ?? '—' },
        {
          title: t('residents.idNumber'),
          dataIndex: 'idNumberMasked',
          // Wide enough for 18 masked digits: they cannot wrap, and would run into the next column.
          width: 200,
          render: (v: string | null, r) => (
            <Space size={4}>
              <span className="jy-mono" data-testid="masked-id">
                {v ?? '—'}
              </span>
              {r.idType !== 'resident_id' ? <Tag>{t(`codes.idType.${r.idType}`)}</Tag> : null}
            </Space>
          ),
        },
        {
          title: t('residents.phone'),
          dataIndex: 'phoneMasked',
          width: 130,
          render: (v: string | null) => (
            <span className="jy-mono" data-testid="masked-phone">
              {v ?? '—'}
            </span>
          ),
        },
        ...(compact
          ? []
          : [
              {
                title: t('residents.dwelling'),
                dataIndex: 'dwellingLabel',
                render: (v: string, r: ResidentSummary) => <Link to={`/registry/${r.dwellingId}`}>{v}</Link>,
              },
            ]),
        { title: t('residents.relation'), dataIndex: 'relation', width: 90, render: (v: string) => t(`codes.relation.${v}`) },
        ...(compact
          ? []
          : [
              {
                title: t('residents.employer'),
                dataIndex: 'employerName',
                render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
              },
            ]),
        {
          title: t('residents.tags'),
          dataIndex: 'tags',
          render: (tags: string[]) =>
            tags.map((tag) => (
              <Tag key={tag} color={tag.startsWith('care_') ? 'orange' : tag === 'party_member' ? 'red' : 'green'}>
                {t(`codes.tag.${tag}`)}
              </Tag>
            )),
        },
      ]}
    />
  );
}
