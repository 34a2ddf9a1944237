/**
 * A class as lists name it: its own name, with its unit in brackets when the name does not already say it
 * (classes are usually named after their unit: 示例市供电公司2026年暑期职工子女爱心托管班).
 */
export function classLabel(className: string, unitName: string, extra?: string): string {
  const parts = [...(className.includes(unitName) ? [] : [unitName]), ...(extra ? [extra] : [])];
  return parts.length ? `${className}（${parts.join(' · ')}）` : className;
}
