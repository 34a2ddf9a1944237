import { useEffect, useState } from 'react';

const QUERY = '(max-width: 767.98px)';

/**
 * True on phone widths (below antd's `md`, 768 px): pages drop subtitles and fold their search forms. Read
 * synchronously on the first render, because "default collapsed" props are only read at mount.
 */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
