/** 今日托管: the home of class staff and volunteers — their classes and the door screen (签到屏) a tap away. */
import { QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';

export function StaffHome() {
  return (
    <Card title="今日托管">
      <Space direction="vertical" size={12}>
        <Typography.Text>到班后打开门口签到屏，家长接送时扫码或输入接送码；班级情况在“我的托管班”。</Typography.Text>
        <Space wrap>
          <Button type="primary" size="large" icon={<QrcodeOutlined />} href="/door/">
            打开门口签到屏
          </Button>
          <Link to="/classes/mine">
            <Button size="large" icon={<TeamOutlined />}>
              我的托管班
            </Button>
          </Link>
        </Space>
      </Space>
    </Card>
  );
}
