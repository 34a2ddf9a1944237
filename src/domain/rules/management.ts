// Rules and responsibilities on paper (P-S 明确风险防控措施和责任, P-R6 建立健全各项规章制度, P-R7 谁管理谁负责):
// every class holds the written documents its campaign lists (by default a safety management system, an emergency
// plan naming who answers for each risk, and a duty roster) before it is approved.

import {
  DEFAULT_MANAGEMENT_DOCUMENTS,
  type Campaign,
  type ManagementDocument,
  MANAGEMENT_DOCUMENTS,
} from '../campaign/schema.js';
import { result } from './helpers.js';
import type { Localized, Rule, RuleResult } from './types.js';

/** The documents' names, as the rules, the console and the templates call them. */
export const DOCUMENT_NAMES: Record<ManagementDocument, Localized> = {
  safety: { zh: '安全管理制度', en: 'safety management system' },
  emergency: { zh: '应急预案（明确各项风险的责任人）', en: 'emergency plan naming who is responsible for each risk' },
  duty: { zh: '值班表', en: 'duty roster' },
  hygiene: { zh: '卫生消毒制度', en: 'hygiene and disinfection rules' },
  pickup: { zh: '接送交接制度', en: 'drop-off and pick-up handover rules' },
};

/** The campaign's list; campaigns stored before the parameter existed read as the template's. */
export function requiredDocuments(c: Campaign): readonly ManagementDocument[] {
  const listed = (c as Partial<Campaign>).management?.documents ?? DEFAULT_MANAGEMENT_DOCUMENTS;
  // Keep the vocabulary's order so messages read the same whatever order the campaign lists them in.
  return MANAGEMENT_DOCUMENTS.filter((d) => listed.includes(d));
}

const names = (ds: readonly ManagementDocument[]): Localized => ({
  zh: ds.map((d) => DOCUMENT_NAMES[d].zh).join('、'),
  en: ds.map((d) => DOCUMENT_NAMES[d].en).join(', '),
});

export const documentsRule: Rule = {
  id: 'management.documents',
  policyRefs: ['P-S', 'P-R6', 'P-R7'],
  describe(c) {
    const required = requiredDocuments(c);
    if (required.length === 0)
      return { zh: '本项目不要求托管班提交书面管理制度。', en: 'This campaign asks for no written rules.' };
    const n = names(required);
    return {
      zh: `托管班审批前须备齐书面材料：${n.zh}。`,
      en: `Before approval a class must hold on paper: ${n.en}.`,
    };
  },
  evaluate(s, c): RuleResult {
    const required = requiredDocuments(c);
    if (required.length === 0)
      return result(
        documentsRule,
        'pass',
        { zh: '本项目不要求托管班提交书面管理制度。', en: 'This campaign asks for no written rules.' },
        { required: [] },
      );
    if (s.documents === undefined) {
      const n = names(required);
      return result(
        documentsRule,
        'unknown',
        { zh: `尚未登记书面材料：${n.zh}。`, en: `Not recorded: ${n.en}.` },
        { required, held: null },
        { zh: `上传或按模板编写：${n.zh}。`, en: `Upload, or write from the template: ${n.en}.` },
      );
    }
    const held = new Set(s.documents);
    const missing = required.filter((d) => !held.has(d));
    const facts = { required, held: required.filter((d) => held.has(d)), missing };
    if (missing.length > 0) {
      const n = names(missing);
      return result(
        documentsRule,
        'fail',
        {
          zh: `缺少书面材料：${n.zh}（共需 ${required.length} 项，缺 ${missing.length} 项）。`,
          en: `Missing on paper: ${n.en} (${missing.length} of ${required.length}).`,
        },
        facts,
        {
          zh: `在托管班页面上传或按模板编写：${n.zh}。`,
          en: `On the class page, upload or write from the template: ${n.en}.`,
        },
      );
    }
    const n = names(required);
    return result(
      documentsRule,
      'pass',
      { zh: `书面材料齐全：${n.zh}。`, en: `All written rules are on file: ${n.en}.` },
      facts,
    );
  },
};
