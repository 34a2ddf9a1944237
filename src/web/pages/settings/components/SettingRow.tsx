import { List, Typography } from 'antd';
import type { ReactNode } from 'react';

/** One setting: what it does on the left, its control on the right. */
export function SettingRow({
  title,
  description,
  control,
}: {
  title: ReactNode;
  description: ReactNode;
  control: ReactNode;
}) {
  return (
    <List.Item actions={[control]}>
      <List.Item.Meta title={<Typography.Text strong>{title}</Typography.Text>} description={description} />
    </List.Item>
  );
}
