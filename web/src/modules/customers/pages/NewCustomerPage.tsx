import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { CustomerForm } from '../components/CustomerForm.tsx';

/** 新建客户: a manager enters an existing customer for themselves; a director for any manager. */
export function NewCustomerPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('list.create')}
        extra={<Button onClick={() => navigate('/customers')}>{t('detail.back')}</Button>}
      />
      <Card>
        <CustomerForm onSaved={(c) => navigate(`/customers/${c.id}`, { replace: true })} />
      </Card>
    </>
  );
}
