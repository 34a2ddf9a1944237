/**
 * Loads the demo's programme (world.ts) inside the demo loader's transaction: campaign, classes with venue,
 * caterer, roster and lifecycle, families and children, enrolment with agreements and insurance, attendance events
 * with their projected days (the same projection the door uses), daily records, timetable slots and one closed
 * incident; then evaluates each class's rules once so the rules panels are filled. Multi-row inserts throughout.
 * `loadProgramme` is the part that takes any number of classes into an existing campaign (city-year.ts uses it too).
 */
import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { type DayEvent, projectDay } from '../../domain/attendance/projection.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import {
  activitySessions,
  agreementSignatures,
  agreementTexts,
  campaigns,
  careClasses,
  children,
  classEnrolment,
  classStaff,
  classTransitions,
  classUnits,
  consents,
  counterparties,
  dailyRecords,
  enrolments,
  families,
  guardians,
  incidentAddenda,
  incidents,
  insuranceProofs,
  pickupAdults,
  settings,
  venues,
} from '../db/schema.js';
import { eventSummary } from '../../domain/attendance/projection.js';
import { evaluateAndStore } from '../modules/compliance/compliance.service.js';
import { PRIVACY_NOTICE } from '../modules/families/families.schema.js';
import { AGREEMENT_TEMPLATE } from '../../domain/enrolment/agreement.js';
import { signableAgreement } from '../modules/enrolments/signing.service.js';
import type { FileStore } from '../storage/fileStore.js';
import { loadEvidence } from './load-evidence.js';
import { type ClassKey, DEMO_CALENDAR_2027, type DemoProgramme, type DemoWorld } from './world.js';
import { calendarKey } from '../modules/calendar/calendar.repo.js';

// The unit publishes the default agreement; each family signs it filled with its class's facts (signing.service).
const AGREEMENT_BODY = AGREEMENT_TEMPLATE;

export interface WorldCounts {
  rows: number;
  classes: number;
  children: number;
  attendanceEvents: number;
  attendanceDays: number;
}

export async function loadWorld(
  tx: Db,
  ctx: RequestContext,
  w: DemoWorld,
  refs: {
    rootId: number;
    orgId: (key: string) => number;
    userId: (username: string) => number;
    name: (username: string) => string;
  },
  /** Where the demo's evidence files go (the product's file store); without one the papers are left out. */
  store?: FileStore,
): Promise<WorldCounts> {
  const now = ctx.now;
  const [camp] = await tx
    .insert(campaigns)
    .values({
      orgId: refs.rootId,
      name: w.campaign.name,
      year: w.campaign.year,
      holidayType: w.campaign.params.holidayType,
      status: 'active',
      params: w.campaign.params,
      createdBy: refs.userId('city'),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: campaigns.id });
  if (!camp) throw new Error('demo campaign not inserted');
  // The 2027 holiday schedule, as the city administrator would enter it on the calendar page (illustrative); before
  // the rules are evaluated, since the classes' working days count with it.
  await tx
    .insert(settings)
    .values({ key: calendarKey(2027), value: { ...DEMO_CALENDAR_2027 }, updatedAt: now })
    .onConflictDoNothing();
  const inc = w.incident;
  const counts = await loadProgramme(
    tx,
    ctx,
    camp.id,
    {
      ...w,
      incidents: inc
        ? [
            {
              classKey: 'running',
              kind: 'injury',
              severity: 'minor',
              peopleInvolved: '安全员 孙建国',
              ...inc,
            },
          ]
        : [],
    },
    refs,
    store,
  );
  return { ...counts, rows: counts.rows + 2 };
}

