/**
 * An organisation and a role on it. The roles offered are those that exist on that kind of node (ROLE_SPECS);
 * whether this administrator may grant a given one is the server's answer (a refusal is shown as it comes).
 */
import { Form, Select } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { OrgKind } from '../../../../domain/org/orgKinds';
import { ROLE_SPECS, ROLES } from '../../../../domain/people/roles';
import { OrgTreeSelect } from '../../../app/components/OrgTreeSelect';
import { useOrgTree } from '../../../app/components/orgTree';
import { roleLabel } from '../../../app/labels';

export function RoleOrgFields<T extends { orgId?: number; role?: string }>({ form }: { form: FormInstance<T> }) {
  const { t } = useTranslation();
  const { data: nodes = [] } = useOrgTree(false);
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const kind: OrgKind | undefined = nodes.find((n) => n.id === orgId)?.kind;
  const roles = kind ? ROLES.filter((r) => ROLE_SPECS[r].grantableOn.includes(kind)) : [];
  return (
    <>
      <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
        <OrgTreeSelect
          onChange={(id) => {
            // Form.Item stores the id itself; this only drops a role that does not exist on the new kind of node.
            const current = (form as FormInstance).getFieldValue('role') as string | undefined;
            const k = nodes.find((n) => n.id === id)?.kind;
            if (current && k && !ROLE_SPECS[current as keyof typeof ROLE_SPECS].grantableOn.includes(k)) {
              (form as FormInstance).setFieldsValue({ role: undefined });
            }
          }}
        />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        rules={[{ required: true, message: t('users.roleRequired') }]}
        extra={!kind ? t('users.pickOrgFirst') : undefined}
      >
        <Select
          disabled={!kind}
          placeholder={t('common.select')}
          options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
          notFoundContent={t('users.noRolesHere')}
        />
      </Form.Item>
    </>
  );
}
