import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, ConfigProvider, Empty, Flex, Form, Input, InputNumber, Segmented, Select, Tabs, theme } from 'antd';
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Navigate } from 'react-router';
import { FEVER_THRESHOLD, parsePlate, type GateEventInput, type GateView } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { ApiError, errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { Logo } from '../../platform/layout/Logo';
import { fmtDateTime } from '../../platform/time';
import { useNow } from '../../platform/ui/hooks';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { DwellingCascader } from '../../platform/places/DwellingCascader';
import type { PlaceNode } from '../../platform/places/places.api';
import { QrScanner } from '../../platform/ui/QrScanner';
import { accessApi } from './access.api';
import {
  enqueueEvent,
  getMeta,
  loadCache,
  loadGates,
  pendingEvents,
  rejectedEvents,
  setMeta,
  EMPTY_CACHE,
  type GateCache,
  type QueuedGateEvent,
} from './gate-store';
import { refreshCache, syncEvents } from './gate-sync';
import { verifyOffline } from './gate-verify';
import { GateVerdictPanel, type ShownVerdict } from './GateVerdictPanel';
import { useOnline, useServiceWorker } from '../../platform/pwa/offline-hooks';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

/** Lists older than this are shown as out of date. */
const STALE_MS = 30 * 60000;
/**
 * The dark theme inherits the app's tokens set for white pages (App.tsx): the primary blue
 * (#1668dc, 3.5:1 on the page's #10151c) and secondary texts in black (the language switch's other
 * language was black on black). Secondary texts go back to white shades here (7:1 and more), and the
 * chosen tab's words take a lighter step of the blue (7.4:1); buttons keep white on the darker blue.
 */
const TAB_BLUE = '#65a9f3';
const DARK = {
  algorithm: theme.darkAlgorithm,
  token: {
    colorTextSecondary: 'rgba(255, 255, 255, 0.75)',
    colorTextTertiary: 'rgba(255, 255, 255, 0.65)',
    colorTextDescription: 'rgba(255, 255, 255, 0.75)',
    colorTextPlaceholder: 'rgba(255, 255, 255, 0.6)',
  },
  components: { Tabs: { itemSelectedColor: TAB_BLUE, itemActiveColor: TAB_BLUE, itemHoverColor: TAB_BLUE, inkBarColor: TAB_BLUE } },
};
const loadPlaces = (parentId: number | null) => api.get<{ items: PlaceNode[] }>('/places', { parentId });

function ageText(iso: string, now: number, lang: string) {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60000));
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 48 * 60) return rtf.format(-Math.round(minutes / 60), 'hour');
  return rtf.format(-Math.round(minutes / 1440), 'day');
}

/**
 * 门岗扫码登记: the guard's phone (or the gate's laptop). Works offline: passes are verified
 * with the cached public keys and lists; every registration is kept on the device first with
 * an id made here, then uploaded in batches. How old the lists are and how many registrations
 * wait is always in view, loudly.
 */
