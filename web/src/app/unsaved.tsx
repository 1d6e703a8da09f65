import { useEffect, useEffectEvent, useId, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';
import { feedback } from './feedback.ts';

/**
 * Unsaved changes (issue 14, item 3): every form that holds edits the user has not saved says so with
 * `useUnsavedChanges(dirty)`; the one `UnsavedChangesGuard` of the app then asks before the page is left — a link, the
 * menu, a tab of the page, back, a reload or closing the tab. A router supports one blocker at a time, so the forms
 * report here and the guard holds the only one.
 */
const dirtyForms = new Set<string>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => (listeners.add(l), () => listeners.delete(l));
const anyDirty = () => dirtyForms.size > 0;

/**
 * Marks this form as holding unsaved edits while `dirty`; a form that unmounts is no longer counted. Answers
 * `release()`, which clears the mark at once — for a save that navigates before React has re-rendered.
 */
export function useUnsavedChanges(dirty: boolean): () => void {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.add(id);
    notify();
    return () => {
      dirtyForms.delete(id);
      notify();
    };
  }, [dirty, id]);
  return () => {
    if (dirtyForms.delete(id)) notify();
  };
}

/** Asks whether to discard unsaved edits; answers true to leave. */
export function confirmDiscard(t: TFunction): Promise<boolean> {
  return new Promise((resolve) => {
    feedback.modal.confirm({
      title: t('common:unsaved.title'),
      content: t('common:unsaved.text'),
      okText: t('common:unsaved.leave'),
      okButtonProps: { danger: true },
      cancelText: t('common:unsaved.stay'),
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

// Leaving means another page or another tab of the page (`?tab=`); signing out or an ended session is not asked.
const leaves: BlockerFunction = ({ currentLocation: from, nextLocation: to }) =>
  anyDirty() && to.pathname !== '/login' && (from.pathname !== to.pathname || from.search !== to.search);

/** Mounted once under the router: asks before navigation away from unsaved edits, and before unloading the page. */
export function UnsavedChangesGuard() {
  const { t } = useTranslation();
  const dirty = useSyncExternalStore(subscribe, anyDirty);
  const blocker = useBlocker(leaves);

  useEffect(() => {
    if (!dirty) return;
    // the browser's own question (its text cannot be chosen) on reload, closing the tab, or leaving the app
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  // one question per blocked navigation, answered on the blocker of that moment (the latest render's)
  const answer = useEffectEvent((leave: boolean) => {
    if (leave) {
      dirtyForms.clear();
      notify();
      blocker.proceed?.();
    } else blocker.reset?.();
  });
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    void confirmDiscard(t).then(answer);
  }, [blocker.state, t]);
  return null;
}
