import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Badge, Button, Card, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CloudSyncOutlined, CloudUploadOutlined, DisconnectOutlined, ReloadOutlined, WifiOutlined } from '@ant-design/icons';
import { Navigate, useSearchParams } from 'react-router';
import type { VisitInput, VisitOutcome, Workset, WorksetHousehold } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { Logo } from '../../../platform/layout/Logo';
import { fmtDateTime } from '../../../platform/time';
import { useOnline, useServiceWorker } from '../../../platform/pwa/offline-hooks';
import { useNow } from '../../../platform/ui/hooks';
import { LanguageSwitch } from '../../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../../platform/ui/PageSpin';
import { discardVisit, enqueueVisit, getMeta, loadWorkset, queued, saveWorkset, setMeta, type MyCampaign, type QueuedVisit } from './offline-store';
import { syncNow } from './sync';
import { VisitForm } from './VisitForm';
import { PhoneTitle } from '../../../platform/ui/PhoneTitle';

interface OfflineUser {
  id: number;
  displayName: string;
}

function ageText(iso: string | undefined, now: number, lang: string) {
  if (!iso) return null;
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 48 * 60) return rtf.format(-Math.round(minutes / 60), 'hour');
  return rtf.format(-Math.round(minutes / 1440), 'day');
}

/**
 * 入户走访 on the phone: works offline. The campaign's households and questions are kept on the
 * phone (IndexedDB); visits are saved there first with an id made here, and uploaded in batches
 * whenever the network is there. How many wait, and how old the list is, is always in view.
 */
