/**
 * What the page-load benchmark (bench/web.ts) measures inside the page, and how it turns that into figures.
 *
 * - **content**: the first frame in which the page's real data is in the document — a selector that only matches
 *   rendered data (a table row, a figure), never a skeleton — and, for pages that share a selector, their `h1`. Taken
 *   in a MutationObserver installed before the app's scripts, then the next animation frame (the one that paints it).
 * - **interactive**: content shown and then no long task (≥ 50 ms of main thread, PerformanceObserver `longtask`)
 *   starting within 50 ms; the end of the last long task before that quiet window, or content itself.
 *
 * Times are `performance.now()` of the document: from navigation start for a full load, from the route change for
 * an in-app navigation.
 */
export type Ready = {
  /** Address of the page. */
  path: string;
  /** A CSS selector that matches only once the page shows its data. */
  ready: string;
  /** The page's `h1`, when the selector alone could match the page navigated from. */
  title?: string;
};

export type Shown = { dom: number; painted: number };

/** The instrumentation, as a script string: tsx's helpers must not leak into the page. */
export function instrumentScript(pages: Ready[]): string {
  return `(() => {
  const pages = ${JSON.stringify(pages)};
  const state = { longTasks: [], clickAt: undefined };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.startTime + e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('click', () => { state.clickAt = performance.now(); }, true);
  const isReady = (spec) => {
    if (location.pathname !== spec.path || !document.querySelector(spec.ready)) return false;
    if (!spec.title) return true;
    const h1 = document.querySelector('h1');
    return !!h1 && h1.textContent.trim() === spec.title;
  };
  state.wait = (spec) => new Promise((resolve) => {
    let done = false;
    const check = () => {
      if (done || !isReady(spec)) return;
      done = true;
      observer.disconnect();
      const dom = performance.now();
      requestAnimationFrame(() => resolve({ dom, painted: performance.now() }));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    check();
  });
  // a client-side route change, as the router sees a back/forward: the app's own navigation code path
  state.navigate = (spec) => {
    const start = performance.now();
    const shown = state.wait(spec);
    history.pushState(null, '', spec.path);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    return shown.then((s) => ({ start, ...s }));
  };
  const spec = pages.find((p) => p.path === location.pathname);
  state.load = spec ? state.wait(spec) : undefined;
})();`;
}

/**
 * Time to interactive from `from` (content painted): walks the long tasks in order; the first gap of 50 ms without
 * one starting ends it. Undefined while the window after the last long task has not yet passed (`now`).
 */
export function interactiveAt(from: number, longTasks: [number, number][], now: number): number | undefined {
  let t = from;
  for (const [start, end] of [...longTasks].sort((a, b) => a[0] - b[0])) {
    if (end <= t) continue;
    if (start - t >= 50) break;
    t = Math.max(t, end);
  }
  return now - t >= 50 ? t : undefined;
}
