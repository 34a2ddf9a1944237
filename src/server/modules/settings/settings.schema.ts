/** Shape of the platform settings, shared with the web client. */
import { z } from 'zod';

export const settingsSchema = z.object({
  /** 市总 may require two-factor sign-in for every administrator role. */
  requireTotpForAdmins: z.boolean(),
  /**
   * Hosts notification webhooks may point at besides the robots' own (企业微信 qyapi.weixin.qq.com, 钉钉
   * oapi.dingtalk.com), e.g. a government messenger's robot host. Never a private address: checked at every send.
   */
  webhookHosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'i18n:hostname' }),
    )
    .max(20),
  /**
   * How many years the evidence about a family that asked for deletion (attendance, signed agreements, money,
   * incidents) is kept after the request is processed, before the purge job anonymises it (PIPL art. 47).
   */
  privacyRetentionYears: z.number().int().min(1).max(30),
});
export type Settings = z.infer<typeof settingsSchema>;
