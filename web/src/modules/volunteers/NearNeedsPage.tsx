import { App, Button, Empty, Flex, Segmented } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { QueryError } from '../../platform/ui/QueryError';
import { NeedCard } from './NeedBits';
import { VolShell } from './VolShell';
import { useVolunteersLive, volApi, type NeedView } from './volunteers.api';

/** A volunteer's needs on the phone: open needs of my service types and areas to take (one tap), and my tasks. */
export default function NearNeedsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mine' ? 'mine' : 'near';
  const near = useQuery({ queryKey: ['vol', 'near'], queryFn: volApi.openNeeds, enabled: tab === 'near', refetchInterval: 60000 });
  const mine = useQuery({ queryKey: ['vol', 'my', 'tasks'], queryFn: volApi.my, enabled: tab === 'mine' });
  useVolunteersLive();
  const take = useMutation({
    mutationFn: (n: NeedView) => volApi.take(n),
    onSuccess: (n) => {
      message.success(t('vol.needAct.takeDone'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
      void navigate(`/resident/volunteers/needs/${n.id}`);
    },
    onError: (e) => {
      message.error(errorText(e, lang));
      void qc.invalidateQueries({ queryKey: ['vol', 'near'] });
    },
  });
  const list = tab === 'near' ? (near.data?.items ?? []) : (mine.data?.tasks ?? []);
  const error = tab === 'near' ? near.error : mine.error;
  const loading = tab === 'near' ? near.isPending : mine.isPending;
  return (
    <VolShell title={t('vol.near.title')} back="/resident/volunteers" testId="vol-near">
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(v) => setParams(v === 'mine' ? { tab: 'mine' } : {}, { replace: true })}
        options={[
          { value: 'near', label: t('vol.near.open') },
          { value: 'mine', label: t('vol.near.mine') },
        ]}
      />
      {error ? <QueryError error={error} onRetry={() => void (tab === 'near' ? near.refetch() : mine.refetch())} /> : null}
      {!loading && !list.length ? <Empty description={tab === 'near' ? t('vol.near.none') : t('vol.near.noTasks')} /> : null}
      <Flex vertical gap={12} data-testid={`vol-${tab}-list`}>
        {list.map((n) => (
          <NeedCard key={n.id} n={n}>
            <Flex gap={8}>
              {n.actions.includes('take') ? (
                <Button
                  type="primary"
                  size="large"
                  style={{ flex: 1 }}
                  loading={take.isPending && take.variables?.id === n.id}
                  onClick={() => take.mutate(n)}
                  data-testid="need-take"
                >
                  {t('vol.needAct.take')}
                </Button>
              ) : null}
              <Button size="large" style={{ flex: 1 }} onClick={() => void navigate(`/resident/volunteers/needs/${n.id}`)} data-testid="need-open">
                {t('vol.near.details')}
              </Button>
            </Flex>
          </NeedCard>
        ))}
      </Flex>
    </VolShell>
  );
}
