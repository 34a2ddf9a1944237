/**
 * The request / empty / error block of the server-paged list pages, written once: `request` calls `load` with the
 * ProTable's params (the search form's values with `current` and `pageSize`) and hands its page to the table;
 * when the call fails the table's empty state says why (in red) instead of "nothing here".
 *
 *   const table = useTableRequest((p: Search & TableParams) => listVenues({ …p }), t('venues.empty'));
 *   <ProTable request={table.request} locale={table.locale} … />
 */
import { Empty, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';

/** What ProTable adds to the search form's values. */
export interface TableParams {
  current?: number;
  pageSize?: number;
  keyword?: string;
}

/** A table's empty state: the load error when there is one, else the page's own "nothing here" text. */
export function TableEmpty({ error, text }: { error: unknown; text: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        error ? (
          <Typography.Text type="danger">
            {t('error.loadFailedWith', { message: typeof error === 'string' ? error : errorMessage(error) })}
          </Typography.Text>
        ) : (
          text
        )
      }
    />
  );
}

export function useTableRequest<T, P>(
  load: (params: P & TableParams) => Promise<{ items: T[]; total: number }>,
  emptyText: ReactNode,
) {
  const [error, setError] = useState<string | null>(null);
  const request = async (params: P & TableParams) => {
    setError(null);
    try {
      const page = await load(params);
      return { data: page.items, total: page.total, success: true };
    } catch (e) {
      setError(errorMessage(e));
      return { data: [] as T[], total: 0, success: false };
    }
  };
  return { request, locale: { emptyText: <TableEmpty error={error} text={emptyText} /> }, error };
}
