/** The lifecycle buttons a class allows this person, straight from its `abilities`. */
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLASS_ACTIONS } from '../../../../domain/classes/lifecycle';
import type { ClassAbilities } from '../../../app/api/types';
import type { ClassStep } from './TransitionModal';

const PRIMARY: readonly ClassStep[] = ['submit', 'approve', 'open', 'start'];

export function LifecycleActions({
  abilities,
  onStep,
  only,
  size,
  blocked,
}: {
  abilities: ClassAbilities;
  onStep: (s: ClassStep) => void;
  /** Limit to these steps (the approval queue shows approve/return only). */
  only?: readonly ClassStep[];
  size?: 'small' | 'middle';
  /** Steps the server would refuse now, with the reason shown on the disabled button (e.g. approve, issue 12). */
  blocked?: Partial<Record<ClassStep, string | null>>;
}) {
  const { t } = useTranslation();
  const steps: ClassStep[] = [...CLASS_ACTIONS, 'comment'];
  const allowed = steps.filter((s) => abilities[s] && (!only || only.includes(s)));
  if (allowed.length === 0) return null;
  return (
    <Space wrap size={8}>
      {allowed.map((s) => {
        const reason = blocked?.[s] ?? null;
        const button = (
          <Button
            key={s}
            size={size}
            type={PRIMARY.includes(s) ? 'primary' : 'default'}
            danger={s === 'return'}
            disabled={reason !== null}
            onClick={() => onStep(s)}
            data-testid={`class-${s}`}
          >
            {t(`classes.step.${s}.button`)}
          </Button>
        );
        return reason === null ? (
          button
        ) : (
          <Tooltip key={s} title={t('classDocs.approveDisabled', { reasons: reason })}>
            <span data-testid={`class-${s}-blocked`}>{button}</span>
          </Tooltip>
        );
      })}
    </Space>
  );
}