export default function GateScannerPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { me, loading } = useMe();
  const online = useOnline();
  const now = useNow(15000);
  useServiceWorker();
  const [userId, setUserId] = useState<number | null | undefined>(undefined);
  const [gates, setGates] = useState<GateView[]>([]);
  const [gateId, setGateId] = useState<number | null>(null);
  const [cache, setCache] = useState<GateCache>(EMPTY_CACHE);
  const [pending, setPending] = useState(0);
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [temperature, setTemperature] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<ShownVerdict | null>(null);
  const [tab, setTab] = useState('scan');
  const [busy, setBusy] = useState(false);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [visitorForm] = Form.useForm();

  // Who works the gate: the signed-in user, or (offline) the one who signed in last here.
  useEffect(() => {
    if (loading) return;
    if (me) void setMeta('user', me.id).then(() => setUserId(me.id));
    else void getMeta<number>('user').then((u) => setUserId(navigator.onLine ? null : (u ?? null)));
  }, [me, loading]);

  const [rejected, setRejected] = useState<QueuedGateEvent[]>([]);
  const [showRejected, setShowRejected] = useState(false);
  const reloadPending = useCallback(async () => {
    setPending((await pendingEvents()).length);
    setRejected(await rejectedEvents());
  }, []);

  const sync = useCallback(async () => {
    if (!navigator.onLine) return;
    const out = await syncEvents();
    await reloadPending();
    if (out.error) message.warning(errorText(out.error, lang));
  }, [reloadPending, message, lang]);

  const refresh = useCallback(async () => {
    if (!navigator.onLine) return;
    try {
      setCache(await refreshCache());
      const fresh = await accessApi.gates();
      await setMeta('gates', fresh.items);
      setGates(fresh.items);
    } catch {
      /* keep what the device holds */
    }
  }, []);

  // Start: what the device holds, then fresh lists and an upload when online; again every minute.
  useEffect(() => {
    if (!userId) return;
    void (async () => {
      setCache(await loadCache());
      setGates(await loadGates());
      setGateId((await getMeta<number>('gate')) ?? null);
      await reloadPending();
    })();
  }, [userId, reloadPending]);
  useEffect(() => {
    if (!userId || !online) return;
    const first = setTimeout(() => void refresh().then(sync), 0);
    const id = setInterval(() => void refresh().then(sync), 60000);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [userId, online, refresh, sync]);
  // The gate chosen on this device, or the first one in scope.
  const gate = useMemo(() => gates.find((g) => g.id === gateId) ?? gates[0] ?? null, [gates, gateId]);

  /** Keeps the registration on the device, then uploads it when the network is there. */
  const record = useCallback(
    async (v: ShownVerdict, extra: Partial<GateEventInput> = {}) => {
      if (!gate || !userId) return;
      const event: GateEventInput = {
        clientId: crypto.randomUUID(),
        gateId: gate.id,
        at: new Date().toISOString(),
        subject: v.subject.kind === 'vehicle_pass' || extra.plate ? 'vehicle' : 'person',
        direction,
        passId: v.subject.passId,
        residentId: v.subject.residentId,
        plate: v.subject.plate ?? extra.plate ?? null,
        temperature,
        decision: v.decision,
        reason: v.reason,
        ...extra,
      };
      await enqueueEvent(userId, event);
      await reloadPending();
      if (navigator.onLine) void sync();
    },
    [gate, userId, direction, temperature, reloadPending, sync],
  );

  const withFever = useCallback(
    (v: Omit<ShownVerdict, 'fever'>): ShownVerdict => {
      const fever = temperature !== null && temperature >= FEVER_THRESHOLD;
      if (fever && v.decision === 'allowed') return { ...v, decision: 'referred', reason: 'fever', fever };
      return { ...v, fever };
    },
    [temperature],
  );

  const onCode = useCallback(
    async (token: string) => {
      if (!gate || verdict) return;
      setBusy(true);
      let v: ShownVerdict | null = null;
      if (navigator.onLine) {
        try {
          v = withFever({ ...(await accessApi.verify({ gateId: gate.id, token })), source: 'server' });
        } catch (err) {
          // No answer from the server (status 0): decide here, as offline. Any other answer stands.
          if (!(err instanceof ApiError) || err.status !== 0) {
            message.error(errorText(err, lang));
            setBusy(false);
            return;
          }
        }
      }
      v ??= withFever({ ...(await verifyOffline(token, cache, Date.now(), gate.placePath)), source: 'offline' });
      setVerdict(v);
      setBusy(false);
      await record(v);
    },
    [gate, verdict, cache, withFever, record, message, lang],
  );

  const manual = async (values: { plate?: string; idNumber?: string }) => {
    if (!gate) return;
    if (!navigator.onLine) return void message.warning(t('access.scanner.needsNetwork'));
    setBusy(true);
    try {
      const body = values.plate ? { gateId: gate.id, plate: values.plate } : { gateId: gate.id, idNumber: values.idNumber };
      const v = withFever({ ...(await accessApi.verify(body)), source: 'server' });
      setVerdict(v);
      await record(v, values.plate ? { plate: parsePlate(values.plate).ok ? (parsePlate(values.plate) as { plate: string }).plate : null } : {});
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const registerVisitor = async (values: { name: string; phone: string; reason: string; hostDwellingId?: number | null }) => {
    if (temperature === null) return void message.warning(t('access.scanner.visitor.temperatureRequired'));
    const v = withFever({
      decision: 'allowed',
      reason: 'visitor',
      source: navigator.onLine ? 'server' : 'offline',
      subject: { passId: null, kind: null, maskedName: values.name, dwellingLabel: null, plate: null, residentId: null, validUntil: null, usesLeft: null },
    });
    setVerdict(v);
    await record(v, { visitor: { name: values.name, phone: values.phone, reason: values.reason, hostDwellingId: values.hostDwellingId ?? null } });
    visitorForm.resetFields();
  };

  const next = () => {
    setVerdict(null);
    setTemperature(null);
  };

  if (loading || userId === undefined) return <PageSpin />;
  if (userId === null)
    return online ? (
      <Navigate to={`/login?next=${encodeURIComponent('/gate')}`} replace />
    ) : (
      <Empty style={{ marginTop: 80 }} description={t('access.scanner.signInAgain')} />
    );

  const stale = !cache.fetchedAt || now - Date.parse(cache.fetchedAt) > STALE_MS;
  const big = { fontSize: 18 };

  return (
    // Dark, for a gate at night: the answers are the only bright thing on the screen.
    <ConfigProvider theme={DARK}>
      <div style={{ maxWidth: 560, margin: '0 auto', minHeight: '100vh', background: '#10151c', color: '#f5f7fa', fontSize: 17 }} data-testid="gate-page">
        <Flex justify="space-between" align="center" style={{ padding: '10px 14px', background: '#0b1f3a' }}>
          <Flex align="center" gap={8}>
            <Logo size={28} />
            <PhoneTitle style={{ fontSize: 20, fontWeight: 700 }} text={t('access.scanner.title')} />
          </Flex>
          <LanguageSwitch size="small" />
        </Flex>
        <div style={{ padding: '8px 12px', display: 'grid', gap: 6 }}>
          <Flex gap={8} wrap align="center">
            <span
              data-testid="network-state"
              data-online={online}
              style={{ padding: '4px 12px', borderRadius: 999, fontWeight: 700, background: online ? '#0a7d32' : '#c4161c', color: '#fff' }}
            >
              {online ? t('access.scanner.online') : t('access.scanner.offline')}
            </span>
            <span
              data-testid="pending-count"
              data-count={pending}
              style={{
                padding: '4px 12px',
                borderRadius: 999,
                fontWeight: 700,
                background: pending > 0 ? '#f0a500' : '#2b3645',
                color: pending > 0 ? '#1a1200' : '#cfd8e3',
              }}
            >
              {pending > 0 ? t('access.scanner.pending', { n: pending }) : t('access.scanner.allSynced')}
            </span>
            {rejected.length > 0 ? (
              <button
                type="button"
                data-testid="rejected-count"
                data-count={rejected.length}
                aria-expanded={showRejected}
                onClick={() => setShowRejected(!showRejected)}
                style={{
                  padding: '4px 12px',
                  borderRadius: 999,
                  fontWeight: 700,
                  background: '#c4161c',
                  color: '#fff',
                  border: 0,
                  font: 'inherit',
                  cursor: 'pointer',
                }}
              >
                {t('access.scanner.rejected', { count: rejected.length })}
              </button>
            ) : null}
            <Button size="small" icon={<CloudUploadOutlined />} onClick={() => void sync()} disabled={!online || pending === 0} data-testid="sync-now">
              {t('access.scanner.syncNow')}
            </Button>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void refresh()} disabled={!online} data-testid="refresh-lists">
              {t('access.scanner.refresh')}
            </Button>
          </Flex>
          {showRejected && rejected.length > 0 ? (
            <ul
              data-testid="rejected-list"
              style={{ margin: 0, padding: '8px 12px', listStyle: 'none', borderRadius: 8, background: '#2b1214', color: '#ffd7d9', fontSize: 14 }}
            >
              <li style={{ fontWeight: 700, marginBottom: 4 }}>{t('access.scanner.rejectedHint')}</li>
              {rejected.map((q) => (
                <li key={q.clientId} data-testid="rejected-item">
                  {fmtDateTime(q.event.at)} · {pick(q.rejection?.messages)}
                </li>
              ))}
            </ul>
          ) : null}
          <div
            data-testid="lists-age"
            data-stale={stale}
            style={{
              padding: '6px 10px',
              borderRadius: 8,
              fontWeight: 700,
              fontSize: stale ? 18 : 15,
              background: stale ? '#c4161c' : 'transparent',
              color: stale ? '#fff' : '#9fb0c3',
            }}
          >
            {cache.fetchedAt ? t('access.scanner.listsAge', { age: ageText(cache.fetchedAt, now, lang) }) : t('access.scanner.listsNever')}
            {cache.fetchedAt && stale ? ` · ${t('access.scanner.listsStale')}` : ''}
          </div>
        </div>
        {gates.length === 0 ? (
          <Alert type="warning" showIcon style={{ margin: 12 }} title={t('access.scanner.noGate')} />
        ) : (
          <div style={{ padding: '0 12px 24px', display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 12 }}>
            <Select
              size="large"
              value={gate?.id}
              onChange={(id) => {
                setGateId(id);
                void setMeta('gate', id);
              }}
              options={gates.map((g) => ({ value: g.id, label: `${g.name} · ${g.placeLabel}` }))}
              placeholder={t('access.scanner.chooseGate')}
              aria-label={t('access.scanner.chooseGate')}
              data-testid="gate-select"
            />
            <Flex gap={10} align="center" wrap>
              <Segmented
                size="large"
                value={direction}
                onChange={(d) => setDirection(d as 'in' | 'out')}
                options={[
                  { value: 'in', label: <span style={big}>{t('access.scanner.in')}</span> },
                  { value: 'out', label: <span style={big}>{t('access.scanner.out')}</span> },
                ]}
                data-testid="direction"
              />
              <InputNumber
                size="large"
                min={34}
                max={43}
                step={0.1}
                precision={1}
                value={temperature}
                onChange={(v) => setTemperature(typeof v === 'number' ? v : null)}
                placeholder={t('access.scanner.temperature')}
                style={{ width: 170, fontSize: 20 }}
                data-testid="temperature"
              />
            </Flex>
            {verdict ? (
              <GateVerdictPanel v={verdict} onNext={next} />
            ) : (
              <Tabs
                activeKey={tab}
                onChange={setTab}
                size="large"
                className="gate-tabs"
                items={[
                  {
                    key: 'scan',
                    label: t('access.scanner.tabs.scan'),
                    children: (
                      <div style={{ display: 'grid', gap: 8 }}>
                        {cameraFailed ? <Alert type="error" showIcon title={t('access.scanner.cameraError')} /> : null}
                        <QrScanner paused={tab !== 'scan' || !!verdict || busy || !gate} onCode={(c) => void onCode(c)} onError={() => setCameraFailed(true)} />
                        <div style={{ textAlign: 'center', color: '#9fb0c3' }}>{t('access.scanner.scanHint')}</div>
                      </div>
                    ),
                  },
                  {
                    key: 'manual',
                    label: t('access.scanner.tabs.manual'),
                    children: (
                      <div style={{ display: 'grid', gap: 12 }}>
                        {!online ? <Alert type="warning" showIcon title={t('access.scanner.needsNetwork')} /> : null}
                        <Form layout="vertical" onFinish={(v: { plate: string }) => void manual({ plate: v.plate })}>
                          <Form.Item
                            name="plate"
                            label={t('access.scanner.plate')}
                            rules={[
                              { required: true },
                              {
                                validator: (_, v: string) =>
                                  !v || parsePlate(v).ok ? Promise.resolve() : Promise.reject(new Error(t('access.passes.form.plateInvalid'))),
                              },
                            ]}
                          >
                            <Input size="large" placeholder="鲁E12345" data-testid="manual-plate" style={{ fontSize: 22 }} />
                          </Form.Item>
                          <Button size="large" type="primary" htmlType="submit" loading={busy} disabled={!online} data-testid="manual-plate-check" block>
                            {t('access.scanner.lookup')}
                          </Button>
                        </Form>
                        <Form layout="vertical" onFinish={(v: { idNumber: string }) => void manual({ idNumber: v.idNumber })}>
                          <Form.Item name="idNumber" label={t('access.scanner.idNumber')} rules={[{ required: true }]}>
                            <Input.Password size="large" autoComplete="off" visibilityToggle={false} data-testid="manual-id" style={{ fontSize: 22 }} />
                          </Form.Item>
                          <Button size="large" type="primary" htmlType="submit" loading={busy} disabled={!online} data-testid="manual-id-check" block>
                            {t('access.scanner.lookup')}
                          </Button>
                        </Form>
                      </div>
                    ),
                  },
                  {
                    key: 'visitor',
                    label: t('access.scanner.tabs.visitor'),
                    children: (
                      <Form form={visitorForm} layout="vertical" onFinish={(v) => void registerVisitor(v)} className="gate-form">
                        <Form.Item name="name" label={t('access.scanner.visitor.name')} rules={[{ required: true, max: 40 }]}>
                          <Input size="large" data-testid="visitor-name" />
                        </Form.Item>
                        <Form.Item
                          name="phone"
                          label={t('access.scanner.visitor.phone')}
                          rules={[{ required: true, pattern: /^1\d{10}$/, message: t('auth.phoneInvalid') }]}
                        >
                          <Input size="large" inputMode="tel" data-testid="visitor-phone" />
                        </Form.Item>
                        <Form.Item name="reason" label={t('access.scanner.visitor.reason')} rules={[{ required: true, max: 200 }]}>
                          <Input size="large" data-testid="visitor-reason" />
                        </Form.Item>
                        {online ? (
                          <Form.Item name="hostDwellingId" label={t('access.scanner.visitor.host')}>
                            <DwellingCascader load={loadPlaces} testId="visitor-host" />
                          </Form.Item>
                        ) : null}
                        <Button size="large" type="primary" htmlType="submit" block data-testid="visitor-register">
                          {t('access.scanner.visitor.register')}
                        </Button>
                      </Form>
                    ),
                  },
                ]}
              />
            )}
          </div>
        )}
      </div>
    </ConfigProvider>
  );
}
