import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A text as a QR code image: a volunteer's card, an activity's check-in code. */
export function Qr({ text, size = 180, alt, testId }: { text: string; size?: number; alt: string; testId?: string }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 }).then(setSrc);
  }, [text, size]);
  return src ? (
    <img src={src} width={size} height={size} alt={alt} data-testid={testId} data-token={text} style={{ imageRendering: 'pixelated', background: '#fff' }} />
  ) : (
    <div style={{ width: size, height: size }} />
  );
}
