import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { ApprovalNotice } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime, local } from '../../platform/time';

/** The QR code of a pass, drawn in the browser from its token. */
export function PassQr({ token, size = 220 }: { token: string; size?: number }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    void QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 }).then(setSrc);
  }, [token, size]);
  return src ? (
    <img src={src} width={size} height={size} alt="QR" data-testid="notice-qr" data-token={token} style={{ imageRendering: 'pixelated' }} />
  ) : (
    <div style={{ width: size, height: size }} />
  );
}

/**
 * 流入人员审核通过通知单: the notice as the committee issues it. One layout serves the printed
 * A4/A5 page (print CSS in styles.css) and the phone (it narrows to the screen).
 */
export function ApprovalNoticeView({ notice }: { notice: ApprovalNotice }) {
  const { t, pick, lang } = useI18n();
  const colon = lang === 'zh-CN' ? '：' : ': ';
  // Valid until midnight: shown as the last minute of the last valid day.
  const lastMinute = new Date(new Date(notice.validUntil).getTime() - 60000).toISOString();
  const rows: [string, string][] = [
    [t('inbound.field.name'), notice.name],
    [t('inbound.field.idNumber'), notice.idNumberMasked ?? '—'],
    [t('inbound.field.employer'), notice.employerName ?? '—'],
    [t('inbound.field.from'), notice.fromCity],
    [t('inbound.field.plannedArrival'), notice.plannedArrival],
    [t('inbound.field.dwelling'), notice.dwellingLabel ?? notice.address ?? '—'],
    [t('inbound.field.measure'), pick(notice.measureText)],
  ];
  return (
    <div className="jy-notice" data-testid="approval-notice">
      <h1 className="jy-notice-title">{t('inbound.notice.title')}</h1>
      <div className="jy-notice-ref">
        {t('inbound.notice.number')}
        {colon}
        <span data-testid="notice-reference">{notice.reference}</span>
      </div>
      <div className="jy-notice-body">
        <table className="jy-notice-table">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="jy-notice-qr">
          <PassQr token={notice.token} />
          <div className="jy-notice-qr-hint">{t('inbound.notice.qrHint')}</div>
        </div>
      </div>
      <p className="jy-notice-text">{t('inbound.notice.text', { community: notice.communityName, date: notice.plannedArrival })}</p>
      <div className="jy-notice-foot">
        <div>
          {t('inbound.notice.validUntil')}
          {colon}
          {fmtDateTime(lastMinute)}
        </div>
        <div className="jy-notice-seal">
          <div>{notice.communityName}</div>
          <div>
            {t('inbound.notice.reviewer')}
            {colon}
            {notice.decidedByName} · {local(notice.decidedAt).format('YYYY-MM-DD')}
          </div>
        </div>
      </div>
    </div>
  );
}
