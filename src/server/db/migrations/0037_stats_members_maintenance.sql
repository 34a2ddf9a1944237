-- Maintenance of the places/children/families aggregates (stats_members, stats_scope_days: tables/stats.ts;
-- docs/FIGURES.md, "Maintained aggregates"), in the transaction of the write that changes them.
--
-- stats_places_v: every place accepted (status accepted or withdrawn, accepted_at set) with its campaign, its class's
-- owning unit's path, the acceptance day and the first day it is no longer held (China time, UTC+8), exactly as
-- unitFigures counts it: held on a day when accepted by then and not withdrawn by then (a withdrawn place without a
-- withdrawal time is never held).
CREATE INDEX IF NOT EXISTS enrolments_family_idx ON enrolments (family_id);
--> statement-breakpoint
CREATE VIEW stats_places_v AS
SELECT e.id AS enrolment_id, e.family_id, e.child_id, e.class_id, cc.campaign_id, o.path AS unit_path,
       to_char((e.accepted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS acc,
       CASE WHEN e.withdrawn_at IS NOT NULL
              THEN to_char((e.withdrawn_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')
            WHEN e.status = 'accepted' THEN NULL
            ELSE to_char((e.accepted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') END AS wd,
       ch.grade = 'K' AS kindergarten
  FROM enrolments e
  JOIN care_classes cc ON cc.id = e.class_id
  JOIN class_units cu ON cu.class_id = e.class_id AND cu.is_owner
  JOIN organizations o ON o.id = cu.org_id
  JOIN children ch ON ch.id = e.child_id
 WHERE e.accepted_at IS NOT NULL AND e.status IN ('accepted', 'withdrawn');
--> statement-breakpoint
-- The rows of stats_members from scratch. family_id is in every PARTITION BY and GROUP BY so that a filter on it
-- (one family's refresh) is applied before the windows, on the enrolments' family index.
CREATE VIEW stats_members_v AS
SELECT p.campaign_id, 'class'::text AS scope, p.class_id AS scope_id, 'place'::text AS kind, p.enrolment_id AS member_id,
       p.family_id, p.acc AS from_day, p.wd AS to_day, p.kindergarten
  FROM stats_places_v p
 WHERE p.wd IS NULL OR p.wd > p.acc
UNION ALL
SELECT p.campaign_id, 'org', o.org_id, 'family', p.family_id, p.family_id, min(p.acc), NULL::text, false
  FROM stats_places_v p, unnest(string_to_array(trim(BOTH '/' FROM p.unit_path), '/')::int[]) AS o(org_id)
 GROUP BY p.campaign_id, o.org_id, p.family_id
UNION ALL
SELECT s.campaign_id, 'org', s.org_id, 'child', s.child_id, s.family_id, min(s.acc), nullif(max(s.en), '9999-12-31'), false
  FROM (SELECT b.*, sum(b.brk) OVER (PARTITION BY b.campaign_id, b.org_id, b.family_id, b.child_id ORDER BY b.acc, b.en
                                      ROWS UNBOUNDED PRECEDING) AS island
          FROM (SELECT p.campaign_id, o.org_id, p.family_id, p.child_id, p.acc, coalesce(p.wd, '9999-12-31') AS en,
                       CASE WHEN p.acc <= max(coalesce(p.wd, '9999-12-31')) OVER (
                              PARTITION BY p.campaign_id, o.org_id, p.family_id, p.child_id ORDER BY p.acc, coalesce(p.wd, '9999-12-31')
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                            THEN 0 ELSE 1 END AS brk
                  FROM stats_places_v p, unnest(string_to_array(trim(BOTH '/' FROM p.unit_path), '/')::int[]) AS o(org_id)
                 WHERE p.wd IS NULL OR p.wd > p.acc) b) s
 GROUP BY s.campaign_id, s.org_id, s.family_id, s.child_id, s.island;
--> statement-breakpoint
-- A member's changes of the counts: +1 on its from_day, -1 on its to_day (the one definition both the refresh and
-- the rebuild apply).
CREATE OR REPLACE FUNCTION stats_member_deltas(m stats_members)
  RETURNS TABLE (day text, families integer, children integer, places integer, kindergarten integer)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT x.day, x.s * (m.kind = 'family')::int, x.s * (m.kind = 'child')::int, x.s * (m.kind = 'place')::int,
         x.s * (m.kind = 'place' AND m.kindergarten)::int
    FROM (VALUES (m.from_day, 1), (m.to_day, -1)) AS x(day, s)
   WHERE x.day IS NOT NULL
$$;
--> statement-breakpoint
-- Adds (sgn 1) or takes out (sgn -1) members' counts, then drops the day rows that came to nothing (so the stored
-- rows equal a rebuild's).
CREATE OR REPLACE FUNCTION stats_add_members(ms stats_members[], sgn integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ms) = 0 THEN RETURN; END IF;
  INSERT INTO stats_scope_days AS t (scope, scope_id, campaign_id, day, families, children, places, kindergarten)
  SELECT m.scope, m.scope_id, m.campaign_id, x.day,
         sgn * sum(x.families), sgn * sum(x.children), sgn * sum(x.places), sgn * sum(x.kindergarten)
    FROM unnest(ms) m, LATERAL stats_member_deltas(ROW(m.*)::stats_members) x
   GROUP BY m.scope, m.scope_id, m.campaign_id, x.day
  ON CONFLICT (scope, scope_id, campaign_id, day) DO UPDATE
    SET families = t.families + excluded.families, children = t.children + excluded.children,
        places = t.places + excluded.places, kindergarten = t.kindergarten + excluded.kindergarten;
  DELETE FROM stats_scope_days d
   WHERE d.families = 0 AND d.children = 0 AND d.places = 0 AND d.kindergarten = 0
     AND (d.scope, d.scope_id, d.campaign_id, d.day) IN (
       SELECT m.scope, m.scope_id, m.campaign_id, x.day
         FROM unnest(ms) m, LATERAL stats_member_deltas(ROW(m.*)::stats_members) x);
END $$;
--> statement-breakpoint
-- Every campaign's rows (cid null) or one campaign's, from scratch, set-based: the migration's backfill and
-- `tuoguan stats rebuild-aggregates`.
CREATE OR REPLACE FUNCTION stats_rebuild_members(cid integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stats_members WHERE cid IS NULL OR campaign_id = cid;
  DELETE FROM stats_scope_days WHERE cid IS NULL OR campaign_id = cid;
  IF cid IS NULL THEN
    INSERT INTO stats_members SELECT * FROM stats_members_v;
  ELSE
    INSERT INTO stats_members SELECT * FROM stats_members_v WHERE campaign_id = cid;
  END IF;
  INSERT INTO stats_scope_days (scope, scope_id, campaign_id, day, families, children, places, kindergarten)
  SELECT m.scope, m.scope_id, m.campaign_id, x.day, sum(x.families), sum(x.children), sum(x.places), sum(x.kindergarten)
    FROM stats_members m, LATERAL stats_member_deltas(m) x
   WHERE cid IS NULL OR m.campaign_id = cid
   GROUP BY m.scope, m.scope_id, m.campaign_id, x.day
  HAVING sum(x.families) <> 0 OR sum(x.children) <> 0 OR sum(x.places) <> 0 OR sum(x.kindergarten) <> 0;
END $$;
--> statement-breakpoint
-- Recomputes the families' rows: takes their old rows out, puts the view's rows in. One family at a time across
-- transactions (an advisory lock per family), so two writes for one family never interleave their rows.
CREATE OR REPLACE FUNCTION stats_refresh_families(fids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  f integer;
  gone stats_members[];
  came stats_members[];
BEGIN
  FOR f IN SELECT DISTINCT x FROM unnest(fids) AS x WHERE x IS NOT NULL ORDER BY x LOOP
    PERFORM pg_advisory_xact_lock(7315, f);
    WITH d AS (DELETE FROM stats_members WHERE family_id = f RETURNING *)
      SELECT coalesce(array_agg(ROW(d.*)::stats_members), '{}') INTO gone FROM d;
    PERFORM stats_add_members(gone, -1);
    WITH i AS (INSERT INTO stats_members SELECT * FROM stats_members_v WHERE family_id = f RETURNING *)
      SELECT coalesce(array_agg(ROW(i.*)::stats_members), '{}') INTO came FROM i;
    PERFORM stats_add_members(came, 1);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_enrolment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status IN ('accepted', 'withdrawn') AND OLD.accepted_at IS NOT NULL
     OR TG_OP <> 'DELETE' AND NEW.status IN ('accepted', 'withdrawn') AND NEW.accepted_at IS NOT NULL THEN
    PERFORM stats_refresh_families(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.family_id END,
                                         CASE WHEN TG_OP <> 'DELETE' THEN NEW.family_id END]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enrolments_stats_members AFTER INSERT OR UPDATE OF status, accepted_at, withdrawn_at, class_id, child_id, family_id OR DELETE
  ON enrolments FOR EACH ROW EXECUTE FUNCTION stats_members_enrolment();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_refresh_families(ARRAY(SELECT DISTINCT e.family_id FROM enrolments e WHERE e.child_id = NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER children_stats_members AFTER UPDATE OF grade
  ON children FOR EACH ROW WHEN (OLD.grade IS DISTINCT FROM NEW.grade) EXECUTE FUNCTION stats_members_child();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_class_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_refresh_families(ARRAY(SELECT DISTINCT e.family_id FROM enrolments e
    WHERE e.class_id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.class_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.class_id END)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER class_units_stats_members AFTER INSERT OR UPDATE OR DELETE
  ON class_units FOR EACH ROW EXECUTE FUNCTION stats_members_class_unit();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_class() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_refresh_families(ARRAY(SELECT DISTINCT e.family_id FROM enrolments e WHERE e.class_id = NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER care_classes_stats_members AFTER UPDATE OF campaign_id
  ON care_classes FOR EACH ROW WHEN (OLD.campaign_id IS DISTINCT FROM NEW.campaign_id) EXECUTE FUNCTION stats_members_class();
--> statement-breakpoint
-- A unit moved in the tree (its path rewritten): its classes' families count under the new ancestors.
CREATE OR REPLACE FUNCTION stats_members_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_refresh_families(ARRAY(SELECT DISTINCT e.family_id FROM enrolments e
    JOIN class_units cu ON cu.class_id = e.class_id AND cu.is_owner WHERE cu.org_id = NEW.id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_stats_members AFTER UPDATE OF path
  ON organizations FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION stats_members_org();
--> statement-breakpoint
-- Existing data: computed once here (`tuoguan stats rebuild-aggregates` does the same).
SELECT stats_rebuild_members(NULL);