/** Loads classes, families, doors, ledgers and incidents into campaign `campaignId`; evaluates each class's rules. */
export async function loadProgramme(
  tx: Db,
  ctx: RequestContext,
  campaignId: number,
  w: DemoProgramme,
  refs: {
    orgId: (key: string) => number;
    userId: (username: string) => number;
    name: (username: string) => string;
  },
  store?: FileStore,
  generic = false,
): Promise<WorldCounts> {
  let rows = 0;
  const now = ctx.now;
  const d = (iso: string) => new Date(iso);
  const classByKey = new Map(w.classes.map((c) => [c.key, c]));
  const unitAdminOf = (key: ClassKey | undefined) => (key && classByKey.get(key)?.unitAdmin) || 'unit';

  // Venues and caterers, then the classes that use them.
  const venueRows = await tx
    .insert(venues)
    .values(
      w.classes.map((c) => ({
        orgId: refs.orgId(c.orgKey),
        name: c.venue.name,
        address: c.venue.address,
        location: 'ground',
        floor: c.venue.floor,
        buildingUse: 'office',
        areaM2: c.venue.areaM2,
        capacity: c.venue.capacity,
        checklist: {
          independent: true,
          nearHazard: false,
          ventilationLighting: true,
          fireSafety: true,
          surveillance: true,
        },
        // Confirmed by the district: a unit may not vouch for its own checklist (venuePolicy.confirmChecklist).
        checklistConfirmedBy: refs.userId(c.confirmer ?? 'district'),
        checklistConfirmedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: venues.id });
  rows += venueRows.length;
  const classId = new Map<ClassKey, number>();
  const placesTaken = new Map<ClassKey, number>();
  for (const k of w.families.flatMap((f) => f.children)) {
    if (k.enrolment) placesTaken.set(k.enrolment.classKey, (placesTaken.get(k.enrolment.classKey) ?? 0) + 1);
  }
  for (const [i, c] of w.classes.entries()) {
    let catererId: number | null = null;
    if (c.caterer) {
      const [cp] = await tx
        .insert(counterparties)
        .values({
          orgId: refs.orgId(c.orgKey),
          kind: 'caterer',
          ...c.caterer,
          contactName: '钱经理',
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: counterparties.id });
      catererId = cp?.id ?? null;
      rows++;
    }
    const [row] = await tx
      .insert(careClasses)
      .values({
        campaignId,
        orgId: refs.orgId(c.orgKey),
        name: c.name,
        mode: 'standalone',
        management: 'union',
        startDate: c.startDate,
        endDate: c.endDate,
        dailyStart: '08:00',
        dailyEnd: '17:30',
        capacity: c.capacity,
        gradesOffered: c.gradesOffered,
        meals: c.meals,
        venueId: venueRows[i]?.id ?? null,
        catererId,
        activityPlan: c.activityPlan,
        publicDescription: c.publicDescription,
        status: c.status,
        createdBy: refs.userId(c.transitions[0]?.by ?? unitAdminOf(c.key)),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: careClasses.id });
    if (!row) throw new Error('demo class not inserted');
    classId.set(c.key, row.id);
    await tx.insert(classUnits).values({ classId: row.id, orgId: refs.orgId(c.orgKey), isOwner: true });
    if (c.transitions.length)
      await tx.insert(classTransitions).values(
        c.transitions.map((t) => ({
          classId: row.id,
          fromStatus: t.from,
          toStatus: t.to,
          actorId: refs.userId(t.by),
          actorName: refs.name(t.by),
          comment: t.comment,
          at: d(t.at),
        })),
      );
    await tx.insert(classStaff).values(
      c.staff.map((s) => ({
        classId: row.id,
        userId: s.username ? refs.userId(s.username) : null,
        name: s.name,
        role: s.role,
        phone: s.phone,
        qualification: s.qualification,
        healthCertDate: c.startDate,
        backgroundChecked: true,
        backgroundCheckDate: c.startDate,
        createdAt: now,
      })),
    );
    rows += 2 + c.transitions.length + c.staff.length;
    if (c.enrolment) {
      const taken = placesTaken.get(c.key) ?? 0;
      await tx.insert(classEnrolment).values({
        classId: row.id,
        allocation: 'fcfs',
        windowOpensAt: d(c.enrolment.windowOpensAt),
        windowClosesAt: d(c.enrolment.windowClosesAt),
        openToAll: c.enrolment.openToAll,
        placesTaken: taken,
      });
      rows++;
    }
  }

  // The custody agreement of each class's unit.
  const agreementOf = new Map<number, { id: number; sha: string }>();
  const publishers = new Map(
    w.classes
      .filter((c) => !['draft', 'submitted', 'returned'].includes(c.status))
      .map((c) => [refs.orgId(c.orgKey), c.unitAdmin ?? 'unit']),
  );
  // A unit that published its text for an earlier programme's class keeps it.
  const published = publishers.size
    ? await tx
        .select({ id: agreementTexts.id, orgId: agreementTexts.orgId, sha: agreementTexts.sha256 })
        .from(agreementTexts)
        .where(inArray(agreementTexts.orgId, [...publishers.keys()]))
    : [];
  for (const p of published) agreementOf.set(p.orgId, { id: p.id, sha: p.sha });
  for (const [orgId, publisher] of publishers) {
    if (agreementOf.has(orgId)) continue;
    const sha = createHash('sha256').update(AGREEMENT_BODY).digest('hex');
    const [a] = await tx
      .insert(agreementTexts)
      .values({
        orgId,
        version: 1,
        title: '职工子女爱心托管服务协议',
        body: AGREEMENT_BODY,
        sha256: sha,
        publishedBy: refs.userId(publisher),
        publishedAt: now,
      })
      .returning({ id: agreementTexts.id });
    if (a) agreementOf.set(orgId, { id: a.id, sha });
    rows++;
  }

  // Families, guardians (verified by the unit), consents, children and the adults who may (not) pick them up.
  const famRows = await tx
    .insert(families)
    .values(w.families.map(() => ({ createdAt: now })))
    .returning({ id: families.id });
  const famId = (i: number) => {
    const f = famRows[i];
    if (!f) throw new Error('demo family not inserted');
    return f.id;
  };
  await tx.insert(guardians).values(
    w.families.map((f, i) => ({
      userId: refs.userId(f.guardian),
      familyId: famId(i),
      employerOrgId: refs.orgId(f.employerKey),
      status: 'verified',
      verifiedBy: refs.userId(f.verifier ?? 'unit'),
      verifiedAt: now,
      priorityFlags: f.priorityFlags,
      createdAt: now,
    })),
  );
  const kidsIn = w.families.flatMap((f, i) => f.children.map((c) => ({ c, familyId: famId(i), guardian: f.guardian })));
  const childRows = await tx
    .insert(children)
    .values(
      kidsIn.map(({ c, familyId }) => ({
        familyId,
        name: c.name,
        gender: c.gender,
        birthDate: c.birthDate,
        school: c.school,
        grade: c.grade,
        selfCare: c.selfCare,
        allergies: c.allergies,
        healthNotes: c.healthNotes,
        emergencyContacts: c.emergencyContacts,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: children.id, familyId: children.familyId, name: children.name });
  const childIdOf = new Map<number, number>();
  const childRowOf = new Map(childRows.map((x) => [`${x.familyId}|${x.name}`, x]));
  const kidOf = new Map(kidsIn.map((k) => [k.c.no, k]));
  for (const { c, familyId } of kidsIn) {
    const r = childRowOf.get(`${familyId}|${c.name}`);
    if (!r) throw new Error(`demo child ${c.name} not inserted`);
    childIdOf.set(c.no, r.id);
  }
  const cid = (no: number) => childIdOf.get(no) ?? 0;
  const consentRows = [
    ...w.families.map((f, i) => ({
      familyId: famId(i),
      childId: null as number | null,
      kind: 'privacy',
      by: f.guardian,
    })),
    ...kidsIn.flatMap(({ c, familyId, guardian }) => [
      { familyId, childId: cid(c.no), kind: 'privacy', by: guardian },
      ...(c.healthConsent ? [{ familyId, childId: cid(c.no), kind: 'health', by: guardian }] : []),
    ]),
  ];
  await tx.insert(consents).values(
    consentRows.map((r) => ({
      familyId: r.familyId,
      childId: r.childId,
      kind: r.kind,
      noticeVersion: PRIVACY_NOTICE.version,
      grantedBy: refs.userId(r.by),
      grantedAt: now,
    })),
  );
  const adultRows = await tx
    .insert(pickupAdults)
    .values(
      kidsIn.flatMap(({ c }) =>
        c.pickup.map((p) => ({
          childId: cid(c.no),
          name: p.name,
          relation: p.relation,
          phone: p.phone,
          allowed: p.allowed,
          createdAt: now,
        })),
      ),
    )
    .returning({ id: pickupAdults.id, childId: pickupAdults.childId, name: pickupAdults.name });
  const adultIdOf = new Map(adultRows.map((a) => [`${a.childId}|${a.name}`, a.id]));
  const adultOf = (no: number, index: number) => {
    const p = kidOf.get(no)?.c.pickup[index];
    return adultIdOf.get(`${cid(no)}|${p?.name}`) ?? null;
  };
  rows += famRows.length * 2 + childRows.length + consentRows.length + adultRows.length;

  // Enrolments (accepted), signatures and insurance proofs.
  const enrolled = kidsIn.filter((k) => k.c.enrolment);
  const enrolRows = await tx
    .insert(enrolments)
    .values(
      enrolled.map(({ c, familyId, guardian }) => ({
        classId: classId.get(c.enrolment?.classKey ?? 'running') ?? 0,
        childId: cid(c.no),
        familyId,
        appliedBy: refs.userId(guardian),
        status: 'accepted',
        appliedAt: d(c.enrolment?.appliedAt ?? ''),
        offeredAt: d(c.enrolment?.appliedAt ?? ''),
        acceptedAt: d(c.enrolment?.acceptedAt ?? ''),
      })),
    )
    .returning({ id: enrolments.id, childId: enrolments.childId, classId: enrolments.classId });
  const classOrg = new Map(w.classes.map((c) => [classId.get(c.key), refs.orgId(c.orgKey)]));
  const sigs = [];
  const proofs = [];
  // The exact text each class's families sign: the unit's published text filled with the class's facts.
  const signable = new Map<number, Awaited<ReturnType<typeof signableAgreement>>>();
  const enrolRowOf = new Map(enrolRows.map((r) => [r.childId, r]));
  for (const { c, guardian } of enrolled) {
    const e = enrolRowOf.get(cid(c.no));
    const en = c.enrolment;
    if (!e || !en) continue;
    const text = agreementOf.get(classOrg.get(e.classId) ?? 0);
    const signedAt = d(en.acceptedAt);
    if (!signable.has(e.classId))
      signable.set(e.classId, await signableAgreement(tx, e.classId, classOrg.get(e.classId) ?? 0));
    const filled = signable.get(e.classId);
    if (en.agreementSigned && text && filled)
      sigs.push({
        enrolmentId: e.id,
        agreementTextId: text.id,
        signerUserId: refs.userId(guardian),
        typedName: refs.name(guardian),
        textSha256: filled.sha256,
        body: filled.body,
        // Signed with a code sent to the guardian's phone, as the parent app asks.
        phoneVerifiedAt: signedAt,
        signedAt,
      });
    if (en.insurance !== 'missing') {
      const cls = classByKey.get(en.classKey);
      proofs.push({
        enrolmentId: e.id,
        insurer: c.no % 2 ? '中国人寿' : '中国平安',
        policyNo: `DEMO${String(100000 + c.no * 37)}`,
        periodStart: cls?.startDate ?? '',
        periodEnd: cls?.endDate ?? '',
        uploadedBy: refs.userId(guardian),
        uploadedAt: signedAt,
        status: en.insurance,
        // Reviewed by the unit's administrator, as enrolmentPolicy.reviewInsurance allows (class staff may not).
        reviewedBy: en.insurance === 'confirmed' ? refs.userId(unitAdminOf(en.classKey)) : null,
        reviewedAt: en.insurance === 'confirmed' ? signedAt : null,
      });
    }
  }
  if (sigs.length) await tx.insert(agreementSignatures).values(sigs);
  if (proofs.length) await tx.insert(insuranceProofs).values(proofs);
  rows += enrolRows.length + sigs.length + proofs.length;

  // Attendance: the events, then each child-day projected from them exactly as the door's writes do. Each class's
  // door is worked by its first staff member with an account.
  const doorOf = new Map(
    w.classes.map((c) => {
      const u = c.staff.find((s) => s.username)?.username ?? 'staff';
      return [c.key, { classId: classId.get(c.key) ?? 0, id: refs.userId(u), name: refs.name(u) }];
    }),
  );
  const door = (key: ClassKey | undefined) => {
    const found = doorOf.get(key ?? 'running');
    if (!found) throw new Error(`demo: no class ${key}`);
    return found;
  };
  // Tens of thousands of rows: each batch goes in as one JSON parameter (as load.ts does with people), and the
  // projection works from the rows as written plus the ids the database gave them.
  type EvRow = DayEvent & { id: number; classId: number; childId: number; day: string; actorId: number };
  const evRows: EvRow[] = [];
  for (let i = 0; i < w.attendance.length; i += 5000) {
    const batch = w.attendance.slice(i, i + 5000).map((e) => {
      const guardian = kidOf.get(e.childNo)?.guardian ?? 'parent';
      const byParent = e.kind === 'absence';
      const at = door(e.classKey);
      return {
        client_id: e.clientId,
        class_id: at.classId,
        child_id: cid(e.childNo),
        day: e.day,
        kind: e.kind,
        occurred_at: e.occurredAt,
        actor_id: byParent ? refs.userId(guardian) : at.id,
        actor_name: byParent ? refs.name(guardian) : at.name,
        device_id: byParent ? null : 'demo-door',
        pickup_adult_id: e.pickupIndex === null ? null : adultOf(e.childNo, e.pickupIndex),
        pickup_method: e.kind === 'check_out' ? 'list' : null,
        reason: e.reason,
        note: e.note,
      };
    });
    const inserted = (await tx.execute(sql`
      INSERT INTO attendance_events (client_id, class_id, child_id, day, kind, occurred_at, received_at, actor_id,
        actor_name, device_id, pickup_adult_id, pickup_method, reason, note)
      SELECT x.client_id, x.class_id, x.child_id, x.day, x.kind, x.occurred_at, x.occurred_at, x.actor_id,
        x.actor_name, x.device_id, x.pickup_adult_id, x.pickup_method, x.reason, x.note
      FROM ROWS FROM (json_to_recordset(${JSON.stringify(batch)}::json) AS (client_id text, class_id int, child_id int,
        day text, kind text, occurred_at timestamptz, actor_id int, actor_name text, device_id text,
        pickup_adult_id int, pickup_method text, reason text, note text)) WITH ORDINALITY AS x
      ORDER BY x.ordinality
      RETURNING id`)) as unknown as { rows: { id: number | string }[] };
    inserted.rows.forEach((r, k) => {
      const e = batch[k];
      if (!e) return;
      evRows.push({
        id: Number(r.id),
        clientId: e.client_id,
        classId: e.class_id,
        childId: e.child_id,
        day: e.day,
        kind: e.kind,
        occurredAt: new Date(e.occurred_at),
        pickupAdultId: e.pickup_adult_id,
        reason: e.reason,
        data: null,
        actorId: e.actor_id,
      });
    });
  }
  const grouped = new Map<string, EvRow[]>();
  for (const e of evRows) {
    const k = `${e.classId}|${e.childId}|${e.day}`;
    const list = grouped.get(k);
    if (list) list.push(e);
    else grouped.set(k, [e]);
  }
  const allergicChild = new Set(kidsIn.filter((k) => k.c.allergies).map((k) => cid(k.c.no)));
  const iso = (t: Date | null) => (t ? t.toISOString() : null);
  const dayRows = [...grouped.values()].map((evs) => {
    const first = evs[0];
    if (!first) throw new Error('demo: an empty attendance day');
    const p = projectDay(evs).state;
    const acked = p.checkInAt && allergicChild.has(first.childId);
    return {
      class_id: first.classId,
      child_id: first.childId,
      day: first.day,
      status: p.status,
      check_in_event_id: p.checkInEventId,
      check_in_at: iso(p.checkInAt),
      check_out_event_id: p.checkOutEventId,
      check_out_at: iso(p.checkOutAt),
      pickup_adult_id: p.pickupAdultId,
      absence_reason: p.absenceReason,
      health_ack_at: acked ? iso(p.checkInAt) : null,
      health_ack_by: acked ? first.actorId : null,
      events: evs.map(eventSummary),
      updated_at: iso(p.checkOutAt ?? p.checkInAt ?? now),
    };
  });
  for (let i = 0; i < dayRows.length; i += 5000)
    await tx.execute(sql`
      INSERT INTO attendance_days (class_id, child_id, day, status, check_in_event_id, check_in_at, check_out_event_id,
        check_out_at, pickup_adult_id, absence_reason, health_ack_at, health_ack_by, events, version, updated_at)
      SELECT x.class_id, x.child_id, x.day, x.status, x.check_in_event_id, x.check_in_at, x.check_out_event_id,
        x.check_out_at, x.pickup_adult_id, x.absence_reason, x.health_ack_at, x.health_ack_by, x.events, 1, x.updated_at
      FROM json_to_recordset(${JSON.stringify(dayRows.slice(i, i + 5000))}::json) AS x(class_id int, child_id int,
        day text, status text, check_in_event_id bigint, check_in_at timestamptz, check_out_event_id bigint,
        check_out_at timestamptz, pickup_adult_id int, absence_reason text, health_ack_at timestamptz,
        health_ack_by int, events jsonb, updated_at timestamptz)`);
  rows += evRows.length + dayRows.length;

  // The ledgers, the ticked timetables and the incidents.
  for (let i = 0; i < w.records.length; i += 1000)
    await tx.insert(dailyRecords).values(
      w.records.slice(i, i + 1000).map((r) => {
        const by = door(r.classKey);
        return {
          classId: by.classId,
          day: r.day,
          kind: r.kind,
          time: r.time,
          data: r.data,
          recordedBy: by.id,
          recordedByName: by.name,
          recordedAt: d(r.at),
        };
      }),
    );
  for (let i = 0; i < w.activities.length; i += 1000)
    await tx.insert(activitySessions).values(
      w.activities.slice(i, i + 1000).map((a) => {
        const by = door(a.classKey);
        return {
          classId: by.classId,
          day: a.day,
          slot: a.slot,
          start: a.start,
          end: a.end,
          kind: a.kind,
          title: a.title,
          doneAt: a.doneAt ? d(a.doneAt) : null,
          doneBy: a.doneAt ? by.id : null,
          doneByName: a.doneAt ? by.name : null,
          note: a.note,
        };
      }),
    );
  rows += w.records.length + w.activities.length;
  for (const inc of w.incidents) {
    const by = door(inc.classKey);
    const cls = classByKey.get(inc.classKey);
    const closed = inc.closedAt !== null;
    const [row] = await tx
      .insert(incidents)
      .values({
        classId: by.classId,
        orgId: refs.orgId(cls?.orgKey ?? 'unit0'),
        kind: inc.kind,
        severity: inc.severity,
        occurredAt: d(inc.occurredAt),
        description: inc.description,
        childIds: [cid(inc.childNo)],
        peopleInvolved: inc.peopleInvolved,
        actionsTaken: inc.actionsTaken,
        guardianNotifiedBy: '电话',
        guardianNotifiedAt: d(inc.guardianNotifiedAt),
        followUp: inc.followUp,
        status: closed ? 'closed' : 'open',
        closedBy: closed ? by.id : null,
        closedAt: inc.closedAt ? d(inc.closedAt) : null,
        reportedBy: by.id,
        reportedByName: by.name,
        createdAt: d(inc.occurredAt),
        version: closed ? 2 : 1,
      })
      .returning({ id: incidents.id });
    if (!row) continue;
    await tx.insert(incidentAddenda).values([
      {
        incidentId: row.id,
        kind: 'report',
        note: inc.description,
        authorId: by.id,
        authorName: by.name,
        at: d(inc.occurredAt),
      },
      {
        incidentId: row.id,
        kind: 'guardian_notified',
        changes: { guardianNotifiedBy: { before: null, after: '电话' } },
        note: '已电话告知家长',
        authorId: by.id,
        authorName: by.name,
        at: d(inc.guardianNotifiedAt),
      },
      ...(inc.closedAt
        ? [
            {
              incidentId: row.id,
              kind: 'close',
              changes: { status: { before: 'open', after: 'closed' } },
              note: inc.followUp,
              authorId: by.id,
              authorName: by.name,
              at: d(inc.closedAt),
            },
          ]
        : []),
    ]);
    rows += closed ? 4 : 3;
  }

  // Fire certificates and written rules, as each class's unit administrator would upload them.
  const paperCache = generic ? new Map<string, Buffer>() : undefined;
  if (store)
    for (const admin of new Set(w.classes.map((c) => c.unitAdmin ?? 'unit')))
      rows += await loadEvidence(
        tx,
        store,
        now,
        w.classes.flatMap((c, i) =>
          (c.unitAdmin ?? 'unit') === admin
            ? [
                {
                  id: classId.get(c.key) as number,
                  orgId: refs.orgId(c.orgKey),
                  name: c.name,
                  startDate: c.startDate,
                  endDate: c.endDate,
                  venue: { id: venueRows[i]?.id as number, name: c.venue.name, address: c.venue.address },
                  head: c.staff.find((s) => s.role === 'head')?.name ?? '负责人',
                },
              ]
            : [],
        ),
        refs.userId(admin),
        // Beyond the first programme, the papers follow the city's model text (rendered once, stored per class).
        paperCache,
      );
  // The rules panels: one evaluation per class, as a class write would leave it.
  const ids = [...classId.values()];
  const stored = await tx.select().from(careClasses).where(inArray(careClasses.id, ids));
  for (const c of stored) await evaluateAndStore(tx, ctx, c, 'demo.load');
  rows += stored.length;
  return {
    rows,
    classes: ids.length,
    children: childRows.length,
    attendanceEvents: evRows.length,
    attendanceDays: dayRows.length,
  };
}
