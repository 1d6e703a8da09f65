import { theme } from 'antd';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * Below antd's `md` breakpoint (its `screenMD` token, 768 px): a phone, or a window as narrow. The shell then puts the
 * menu in a drawer and the lists, filters and row actions take their compact form
 * (docs/ARCHITECTURE.md#rules-of-the-house, rule 6). The same test as antd's `Grid.useBreakpoint().md`, but known at
 * the first render, so a phone never sees the desktop frame first.
 */
export function useIsPhone(): boolean {
  const { token } = theme.useToken();
  const query = `(max-width: ${token.screenMD - 0.02}px)`;
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
