import {
  ContactsOutlined,
  CustomerServiceOutlined,
  FundOutlined,
  SearchOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { SearchAnswer, SearchKind } from '@crm/contracts';
import { Button, Empty, Input, Modal, Skeleton, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useIsPhone } from '../../app/components/useIsPhone.ts';
import { useSearch } from './api.ts';
import './search.css';

/** docs/search.md#the-box: results follow typing after this pause, not at every key. */
const DEBOUNCE_MS = 200;
const KINDS: SearchKind[] = ['customers', 'contacts', 'opportunities', 'services'];
const ICONS: Record<SearchKind, ReactNode> = {
  customers: <TeamOutlined />,
  contacts: <ContactsOutlined />,
  opportunities: <FundOutlined />,
  services: <CustomerServiceOutlined />,
};

type Hit = { key: string; kind: SearchKind; to: string; title: string; detail: ReactNode };

function useDebounced(value: string, ms: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** One list of what was found, in the order shown: the kinds in turn, best matches first within each. */
function hitsOf(a: SearchAnswer, t: (key: string, o?: Record<string, unknown>) => string): Hit[] {
  return [
    ...a.customers.map((c) => ({
      key: `customers:${c.id}`,
      kind: 'customers' as const,
      to: `/customers/${c.id}`,
      title: c.name,
      detail: `${c.number} · ${c.manager?.displayName ?? t('noManager')}`,
    })),
    ...a.contacts.map((k) => ({
      key: `contacts:${k.id}`,
      kind: 'contacts' as const,
      to: `/customers/${k.customerId}?tab=contacts`,
      title: k.name,
      detail: [t('contactOf', { customer: k.customerName }), k.mobile ?? k.officePhone].filter(Boolean).join(' · '),
    })),
    ...a.opportunities.map((o) => ({
      key: `opportunities:${o.id}`,
      kind: 'opportunities' as const,
      to: `/opportunities/${o.id}`,
      title: o.customerName,
      detail: (
        <>
          {o.summary} <Tag>{t(`status.${o.status}`)}</Tag>
        </>
      ),
    })),
    ...a.services.map((s) => ({
      key: `services:${s.id}`,
      kind: 'services' as const,
      to: `/services/${s.id}`,
      title: s.summary,
      detail: (
        <>
          {s.number} · {s.customerName} <Tag>{t(`status.${s.status}`)}</Tag>
        </>
      ),
    })),
  ];
}

/**
 * The header's search (docs/search.md#the-box): a box (on a phone an icon) that opens the search dialog; Ctrl+K or
 * ⌘K opens it from anywhere. Results come grouped by kind as the user types; ↑/↓ choose, Enter opens the chosen one.
 */
export function GlobalSearch() {
  const { t } = useTranslation('search');
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {phone ? (
        <Button type="text" icon={<SearchOutlined />} aria-label={t('open')} onClick={() => setOpen(true)} />
      ) : (
        <button type="button" className="global-search-trigger" onClick={() => setOpen(true)}>
          <SearchOutlined aria-hidden />
          <span className="global-search-trigger-text">{t('open')}</span>
          <kbd>{t('shortcut')}</kbd>
        </button>
      )}
      {open && <SearchDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('search');
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const query = useSearch(q);
  const hits = useMemo(() => (query.data && q ? hitsOf(query.data, t) : []), [query.data, q, t]);
  const [active, setActive] = useState(0);
  const [activeFor, setActiveFor] = useState(hits);
  // a new answer chooses its first hit again (react.dev: adjusting state when a prop changes)
  if (activeFor !== hits) {
    setActiveFor(hits);
    setActive(0);
  }
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<InputRef>(null);

  const openHit = (hit: Hit | undefined) => {
    if (!hit) return;
    onClose();
    void navigate(hit.to);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!hits.length) return;
      const next = (active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      setActive(next);
      listRef.current?.querySelector(`#search-hit-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      // what was typed is answered first: Enter before the answer waits for it by doing nothing
      if (q === text.trim()) openHit(hits[active]);
    }
  };

  const waiting = q.length > 0 && (query.isFetching || q !== text.trim()) && !query.data;
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      title={t('dialog')}
      className="global-search-dialog"
      width={640}
      destroyOnHidden
      // the dialog takes the focus when it opens; the box is where the typing goes
      afterOpenChange={(opened) => opened && inputRef.current?.focus()}
    >
      <Input
        ref={inputRef}
        autoFocus
        size="large"
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('placeholder')}
        aria-label={t('placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="global-search-results"
        aria-activedescendant={hits.length ? `search-hit-${active}` : undefined}
        maxLength={100}
      />
      <div className="global-search-results" ref={listRef}>
        {!q ? (
          <Typography.Paragraph type="secondary" className="global-search-hint">
            {t('hint')}
          </Typography.Paragraph>
        ) : waiting ? (
          <Skeleton active paragraph={{ rows: 4 }} title={false} aria-busy />
        ) : query.isError ? (
          <Typography.Paragraph type="danger">{String(query.error.message)}</Typography.Paragraph>
        ) : hits.length === 0 && query.data ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} />
        ) : (
          // the listbox holds only its groups and options; each group's visible heading is its label
          <div id="global-search-results" role="listbox" aria-label={t('dialog')}>
            {KINDS.filter((kind) => hits.some((h) => h.kind === kind)).map((kind) => (
              <div key={kind} role="group" aria-label={t(`kinds.${kind}`)} className="global-search-group">
                <div className="global-search-kind" aria-hidden>
                  {ICONS[kind]} {t(`kinds.${kind}`)}
                </div>
                {hits
                  .filter((h) => h.kind === kind)
                  .map((hit) => {
                    const i = hits.indexOf(hit); // the position the arrow keys and Enter use
                    return (
                      <div
                        key={hit.key}
                        id={`search-hit-${i}`}
                        role="option"
                        aria-selected={i === active}
                        className={`global-search-hit${i === active ? ' is-active' : ''}`}
                        onMouseEnter={() => setActive(i)}
                        onClick={() => openHit(hit)}
                      >
                        <div className="global-search-title">{hit.title}</div>
                        <div className="global-search-detail">{hit.detail}</div>
                      </div>
                    );
                  })}
              </div>
            ))}
          </div>
        )}
      </div>
      {!phoneLike() && (
        <Typography.Text type="secondary" className="global-search-keys">
          {t('keys')}
        </Typography.Text>
      )}
    </Modal>
  );
}

/** A touch screen has no arrow keys to explain. */
const phoneLike = () => typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches;
