import { Button } from 'antd';
import type { GateDecision, GateReason, GateSubject } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';

export interface ShownVerdict {
  decision: GateDecision;
  reason: GateReason | null;
  subject: GateSubject;
  source: 'server' | 'offline';
  fever: boolean;
}

const COLOURS: Record<GateDecision, { bg: string; fg: string }> = {
  allowed: { bg: '#0a7d32', fg: '#fff' },
  refused: { bg: '#c4161c', fg: '#fff' },
  referred: { bg: '#f0a500', fg: '#1a1200' },
};

/**
 * The answer a guard reads at night in one glance: the whole panel green, red or amber, the
 * decision in huge type, the reason under it, then who it is (masked) and where they live.
 */
export function GateVerdictPanel({ v, onNext }: { v: ShownVerdict; onNext: () => void }) {
  const { t, lang } = useI18n();
  const c = COLOURS[v.decision];
  const s = v.subject;
  return (
    <div
      data-testid="gate-result"
      data-decision={v.decision}
      data-reason={v.reason ?? ''}
      data-source={v.source}
      role="status"
      aria-live="assertive"
      style={{ background: c.bg, color: c.fg, borderRadius: 16, padding: '22px 18px', textAlign: 'center', boxShadow: '0 4px 24px rgba(0,0,0,.35)' }}
    >
      <div style={{ fontSize: 'clamp(52px, 16vw, 96px)', fontWeight: 800, lineHeight: 1.05, letterSpacing: 2 }}>{t(`access.decision.${v.decision}`)}</div>
      {lang === 'zh-CN' ? <div style={{ fontSize: 22, fontWeight: 700, opacity: 0.9, letterSpacing: 4 }}>{t(`access.decisionEn.${v.decision}`)}</div> : null}
      {v.reason ? (
        <div data-testid="gate-reason" style={{ fontSize: 26, fontWeight: 700, marginTop: 12 }}>
          {t(`access.reason.${v.reason}`)}
        </div>
      ) : null}
      {s.maskedName || s.plate || s.dwellingLabel ? (
        <div style={{ fontSize: 22, marginTop: 14, lineHeight: 1.5 }}>
          {s.kind ? <div style={{ fontSize: 16, opacity: 0.85 }}>{t(`access.kind.${s.kind}`)}</div> : null}
          {s.maskedName ? (
            <div data-testid="gate-subject-name" style={{ fontSize: 30, fontWeight: 700 }}>
              {s.maskedName}
            </div>
          ) : null}
          {s.plate ? <div style={{ fontSize: 30, fontWeight: 700, letterSpacing: 2 }}>{s.plate}</div> : null}
          {s.dwellingLabel ? <div>{s.dwellingLabel}</div> : null}
          {s.validUntil ? <div style={{ fontSize: 16, opacity: 0.85 }}>{t('access.scanner.validUntil', { at: fmtDateTime(s.validUntil) })}</div> : null}
          {s.usesLeft !== null ? <div style={{ fontSize: 16, opacity: 0.85 }}>{t('access.scanner.usesLeft', { count: s.usesLeft })}</div> : null}
        </div>
      ) : null}
      <div style={{ fontSize: 14, opacity: 0.8, marginTop: 10 }}>
        {v.source === 'offline' ? t('access.scanner.offlineDecided') : t('access.scanner.serverDecided')}
      </div>
      <Button size="large" onClick={onNext} data-testid="next-scan" style={{ marginTop: 16, height: 56, minWidth: 200, fontSize: 22, fontWeight: 700 }}>
        {t('access.scanner.next')}
      </Button>
    </div>
  );
}
