/** The actions on one organisation, each shown only when the server's `abilities` for that record allow it. */
import {
  EditOutlined,
  ImportOutlined,
  PlusOutlined,
  StopOutlined,
  SwapOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { allowedChildKinds } from '../../../../domain/org/orgKinds';
import type { Org } from '../../../app/api/types';

export interface OrgActionHandlers {
  onCreateChild: (o: Org) => void;
  onImport: (o: Org) => void;
  onEdit: (o: Org) => void;
  onMove: (o: Org) => void;
  onDeactivate: (o: Org) => void;
  onReactivate: (o: Org) => void;
}

export function OrgActions({ org, h, compact }: { org: Org; h: OrgActionHandlers; compact?: boolean }) {
  const { t } = useTranslation();
  const a = org.abilities;
  const btn = compact ? ({ type: 'link', size: 'small', style: { paddingInline: 4 } } as const) : ({} as const);
  const canImport = a.createChild && allowedChildKinds(org.kind).includes('unit');
  return (
    <Space size={compact ? 0 : 8} wrap={!compact}>
      {!compact && a.createChild && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => h.onCreateChild(org)}
          data-testid="org-create-child"
        >
          {t('orgs.createChild')}
        </Button>
      )}
      {!compact && canImport && (
        <Button icon={<ImportOutlined />} onClick={() => h.onImport(org)} data-testid="org-import">
          {t('orgs.import')}
        </Button>
      )}
      {a.update && (
        <Button {...btn} icon={compact ? undefined : <EditOutlined />} onClick={() => h.onEdit(org)}>
          {t('common.edit')}
        </Button>
      )}
      {a.move && (
        <Button {...btn} icon={compact ? undefined : <SwapOutlined />} onClick={() => h.onMove(org)}>
          {t('orgs.move')}
        </Button>
      )}
      {a.deactivate && (
        <Button {...btn} danger icon={compact ? undefined : <StopOutlined />} onClick={() => h.onDeactivate(org)}>
          {t('common.deactivate')}
        </Button>
      )}
      {a.reactivate && (
        <Button {...btn} icon={compact ? undefined : <UndoOutlined />} onClick={() => h.onReactivate(org)}>
          {t('common.reactivate')}
        </Button>
      )}
    </Space>
  );
}
