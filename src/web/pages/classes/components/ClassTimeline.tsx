/** The class's history: every lifecycle step and comment, who and when, with the written reasons. */
import { Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassStatus } from '../../../../domain/classes/lifecycle';
import type { ClassDetail } from '../../../app/api/types';
import { CLASS_STATUS_COLORS, classStatusLabel } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { formatChina } from '../../../app/chinaTime';

const DOT: Partial<Record<ClassStatus, string>> = { returned: 'red', approved: 'green', submitted: 'blue' };

export function ClassTimeline({ timeline }: { timeline: ClassDetail['timeline'] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (timeline.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.noTimeline')} />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      data-testid="class-timeline"
      items={timeline.map((e, i) => {
        const to = e.toStatus as ClassStatus;
        const isComment = e.fromStatus === e.toStatus;
        return {
          key: `${e.at}-${i}`,
          color: isComment ? 'gray' : (DOT[to] ?? 'blue'),
          children: (
            <div data-testid="timeline-entry" data-to={e.toStatus} data-comment={isComment ? 'true' : 'false'}>
              <div>
                {isComment ? (
                  <Typography.Text strong>{t('classes.commented')}</Typography.Text>
                ) : (
                  <>
                    <Tag>{classStatusLabel(e.fromStatus as ClassStatus, lang)}</Tag>→{' '}
                    <Tag color={CLASS_STATUS_COLORS[to]}>{classStatusLabel(to, lang)}</Tag>
                  </>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.actorName ?? t('audit.system')} · {formatChina(e.at, 'YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </div>
              {e.comment && (
                <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {e.comment}
                </Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
