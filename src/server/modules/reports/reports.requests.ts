/**
 * 临时报送: the city or a district / industry union issues an ad-hoc request to its subtree, with its own due date,
 * headings and figure keys; the organisations that will owe it are told.
 */
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { reportRequests } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { notify } from '../notifications/notify.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { reportingWorld } from './reports.expected.js';
import { unknownFigureKeys } from './reports.figures.js';
import { reportPolicy } from './reports.policy.js';
import type { CreateRequestInput } from './reports.schema.js';
import { editorRolesOf } from './reports.service.js';

export async function createRequest(db: Db, ctx: RequestContext, actor: Actor, input: CreateRequestInput) {
  const campaign = await loadCampaign(db, actor, input.campaignId);
  const issuer = await findVisibleOrg(db, actor, input.orgId);
  const visible = !!issuer && issuer.path.startsWith(campaign.orgPath);
  authorize(visible && !!issuer && reportPolicy.issueRequest(actor, issuer), visible);
  if (!issuer) throw notFound();
  const unknown = unknownFigureKeys(input.figureKeys);
  if (unknown.length > 0) {
    throw invalid(
      `figureKeys: 未定义的指标 ${unknown.join('、')}`,
      `figureKeys: unknown figures ${unknown.join(', ')}`,
      'body.figureKeys',
    );
  }
  const headings = [...new Set(input.headings)];
  // Those who will owe it: the expected reporters below the issuer (read before the request exists).
  const world = await reportingWorld(db, campaign.id, null, ctx.now);
  const owing = (world?.reporters ?? []).filter((o) => o.path.startsWith(issuer.path) && o.path !== issuer.path);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reportRequests)
      .values({
        campaignId: campaign.id,
        orgId: issuer.id,
        title: input.title,
        dueDate: input.dueDate,
        headings,
        figureKeys: [...new Set(input.figureKeys)],
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'reportRequest.create',
      entity: 'report_request',
      entityId: row.id,
      orgPath: issuer.path,
      after: row,
    });
    if (owing.length > 0) {
      await notify(
        tx,
        ctx.now,
        { orgs: owing.map((o) => ({ orgId: o.id, roles: editorRolesOf(o.kind) })) },
        {
          kind: 'report.requested',
          title: `临时报送：${row.title}`,
          body: `${issuer.name}请于 ${row.dueDate} 前报送「${row.title}」。`,
          link: '/reports',
          data: { campaignId: campaign.id, requestId: row.id },
        },
        'reportRequest.create',
      );
    }
    return { ...row, orgName: issuer.name };
  });
}