export default function VisitPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me, loading } = useMe();
  const online = useOnline();
  const now = useNow(30000);
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaign') ? Number(params.get('campaign')) : null;
  const [user, setUser] = useState<OfflineUser | null | undefined>(undefined);
  const [campaigns, setCampaigns] = useState<{ items: MyCampaign[]; fetchedAt: string } | null>(null);
  const [workset, setWorkset] = useState<Workset | null>(null);
  const [queue, setQueue] = useState<QueuedVisit[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [open, setOpen] = useState<WorksetHousehold | null>(null);
  const [search, setSearch] = useState('');
  useServiceWorker();

  // Who is working: the signed-in user, or (offline) the one who signed in last on this phone.
  useEffect(() => {
    if (loading) return;
    if (me) {
      const u = { id: me.id, displayName: me.displayName };
      void setMeta('user', u).then(() => setUser(u));
    } else void getMeta<OfflineUser>('user').then((u) => setUser(navigator.onLine ? null : (u ?? null)));
  }, [me, loading]);

  const reloadQueue = useCallback(async () => {
    if (user) setQueue(await queued(user.id));
  }, [user]);
  useEffect(() => {
    let alive = true;
    if (user) void queued(user.id).then((q) => alive && setQueue(q));
    return () => {
      alive = false;
    };
  }, [user]);

  const pending = queue.filter((q) => q.status === 'pending');
  const rejected = queue.filter((q) => q.status === 'rejected');

  const runSync = useCallback(async () => {
    if (!user || !navigator.onLine) return;
    setSyncing(true);
    const out = await syncNow(user.id);
    setSyncing(false);
    await reloadQueue();
    if (out.error) message.warning(t('visit.syncFailed'));
    else if (out.sent > 0) message.success(t('visit.synced', { n: out.stored + out.duplicates }));
  }, [user, reloadQueue, message, t]);

  // Upload on start, on reconnecting, and every half minute while something waits.
  useEffect(() => {
    if (!online) return;
    const id = setTimeout(() => void runSync(), 0);
    return () => clearTimeout(id);
  }, [online, runSync]);
  useEffect(() => {
    if (!online || pending.length === 0) return;
    const id = setInterval(() => void runSync(), 30000);
    return () => clearInterval(id);
  }, [online, pending.length, runSync]);

  // My campaigns: from the server when online (and kept), else from the phone.
  useEffect(() => {
    if (!user) return;
    void (async () => {
      const cached = await getMeta<{ items: MyCampaign[]; fetchedAt: string; userId: number }>('campaigns');
      if (cached && cached.userId === user.id) setCampaigns(cached);
      if (!online) return;
      try {
        const fresh = await api.get<{ items: MyCampaign[] }>('/screening/my-campaigns');
        const value = { items: fresh.items, fetchedAt: new Date().toISOString(), userId: user.id };
        await setMeta('campaigns', value);
        setCampaigns(value);
      } catch {
        /* keep what the phone has */
      }
    })();
  }, [user, online]);

  const fetchWorkset = useCallback(
    async (id: number) => {
      if (!user) return;
      try {
        const ws = await api.get<Workset>(`/screening/campaigns/${id}/workset`);
        await saveWorkset(user.id, ws);
        setWorkset(ws);
      } catch (err) {
        message.error(errorText(err, lang));
      }
    },
    [user, message, lang],
  );

  useEffect(() => {
    if (!user || campaignId === null) return;
    void (async () => {
      const cached = await loadWorkset(user.id, campaignId);
      if (cached) setWorkset(cached);
      if (navigator.onLine) await fetchWorkset(campaignId);
    })();
  }, [user, campaignId, fetchWorkset]);

  // A list of another campaign (kept while switching) is not shown.
  const shown = workset && workset.campaign.id === campaignId ? workset : null;

  // The latest outcome of each household: a visit on this phone beats the list's (it is newer).
  const localOutcome = useMemo(() => {
    const m = new Map<number, { outcome: VisitOutcome; status: QueuedVisit['status'] }>();
    for (const q of queue) if (q.visit.campaignId === campaignId) m.set(q.visit.householdId, { outcome: q.visit.outcome, status: q.status });
    return m;
  }, [queue, campaignId]);

  if (loading || user === undefined) return <PageSpin />;
  if (user === null)
    return online ? (
      <Navigate to={`/login?next=${encodeURIComponent('/screening/visit')}`} replace />
    ) : (
      <Empty style={{ marginTop: 80 }} description={t('visit.signInAgain')} />
    );

  const save = async (v: VisitInput) => {
    await enqueueVisit(user.id, v);
    setOpen(null);
    await reloadQueue();
    message.success(t('visit.saved'));
    if (navigator.onLine) void runSync();
  };

  const households = (shown?.households ?? []).filter((h) => {
    const s = search.trim();
    return !s || h.dwellingLabel.includes(s) || h.members.some((m) => m.name.includes(s));
  });
  const doneCount = (shown?.households ?? []).filter((h) => (localOutcome.get(h.id)?.outcome ?? h.lastOutcome) === 'visited').length;
  const cacheAge = ageText(shown?.fetchedAt ?? campaigns?.fetchedAt, now, lang);

  return (
    <div style={{ maxWidth: 520, margin: '0 auto', minHeight: '100vh', background: '#f3f5f8', fontSize: 16 }} data-testid="visit-page">
      <div style={{ position: 'sticky', top: 0, zIndex: 5 }}>
        <Flex justify="space-between" align="center" style={{ padding: '12px 14px', background: '#0b1f3a', color: '#fff' }}>
          <Flex align="center" gap={8}>
            <Logo size={28} />
            <div>
              <PhoneTitle style={{ fontSize: 18, fontWeight: 600 }} text={t('visit.title')} />
              <div style={{ fontSize: 12, opacity: 0.75 }}>{me ? user.displayName : t('visit.offlineUser', { name: user.displayName })}</div>
            </div>
          </Flex>
          <Flex align="center" gap={8}>
            <Tag
              color={online ? 'green' : 'default'}
              icon={online ? <WifiOutlined /> : <DisconnectOutlined />}
              data-testid="network-state"
              data-online={online}
            >
              {online ? t('visit.online') : t('visit.offline')}
            </Tag>
            <LanguageSwitch size="small" />
          </Flex>
        </Flex>

        <div
          style={{
            padding: '10px 14px',
            background: pending.length ? '#fff7e6' : '#f6ffed',
            borderBottom: `2px solid ${pending.length ? '#fa8c16' : '#52c41a'}`,
          }}
          data-testid="sync-banner"
        >
          <Flex justify="space-between" align="center" gap={8}>
            <div>
              <div
                style={{ fontSize: pending.length ? 20 : 16, fontWeight: 700, color: pending.length ? '#ad4e00' : '#237804' }}
                data-testid="pending-count"
                data-count={pending.length}
              >
                <CloudUploadOutlined /> {pending.length ? t('visit.pending', { n: pending.length }) : t('visit.allSynced')}
              </div>
              <div style={{ fontSize: 13, color: '#595959' }} data-testid="cache-age">
                {cacheAge ? t('visit.cachedAt', { age: cacheAge }) : t('visit.noCache')}
                {rejected.length ? (
                  <Tag color="red" style={{ marginInlineStart: 8 }}>
                    {t('visit.rejected', { n: rejected.length })}
                  </Tag>
                ) : null}
              </div>
            </div>
            <Button
              type="primary"
              icon={<CloudSyncOutlined />}
              loading={syncing}
              disabled={!online || pending.length === 0}
              onClick={() => void runSync()}
              data-testid="sync-now"
              data-syncing={syncing}
            >
              {syncing ? t('visit.syncing') : t('visit.syncNow')}
            </Button>
          </Flex>
        </div>
      </div>

      <div style={{ padding: 12 }}>
        {open && shown ? (
          <VisitForm
            key={open.id}
            campaignId={shown.campaign.id}
            round={shown.campaign.round}
            questions={shown.campaign.questions}
            household={open}
            onSave={save}
            onCancel={() => setOpen(null)}
          />
        ) : campaignId === null ? (
          <Card title={t('visit.chooseCampaign')}>
            {campaigns?.items.length ? (
              <List
                dataSource={campaigns.items}
                renderItem={(c) => (
                  <List.Item onClick={() => setParams({ campaign: String(c.id) })} style={{ cursor: 'pointer' }} data-testid={`campaign-${c.id}`}>
                    <List.Item.Meta
                      title={<span style={{ fontSize: 17 }}>{c.name}</span>}
                      description={`${c.places.map((p) => p.label).join('、')} · ${t('screening.roundN', { n: c.round })}`}
                    />
                    {c.assigned ? <Tag color="blue">{t('visit.assigned')}</Tag> : null}
                  </List.Item>
                )}
              />
            ) : (
              <Empty description={t('visit.noCampaigns')} />
            )}
          </Card>
        ) : (
          <Flex vertical gap={10}>
            <Flex justify="space-between" align="center">
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => setParams({})} data-testid="back-to-campaigns">
                {t('visit.back')}
              </Button>
              <Button
                icon={<ReloadOutlined />}
                disabled={!online}
                onClick={() => campaignId !== null && void fetchWorkset(campaignId)}
                data-testid="refresh-workset"
              >
                {t('visit.refresh')}
              </Button>
            </Flex>
            {shown ? (
              <>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {shown.campaign.name} · {t('visit.households', { done: doneCount, total: shown.households.length })}
                </Typography.Title>
                <Input.Search allowClear placeholder={t('visit.search')} value={search} onChange={(e) => setSearch(e.target.value)} size="large" />
                {households.length === 0 ? <Empty description={t('visit.noHouseholds')} /> : null}
                {rejected.length ? (
                  <Card size="small" title={t('visit.fix')} styles={{ header: { color: '#cf1322' } }}>
                    {rejected.map((q) => (
                      <Flex key={q.id} justify="space-between" align="center" style={{ marginBottom: 6 }}>
                        <span>
                          {shown.households.find((h) => h.id === q.visit.householdId)?.dwellingLabel ?? q.visit.householdId}：{q.problem ? q.problem[lang] : ''}
                        </span>
                        <Button size="small" danger onClick={() => void discardVisit(q.id).then(reloadQueue)}>
                          {t('visit.discard')}
                        </Button>
                      </Flex>
                    ))}
                  </Card>
                ) : null}
                <List
                  dataSource={households}
                  renderItem={(h) => {
                    const local = localOutcome.get(h.id);
                    const outcome = local?.outcome ?? h.lastOutcome;
                    return (
                      <Card size="small" style={{ marginBottom: 8, cursor: 'pointer' }} onClick={() => setOpen(h)} data-testid={`household-${h.id}`}>
                        <Flex justify="space-between" align="center">
                          <div>
                            <div style={{ fontSize: 17, fontWeight: 600 }}>{h.dwellingLabel}</div>
                            <div style={{ color: '#595959' }}>{h.members.map((m) => m.name).join('、') || '—'}</div>
                          </div>
                          <Flex vertical align="end" gap={4}>
                            <Tag color={outcome === 'visited' ? 'green' : outcome ? 'orange' : 'default'} data-testid={`household-${h.id}-outcome`}>
                              {t(`screening.outcome.${outcome ?? 'none'}`)}
                            </Tag>
                            {local?.status === 'pending' ? <Badge status="processing" text={t('visit.waiting')} /> : null}
                            {local?.status === 'rejected' ? <Badge status="error" text={t('visit.rejectedTag')} /> : null}
                          </Flex>
                        </Flex>
                        {h.lastVisitedAt && !local ? <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtDateTime(h.lastVisitedAt)}</div> : null}
                      </Card>
                    );
                  }}
                />
              </>
            ) : (
              <PageSpin />
            )}
          </Flex>
        )}
      </div>
    </div>
  );
}
