/** Words of the satisfaction survey screens (their own table, like the needs survey's). */
import { fill, type Params, useLang } from '../../../shared/lang';

const zh = {
  title: '满意度调查',
  listTitle: '满意度调查',
  intro:
    '「{className}」{when}。请花 1 分钟告诉我们：孩子开心吗？您放心吗？答卷不记名，托管班只能看到 5 份以上答卷的汇总。',
  whenFinal: '已结束',
  whenMid: '已过半',
  child: '孩子：{name}',
  overall: '总体满意度',
  items: '分项打分',
  safety: '安全',
  care: '照护',
  activities: '活动',
  meals: '餐食',
  communication: '沟通',
  scale: '1 分很不满意，5 分很满意',
  happy: '孩子开心吗？',
  happy2: '开心',
  happy1: '一般',
  happy0: '不开心',
  comment: '想对托管班说的话',
  commentHint: '选填，500 字以内；请不要写孩子或他人的姓名',
  submit: '提交',
  missing: '还有 {n} 项没有选，请补全后提交',
  thanksTitle: '感谢您的反馈！',
  thanksBody: '您的答卷已提交。工会会据此改进托管服务。',
  answered: '这份问卷已于 {at} 提交，每个报名只能提交一次。',
  waiting: '待填写',
  done: '已提交',
  none: '暂时没有需要填写的满意度调查',
  homeCard: '您有 {n} 份满意度调查待填写',
  homeOpen: '去填写',
  backHome: '返回首页',
  notFound: '找不到这份问卷',
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Satisfaction survey',
  listTitle: 'Satisfaction surveys',
  intro:
    '"{className}" {when}. One minute, please: was your child happy, were you at ease? Answers carry no name; the class sees only totals of 5 answers or more.',
  whenFinal: 'has ended',
  whenMid: 'is half-way through',
  child: 'Child: {name}',
  overall: 'Overall satisfaction',
  items: 'Each part',
  safety: 'Safety',
  care: 'Care',
  activities: 'Activities',
  meals: 'Meals',
  communication: 'Communication',
  scale: '1 very unsatisfied, 5 very satisfied',
  happy: 'Was your child happy?',
  happy2: 'Happy',
  happy1: 'So-so',
  happy0: 'Not happy',
  comment: 'Anything you want to tell the class',
  commentHint: 'Optional, up to 500 characters; please name no child or other person',
  submit: 'Submit',
  missing: '{n} question(s) not answered yet',
  thanksTitle: 'Thank you!',
  thanksBody: 'Your answer is in. The union uses it to improve the care.',
  answered: 'This survey was answered on {at}; one answer per enrolment.',
  waiting: 'To answer',
  done: 'Answered',
  none: 'No satisfaction survey to answer',
  homeCard: '{n} satisfaction survey(s) waiting for you',
  homeOpen: 'Answer',
  backHome: 'Back to home',
  notFound: 'Survey not found',
};

export function useSatisfactionT() {
  const { lang } = useLang();
  return { lang, t: (k: Key, p?: Params) => fill((lang === 'en' ? en : zh)[k], p) };
}
