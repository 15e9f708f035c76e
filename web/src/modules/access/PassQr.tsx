import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A pass's signed token as a QR code image. */
export function PassQr({ token, size = 220, testId }: { token: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    void QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 }).then(setSrc);
  }, [token, size]);
  return src ? (
    <img src={src} width={size} height={size} alt="QR" data-testid={testId} data-token={token} style={{ imageRendering: 'pixelated', background: '#fff' }} />
  ) : (
    <div style={{ width: size, height: size }} />
  );
}
