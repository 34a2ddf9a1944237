import { useEffect, useState } from 'react';

const secondsUntil = (until: number | null) => (until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0);

/** Seconds left until `until` (ms epoch), ticking every second; 0 when past or unset. */
export function useCountdown(until: number | null): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(until));
  useEffect(() => {
    setSeconds(secondsUntil(until));
    if (!until) return;
    const id = window.setInterval(() => {
      const s = secondsUntil(until);
      setSeconds(s);
      if (s === 0) window.clearInterval(id);
    }, 1000);
    return () => window.clearInterval(id);
  }, [until]);
  return seconds;
}
