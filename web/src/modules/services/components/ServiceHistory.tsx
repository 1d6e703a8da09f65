import type { ServiceEvent } from '@crm/contracts';
import { Space, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { Stars } from '../../../app/components/Stars.tsx';
import { when } from './ServiceFacts.tsx';

const COLORS = { created: 'blue', assigned: 'gray', handled: 'orange', feedback: 'green' } as const;

/**
 * Every step of a service, oldest first: a dissatisfied feedback and the handling before it stay visible
 * (docs/product.md#customer-service, rules 4 and 8).
 */
export function ServiceHistory({ history }: { history: ServiceEvent[] }) {
  const { t } = useTranslation('services');
  return (
    <Timeline
      data-testid="service-history"
      items={history.map((e, i) => ({
        key: i,
        color: e.kind === 'feedback' && (e.satisfaction ?? 0) < 3 ? 'red' : COLORS[e.kind],
        title: (
          <Space wrap>
            <strong>
              {e.rule
                ? t('detail.assignedByRule', { rule: e.rule.name, assignee: e.assignee?.displayName ?? '' })
                : t(`detail.${e.kind}`, {
                    name: e.user?.displayName ?? (e.contact ? t('source.portalBy', { name: e.contact.name }) : ''),
                    assignee: e.assignee?.displayName ?? '',
                  })}
            </strong>
            <span>{when(e.at)}</span>
          </Space>
        ),
        content: (
          <Space orientation="vertical" size={2}>
            {e.satisfaction !== null && <Stars value={e.satisfaction} />}
            {e.text && <span style={{ whiteSpace: 'pre-wrap' }}>{e.text}</span>}
          </Space>
        ),
      }))}
    />
  );
}
