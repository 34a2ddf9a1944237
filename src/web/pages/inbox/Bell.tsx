/** The header bell: the unread count of the person's inbox, refreshed every minute; opens the inbox page. */
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fetchUnread, UNREAD_KEY } from './api';

export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: unread = 0 } = useQuery({ queryKey: UNREAD_KEY, queryFn: fetchUnread, refetchInterval: 60_000 });
  return (
    <Tooltip title={t('notif.bell')}>
      <Button
        type="text"
        aria-label={t('notif.bell')}
        data-testid="inbox-bell"
        onClick={() => navigate('/notifications')}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 16 }} />
          </Badge>
        }
      />
    </Tooltip>
  );
}
