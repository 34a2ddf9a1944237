/** The campaign the selection pages work on: `?campaign=` or else the newest active one. */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { campaignsKey, listCampaigns } from '../campaigns/api';

export function useSelectionCampaign() {
  const [params] = useSearchParams();
  const q = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const asked = Number(params.get('campaign'));
  const list = q.data ?? [];
  const campaign = list.find((c) => c.id === asked) ?? list.find((c) => c.status === 'active') ?? list[0];
  return { campaign, campaigns: list, loading: q.isLoading };
}
