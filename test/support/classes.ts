/**
 * Classes that can be approved legitimately (issue 12): a venue whose checklist is fully answered, with fire-safety
 * evidence on file and confirmed by the district; the written rules the campaign lists (安全管理制度, 应急预案, 值班表)
 * uploaded on the class. Everything goes through the API, as a unit and its district would do it.
 */
import type { Agent } from './app.js';

export const GOOD_CHECKLIST = {
  independent: true,
  nearHazard: false,
  ventilationLighting: true,
  fireSafety: true,
  surveillance: true,
};

/** The smallest bytes the upload check accepts as a PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A multipart body with plain fields and one file. */
export function multipartBody(fields: Record<string, string>, file: Buffer, filename: string) {
  const boundary = `----tuoguan${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function uploadTo(agent: Agent, url: string, fields: Record<string, string>, filename = '证明.pdf') {
  const { body, contentType } = multipartBody(fields, PDF_BYTES, filename);
  const r = await agent.request('POST', url, body, { 'content-type': contentType });
  return r;
}

/** A venue of `unitId` with every checklist item met and a fire certificate; confirmed when `confirmWith` is given. */
export async function buildReadyVenue(
  unitAdmin: Agent,
  unitId: number,
  o: { confirmWith?: Agent; fireCertificate?: boolean; name?: string } = {},
): Promise<{ id: number; version: number }> {
  const r = await unitAdmin.post('/api/venues', {
    orgId: unitId,
    name: o.name ?? `职工之家活动室${Math.random().toString(36).slice(2, 6)}`,
    address: '人民路 1 号',
    location: 'ground',
    buildingUse: 'office',
    checklist: { ...GOOD_CHECKLIST, notes: {}, evidence: {} },
  });
  if (r.statusCode !== 201) throw new Error(`venue: ${r.body}`);
  let v = r.json() as { id: number; version: number };
  if (o.fireCertificate !== false) {
    const f = await uploadTo(unitAdmin, `/api/venues/${v.id}/files`, { purpose: 'fire_certificate' }, '消防验收.pdf');
    if (f.statusCode !== 201) throw new Error(`fire certificate: ${f.body}`);
    v = (await unitAdmin.get(`/api/venues/${v.id}`)).json();
  }
  if (o.confirmWith) {
    const c = await o.confirmWith.post(`/api/venues/${v.id}/confirm-checklist`, { version: v.version });
    if (c.statusCode !== 200) throw new Error(`confirm: ${c.body}`);
    v = c.json();
  }
  return v;
}

/** Uploads one file of each written rule. */
export async function addDocuments(
  unitAdmin: Agent,
  classId: number,
  kinds: readonly string[] = ['safety', 'emergency', 'duty'],
) {
  for (const kind of kinds) {
    const r = await uploadTo(unitAdmin, `/api/classes/${classId}/documents`, { kind }, `${kind}.pdf`);
    if (r.statusCode !== 201) throw new Error(`document ${kind}: ${r.body}`);
  }
}

/**
 * A submitted class that the district can approve: a confirmed venue with fire evidence, and the written rules on
 * file. `fields` go to POST /api/classes (campaignId and orgId are required there).
 */
export async function buildApprovableClass(
  o: { unitAdmin: Agent; district: Agent; unitId: number },
  fields: Record<string, unknown>,
): Promise<{ id: number; version: number; status: string; venueId: number }> {
  const venue = await buildReadyVenue(o.unitAdmin, o.unitId, { confirmWith: o.district });
  const c = await o.unitAdmin.post('/api/classes', { orgId: o.unitId, ...fields, venueId: venue.id });
  if (c.statusCode !== 201) throw new Error(`class: ${c.body}`);
  const id = (c.json() as { id: number }).id;
  await addDocuments(o.unitAdmin, id);
  const s = await o.unitAdmin.post(`/api/classes/${id}/transition`, { action: 'submit' });
  if (s.statusCode !== 200) throw new Error(`submit: ${s.body}`);
  return s.json();
}
