import type { PassView } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PassQr } from './PassQr';

const BAND: Record<PassView['kind'], string> = { health_pass: '#0a7d32', entry_ticket: '#0f6cbd', vehicle_pass: '#8a4b08' };

/** The card layout of a pass: kind band, holder, address, validity and the QR code (prints at card size). */
export function PassCardView({ pass, own = false }: { pass: PassView; own?: boolean }) {
  const { t } = useI18n();
  const dead = pass.status !== 'active';
  return (
    <div
      data-testid={`pass-card-${pass.id}`}
      data-status={pass.status}
      style={{ width: 340, border: '1px solid #c9d3df', borderRadius: 14, overflow: 'hidden', background: '#fff', color: '#10151c', breakInside: 'avoid' }}
    >
      <div
        style={{
          background: dead ? '#8c8c8c' : BAND[pass.kind],
          color: '#fff',
          padding: '10px 16px',
          fontSize: 20,
          fontWeight: 700,
          display: 'flex',
          justifyContent: 'space-between',
        }}
      >
        <span>{t(`access.kind.${pass.kind}`)}</span>
        <span style={{ fontSize: 14, fontWeight: 500, alignSelf: 'center' }}>No. {pass.id}</span>
      </div>
      <div style={{ padding: 16, display: 'grid', gap: 6, justifyItems: 'center', textAlign: 'center' }}>
        <div style={{ opacity: dead ? 0.35 : 1 }}>
          <PassQr token={pass.token} size={200} testId={own ? `my-pass-qr-${pass.id}` : `pass-qr-${pass.id}`} />
        </div>
        {dead ? <div style={{ color: '#c4161c', fontWeight: 700, fontSize: 18 }}>{t(`access.status.${pass.status}`)}</div> : null}
        <div style={{ fontSize: 22, fontWeight: 700 }}>{pass.plate ?? pass.holderName}</div>
        {pass.plate ? (
          <div>
            {t('access.card.holder')}：{pass.holderName}
          </div>
        ) : null}
        <div style={{ fontSize: 15 }}>{pass.dwellingLabel}</div>
        <div style={{ fontSize: 14, color: '#4a5565' }}>
          {t('access.card.valid')}：{fmtDateTime(pass.validFrom)} – {fmtDateTime(pass.validUntil)}
        </div>
        {pass.maxUses !== null ? <div style={{ fontSize: 14, color: '#4a5565' }}>{t('access.card.uses', { count: pass.maxUses })}</div> : null}
        <div style={{ fontSize: 12, color: '#6b7785' }}>{t('access.card.note')}</div>
      </div>
    </div>
  );
}
