import { Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../app/api.ts';
import { feedback, showError } from '../../../app/feedback.ts';
import { useClaim } from '../api.ts';

const LIMITS = ['dailyClaimLimit', 'maxOwned', 'reclaimWaitDays'] as const;

/**
 * 领取 (docs/organisation.md#customer-pool, rule 3): busy from the first click; a refusal over a limit says which
 * limit (`details[0].path`), one taken meanwhile says so.
 */
export function ClaimButton({ customer, ...props }: { customer: { id: number; name: string } } & ButtonProps) {
  const { t } = useTranslation('pool');
  const claim = useClaim();
  const [key] = useState(newIdempotencyKey);
  const onClick = () =>
    claim.mutate(
      { id: customer.id, idempotencyKey: key },
      {
        onSuccess: () => void feedback.message.success(t('claim.done', { name: customer.name })),
        onError: (e) => {
          const limit = isApiError(e) && e.code === 'LIMIT_REACHED' ? e.details[0]?.path : undefined;
          if (limit && (LIMITS as readonly string[]).includes(limit))
            void feedback.message.error(t(`claim.limits.${limit as (typeof LIMITS)[number]}`));
          else if (isApiError(e) && e.code === 'INVALID_STATE') void feedback.message.error(t('claim.taken'));
          else showError(e);
        },
      },
    );
  return (
    <Button
      type="link"
      size="small"
      loading={claim.isPending}
      onClick={onClick}
      aria-label={`${t('claim.button')} ${customer.name}`}
      {...props}
    >
      {t('claim.button')}
    </Button>
  );
}
