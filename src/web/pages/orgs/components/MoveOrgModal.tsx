/**
 * 移动: choose a new parent from the tree. Only nodes that accept this kind of child (by the tree's shape) and
 * where the caller may create children (the server's `createChild` ability) can be picked; not its own subtree.
 */
import { Alert, Form, Modal } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedChildKinds } from '../../../../domain/org/orgKinds';
import { errorMessage } from '../../../app/api/client';
import type { Org, TreeNode } from '../../../app/api/types';
import { OrgTreeSelect } from '../../../app/components/OrgTreeSelect';
import { subtreeIds, useOrgTree } from '../../../app/components/orgTree';
import { moveOrg } from '../api';

export function MoveOrgModal({
  org,
  onClose,
  onMoved,
}: {
  org: Org | null;
  onClose: () => void;
  onMoved: (o: Org) => void;
}) {
  const { t } = useTranslation();
  const { data: nodes = [] } = useOrgTree(false);
  const [target, setTarget] = useState<number | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const own = useMemo(() => (org ? subtreeIds(nodes, org.id) : new Set<number>()), [nodes, org]);
  const disabled = useCallback(
    (n: TreeNode) =>
      !org || own.has(n.id) || n.id === org.parentId || !n.createChild || !allowedChildKinds(n.kind).includes(org.kind),
    [org, own],
  );
  return (
    <Modal
      open={org !== null}
      title={org ? t('orgs.moveTitle', { name: org.name }) : ''}
      okText={t('orgs.move')}
      okButtonProps={{ disabled: target === undefined, loading: saving }}
      onCancel={onClose}
      afterClose={() => {
        setTarget(undefined);
        setError(null);
      }}
      destroyOnClose
      onOk={async () => {
        if (!org || target === undefined) return;
        setSaving(true);
        setError(null);
        try {
          onMoved(await moveOrg(org.id, target));
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Alert type="info" showIcon message={t('orgs.moveHint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={t('orgs.newParent')} required>
          <OrgTreeSelect value={target} onChange={(id) => setTarget(id)} disabled={disabled} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
