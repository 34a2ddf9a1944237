/** /notifications: the inbox, and /notifications/channels: an organisation's group robots and the send log. */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { FullPageSpin } from '../../app/components/FullPageSpin';
import InboxPage from './index';

const ChannelsPage = lazy(() => import('../channels'));

export default function NotificationRoutes() {
  return (
    <Routes>
      <Route index element={<InboxPage />} />
      <Route
        path="channels"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <ChannelsPage />
          </Suspense>
        }
      />
    </Routes>
  );
}
