-- Maintenance of the statistics aggregates (stats_class_days, tables/aggregates.ts; docs/FIGURES.md, "Maintained
-- aggregates"), in the transaction of the write that changes them.
--
-- 1. A child-day's status change on the door's hot path is applied as a delta to its class day: exact when the
--    child holds a live place accepted by that day (then the day lies in the child's span and the span does not
--    move). Any other case (no live place, a place accepted later, a key changed) marks the class stale.
-- 2. Changes to a class's dates, its places, its daily records or its campaign's parameters mark the class stale.
-- A stale class is recomputed by the stats subscription before its transaction commits, or by the next figures read
-- (refreshStale), or by `tuoguan stats rebuild-aggregates`.
CREATE OR REPLACE FUNCTION stats_mark_stale(cid integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_stale_classes (class_id) VALUES (cid) ON CONFLICT (class_id) DO NOTHING;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_attendance_day() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o_p int := 0; o_s int := 0; n_p int := 0; n_s int := 0;
  k_class int; k_child int; k_day text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    o_p := (OLD.status IN ('present', 'left'))::int; o_s := (OLD.status = 'sick')::int;
    k_class := OLD.class_id; k_child := OLD.child_id; k_day := OLD.day;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    n_p := (NEW.status IN ('present', 'left'))::int; n_s := (NEW.status = 'sick')::int;
    k_class := NEW.class_id; k_child := NEW.child_id; k_day := NEW.day;
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.class_id, OLD.child_id, OLD.day) IS DISTINCT FROM (NEW.class_id, NEW.child_id, NEW.day) THEN
    PERFORM stats_mark_stale(OLD.class_id);
    PERFORM stats_mark_stale(NEW.class_id);
    RETURN NULL;
  END IF;
  IF o_p = n_p AND o_s = n_s THEN RETURN NULL; END IF;
  IF k_day ~ '^\d{4}-\d{2}-\d{2}$' AND EXISTS (SELECT 1 FROM enrolments e
       WHERE e.class_id = k_class AND e.child_id = k_child AND e.status = 'accepted'
         AND e.accepted_at < ((k_day::date + 1)::text || ' 00:00:00+08')::timestamptz) THEN
    UPDATE stats_class_days SET present = present + n_p - o_p, sick = sick + n_s - o_s
      WHERE class_id = k_class AND day = k_day;
  ELSE
    PERFORM stats_mark_stale(k_class);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attendance_days_stats AFTER INSERT OR UPDATE OF status, class_id, child_id, day OR DELETE
  ON attendance_days FOR EACH ROW EXECUTE FUNCTION stats_attendance_day();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_enrolment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status IN ('accepted', 'withdrawn') THEN PERFORM stats_mark_stale(OLD.class_id); END IF;
  IF TG_OP <> 'DELETE' AND NEW.status IN ('accepted', 'withdrawn') THEN PERFORM stats_mark_stale(NEW.class_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enrolments_stats AFTER INSERT OR UPDATE OF status, accepted_at, withdrawn_at, class_id, child_id OR DELETE
  ON enrolments FOR EACH ROW EXECUTE FUNCTION stats_enrolment_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_class_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_mark_stale(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER care_classes_stats AFTER INSERT OR UPDATE OF start_date, end_date, closed_dates, meals, campaign_id
  ON care_classes FOR EACH ROW EXECUTE FUNCTION stats_class_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_daily_record_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM stats_mark_stale(OLD.class_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM stats_mark_stale(NEW.class_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER daily_records_stats AFTER INSERT OR UPDATE OR DELETE
  ON daily_records FOR EACH ROW EXECUTE FUNCTION stats_daily_record_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_campaign_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_stale_classes (class_id) SELECT c.id FROM care_classes c WHERE c.campaign_id = NEW.id
    ON CONFLICT (class_id) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER campaigns_stats AFTER UPDATE OF params ON campaigns
  FOR EACH ROW WHEN (OLD.params IS DISTINCT FROM NEW.params) EXECUTE FUNCTION stats_campaign_changed();
--> statement-breakpoint
-- Existing data: every class is recomputed on the first figures read (or by `tuoguan stats rebuild-aggregates`).
INSERT INTO stats_stale_classes (class_id) SELECT id FROM care_classes ON CONFLICT (class_id) DO NOTHING;
