import { describe, expect, it } from 'vitest';
import { activityText, floorText, listPathOf, venuePlace } from './careText';

describe('care phrases never say a thing twice', () => {
  it('a ground-floor venue on floor 1 reads 地面一层, an upper floor with its number', () => {
    expect(venuePlace('ground', '地面一层', '1', 'zh')).toBe('地面一层');
    expect(venuePlace('ground', '地面一层', null, 'zh')).toBe('地面一层');
    expect(venuePlace('upper', '地上楼层', '3', 'zh')).toBe('地上楼层 · 3 层');
    expect(venuePlace('upper', 'Upper floor', '3', 'en')).toBe('Upper floor · floor 3');
    expect(floorText('二层东侧', 'zh')).toBe('二层东侧');
  });
  it('an activity titled as its kind is named once', () => {
    expect(activityText('作业辅导', '作业辅导')).toBe('作业辅导');
    expect(activityText('体育', '跳绳比赛')).toBe('体育 · 跳绳比赛');
    expect(activityText('阅读', null)).toBe('阅读');
  });
  it('a missing record leads back to its list', () => {
    expect(listPathOf('/classes/12')).toBe('/classes');
    expect(listPathOf('/reports/5/compare')).toBe('/reports');
    expect(listPathOf('/settings')).toBeNull();
  });
});
