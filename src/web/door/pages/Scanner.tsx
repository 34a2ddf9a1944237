/**
 * Reads a pickup code from the QR on a parent's phone with the browser's BarcodeDetector (Chrome on Android has
 * it; where it is missing the button is not shown and the code is typed).
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { Button, Notice } from '../ui';

interface Detected {
  rawValue: string;
}
interface Detector {
  detect(source: HTMLVideoElement): Promise<Detected[]>;
}
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

function detectorClass(): DetectorCtor | null {
  const c = (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  return typeof c === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function' ? c : null;
}

export const canScan = () => detectorClass() !== null;

/** The 8-character code inside whatever the QR holds (the bare code, or a link that ends with it). */
export function codeFromScan(raw: string): string | null {
  const m = /[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}/.exec(raw.toUpperCase().replace(/[\s-]/g, ''));
  return m ? m[0] : null;
}

export function Scanner({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const { t } = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const done = useRef(onCode);
  done.current = onCode;

  useEffect(() => {
    const Ctor = detectorClass();
    if (!Ctor) {
      setFailed(true);
      return;
    }
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let live = true;
    const detector = new Ctor({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        if (!live) {
          for (const tr of s.getTracks()) tr.stop();
          return;
        }
        stream = s;
        const v = video.current;
        if (!v) return;
        v.srcObject = s;
        await v.play();
        timer = setInterval(() => {
          if (v.readyState < 2) return;
          detector.detect(v).then(
            (found) => {
              for (const f of found) {
                const code = codeFromScan(f.rawValue);
                if (code && live) {
                  live = false;
                  done.current(code);
                  return;
                }
              }
            },
            () => {},
          );
        }, 250);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      if (stream) for (const tr of stream.getTracks()) tr.stop();
    };
  }, []);

  return (
    <div className="scanner">
      {failed ? (
        <Notice kind="warn">{t('checkout.scanFail')}</Notice>
      ) : (
        <>
          <p className="muted">{t('checkout.scanTitle')}</p>
          <video ref={video} className="scanner-video" muted playsInline />
        </>
      )}
      <Button block onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}
