import type { Department } from '@crm/contracts';
import { ApartmentOutlined, EditOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Tag, Tree, Typography } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useCan } from '../../../app/session.tsx';
import { deleteDepartment, useDepartments, useUser } from '../api.ts';
import { DepartmentFormDialog } from '../components/DepartmentFormDialog.tsx';
import { departmentTree, type DepartmentNode } from '../tree.ts';

/** A department's line: its name and figures, its actions beside them or, on a phone, below them. */
const NODE: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: '0 8px',
};

type Editing = { department?: Department; parentId?: number | null };

/** The leader's name, read when the viewer may read users (`user.manage`). */
function Leader({ id }: { id: number }) {
  const { t } = useTranslation('organisation');
  const can = useCan();
  const user = useUser(id, can('user.manage'));
  return (
    <Typography.Text type="secondary">{t('leaderIs', { name: user.data?.displayName ?? `#${id}` })}</Typography.Text>
  );
}

/**
 * 部门管理 (docs/organisation.md#departments): the tree with each department's user count and leader; create, rename,
 * move and delete. A department with users or sub-departments cannot be deleted (rule 4), which its button says.
 */
export function DepartmentsPage() {
  const { t } = useTranslation('organisation');
  const departments = useDepartments();
  const [editing, setEditing] = useState<Editing>();
  // every department open but those the user closed: a department created under a leaf shows at once
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const hasChildren = useMemo(
    () => new Set((departments.data ?? []).flatMap((d) => (d.parentId === null ? [] : [d.parentId]))),
    [departments.data],
  );
  const treeData = useMemo(() => departmentTree(departments.data ?? []), [departments.data]);

  const inUse = (d: Department) =>
    d.userCount > 0 || hasChildren.has(d.id) ? t('inUse', { count: d.userCount }) : undefined;

  const node = ({ department: d }: DepartmentNode) => (
    <div className="department-node" style={NODE}>
      <Space size={8} wrap>
        <Typography.Text strong>{d.name}</Typography.Text>
        <Tag icon={<UserOutlined />}>{t('userCount', { count: d.userCount })}</Tag>
        {d.leaderId !== null && <Leader id={d.leaderId} />}
      </Space>
      <Space size={0} wrap onClick={(e) => e.stopPropagation()}>
        <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ parentId: d.id })}>
          {t('addChild')}
        </Button>
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ department: d })}>
          {t('common:actions.edit')}
        </Button>
        <DeleteButton onDelete={() => deleteDepartment(d.id)} disabledReason={inUse(d)} />
      </Space>
    </div>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ parentId: null })}>
            {t('create')}
          </Button>
        }
      />
      <Card size="small">
        <Loaded query={departments} rows={6}>
          {(list) =>
            list.length === 0 ? (
              <Empty image={<ApartmentOutlined style={{ fontSize: 48 }} />} description={t('empty')} />
            ) : (
              <Tree<DepartmentNode>
                className="department-tree"
                treeData={treeData}
                titleRender={node}
                expandedKeys={list.filter((d) => !collapsed.has(d.id)).map((d) => d.id)}
                onExpand={(_, { node, expanded }) =>
                  setCollapsed((c) => {
                    const next = new Set(c);
                    if (expanded) next.delete(node.key);
                    else next.add(node.key);
                    return next;
                  })
                }
                blockNode
                selectable={false}
              />
            )
          }
        </Loaded>
      </Card>
      <DepartmentFormDialog
        open={!!editing}
        department={editing?.department}
        parentId={editing?.parentId}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
