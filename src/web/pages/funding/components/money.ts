/** Money on screen: 分 from the server shown as yuan text, yuan typed by people parsed to 分 without floats. */
import { formatFen, parseYuanToFen } from '../../../../domain/funding/money';

export { parseYuanToFen };

/** 123450 → "1,234.50" */
export function yuan(fen: number): string {
  const [int = '0', dec = '00'] = formatFen(fen).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}
