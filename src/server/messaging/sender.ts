/**
 * Outbound text messages (phone verification codes, offers, reminders) through one pluggable sender. The default
 * `log` sender writes them to the server log and keeps the last ones in memory (what tests and a demo read);
 * an SMS provider plugs in by implementing `MessageSender` and naming it in MESSAGE_SENDER.
 */
export interface OutboundMessage {
  phone: string;
  text: string;
  at: Date;
}

export interface MessageSender {
  send(phone: string, text: string): Promise<void>;
}

export class LogSender implements MessageSender {
  readonly sent: OutboundMessage[] = [];
  constructor(private readonly log: (line: string) => void = (l) => console.log(l)) {}
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text, at: new Date() });
    if (this.sent.length > 1000) this.sent.shift();
    this.log(`[sms → ${phone.slice(0, 3)}****${phone.slice(-4)}] ${text}`);
  }
  lastTo(phone: string): OutboundMessage | undefined {
    return [...this.sent].reverse().find((m) => m.phone === phone);
  }
}

export function createSender(kind: string, log?: (line: string) => void): MessageSender {
  if (kind === 'log') return new LogSender(log);
  throw new Error(`unknown MESSAGE_SENDER "${kind}" (available: log)`);
}
