import { useSyncExternalStore } from 'react';

const query = '(prefers-reduced-motion: reduce)';

const subscribe = (onChange: () => void) => {
  const list = window.matchMedia(query);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
};

/**
 * Whether the user asked the system for less motion (an accessibility setting; the browser tests ask for it too, so
 * that nothing is measured halfway through a transition). antd's `motion` token follows it, and app.css stops the
 * CSS transitions and animations under the same media query.
 */
export const useReducedMotion = () => useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
