import { useState } from 'react';
import { Button, Card, Flex, Input, InputNumber, Select, Space } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RESIDENT_TAGS, type Employer } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { PlaceSelect } from '../../../platform/places/PlaceSelect';
import { ResidentForm } from './ResidentForm';
import { ResidentsTable } from './ResidentsTable';
import { exportUrl, filtersFromParams } from './residents.api';

/** 居民: filter by place, name/ID/phone, tag, sex, age; export what is shown; add a resident. */
export default function ResidentsPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const [text, setText] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const employers = useQuery({
    queryKey: ['employers', 'all'],
    queryFn: () => api.get<{ items: Employer[] }>('/employers').then((r) => r.items),
    enabled: can('employer.read'),
  });

  const set = (patch: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('residents.title')}
        subtitle={t('residents.subtitle')}
        extra={
          <>
            {can('resident.import') ? (
              <Link to="/imports">
                <Button icon={<CloudUploadOutlined />}>{t('residents.import')}</Button>
              </Link>
            ) : null}
            {can('resident.export') ? (
              <a href={exportUrl(filters)} download data-testid="residents-export">
                <Button icon={<DownloadOutlined />}>{t('residents.export')}</Button>
              </a>
            ) : null}
            {can('resident.manage') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resident-new">
                {t('residents.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }} size="small">
        <Flex wrap gap={12} align="center" data-testid="resident-filters">
          <PlaceSelect
            value={filters.placeId ?? null}
            initialLabel={params.get('placeLabel')}
            onChange={(id, hit) => set({ placeId: id, placeLabel: hit?.label })}
            style={{ width: 320 }}
            testId="filter-place"
          />
          <Input.Search
            allowClear
            placeholder={t('residents.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: 280 }}
            data-testid="filter-q"
          />
          <Select
            allowClear
            placeholder={t('residents.tags')}
            aria-label={t('residents.tags')}
            value={filters.tag}
            onChange={(v) => set({ tag: v })}
            style={{ width: 150 }}
            options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: t(`codes.tag.${tag}`) }))}
            data-testid="filter-tag"
          />
          <Select
            allowClear
            placeholder={t('residents.sex')}
            aria-label={t('residents.sex')}
            value={filters.sex}
            onChange={(v) => set({ sex: v })}
            style={{ width: 100 }}
            options={['male', 'female'].map((s) => ({ value: s, label: t(`codes.sex.${s}`) }))}
            data-testid="filter-sex"
          />
          <Space.Compact>
            <InputNumber
              min={0}
              max={150}
              placeholder={t('residents.ageMin')}
              value={filters.ageMin}
              onChange={(v) => set({ ageMin: v })}
              style={{ width: 100 }}
            />
            <InputNumber
              min={0}
              max={150}
              placeholder={t('residents.ageMax')}
              value={filters.ageMax}
              onChange={(v) => set({ ageMax: v })}
              style={{ width: 100 }}
            />
          </Space.Compact>
          {can('employer.read') ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('residents.employer')}
              aria-label={t('residents.employer')}
              value={filters.employerId}
              onChange={(v) => set({ employerId: v })}
              style={{ width: 180 }}
              options={(employers.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
            />
          ) : null}
          {params.toString() ? (
            <Button
              type="link"
              onClick={() => {
                setText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.clearFilters')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card>
        <ResidentsTable filters={filters} />
      </Card>
      {creating ? (
        <ResidentForm
          onClose={() => setCreating(false)}
          onSaved={(r) => {
            setCreating(false);
            void navigate(`/residents/${r.id}`);
          }}
        />
      ) : null}
    </>
  );
}
