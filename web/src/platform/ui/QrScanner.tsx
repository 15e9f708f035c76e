import { useEffect, useRef, useState } from 'react';
import jsQR from 'jsqr';

/**
 * Reads QR codes from the phone camera: frames of a getUserMedia video are drawn on a canvas
 * and decoded with jsQR (Chromium on Linux has no BarcodeDetector). Calls `onCode` once per
 * new code; stops the camera when unmounted or paused.
 */
export function QrScanner({ onCode, paused, onError }: { onCode: (text: string) => void; paused: boolean; onError: (e: unknown) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef('');
  const [ready, setReady] = useState(false);
  const cb = useRef({ onCode, onError });
  useEffect(() => {
    cb.current = { onCode, onError };
  });

  useEffect(() => {
    if (paused) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    last.current = '';
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      const c = canvas.current;
      if (v && c && v.readyState >= 2 && v.videoWidth > 0) {
        c.width = v.videoWidth;
        c.height = v.videoHeight;
        const g = c.getContext('2d', { willReadFrequently: true })!;
        g.drawImage(v, 0, 0);
        const img = g.getImageData(0, 0, c.width, c.height);
        const hit = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
        if (hit?.data && hit.data !== last.current) {
          last.current = hit.data;
          cb.current.onCode(hit.data);
        }
      }
      frame = requestAnimationFrame(tick);
    };
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return stream.getTracks().forEach((tr) => tr.stop());
        video.current!.srcObject = stream;
        await video.current!.play();
        setReady(true);
        frame = requestAnimationFrame(tick);
      } catch (e) {
        cb.current.onError(e);
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((tr) => tr.stop());
      setReady(false);
    };
  }, [paused]);

  return (
    <div style={{ position: 'relative', background: '#000', borderRadius: 12, overflow: 'hidden', aspectRatio: '4 / 3' }}>
      <video
        ref={video}
        muted
        playsInline
        data-testid="scan-video"
        data-ready={ready}
        style={{ width: '100%', height: '100%', objectFit: 'cover', display: paused ? 'none' : 'block' }}
      />
      <canvas ref={canvas} style={{ display: 'none' }} />
      {!paused ? (
        <div style={{ position: 'absolute', inset: '15%', border: '3px solid rgba(255,255,255,.85)', borderRadius: 12, pointerEvents: 'none' }} />
      ) : null}
    </div>
  );
}
