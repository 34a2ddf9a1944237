/** Calls of /api/news and their types, from the server's zod schemas. */
import type { z } from 'zod';
import type { newsBody, newsDetail, newsListResponse } from '../../../server/modules/public/news.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type NewsList = Wire<z.infer<typeof newsListResponse>>;
export type NewsSummary = NewsList['items'][number];
export type NewsDetail = Wire<z.infer<typeof newsDetail>>;
export type NewsInput = z.input<typeof newsBody>;

export const listNews = (status?: string) => api.get<NewsList>('/api/news', status ? { status } : {});
export const getNews = (id: number) => api.get<NewsDetail>(`/api/news/${id}`);
export const createNews = (body: NewsInput) => api.post<NewsDetail>('/api/news', body);
export const updateNews = (id: number, body: Partial<NewsInput> & { version: number }) =>
  api.patch<NewsDetail>(`/api/news/${id}`, body);
export const stepNews = (id: number, step: 'submit' | 'publish', version: number) =>
  api.post<NewsDetail>(`/api/news/${id}/${step}`, { version });
export const decideNews = (id: number, step: 'return' | 'withdraw', version: number, reason: string) =>
  api.post<NewsDetail>(`/api/news/${id}/${step}`, { version, reason });
