-- Maintenance of stats_class_totals (tables/aggregates.ts; docs/FIGURES.md, "Maintained aggregates"): per class, the
-- sums of its stats_class_days rows up to an anchor day. refreshClassDays writes it whole (the anchor: the day before
-- the recomputation, China time); a door delta on a day up to the anchor is applied here, in the same statement that
-- adjusts the class day, so the totals never lag a committed write. (A delta on a later day, today's door, leaves
-- the totals alone: the read adds the rows after the anchor.)
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
    IF FOUND THEN
      UPDATE stats_class_totals SET present = present + n_p - o_p, sick = sick + n_s - o_s
        WHERE class_id = k_class AND through_day >= k_day;
    END IF;
  ELSE
    PERFORM stats_mark_stale(k_class);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Existing rows: the sums up to yesterday (China time) of every class that has rows, and its first and last day.
INSERT INTO stats_class_totals (class_id, through_day, first_day, last_day, days, present, sick, scheduled,
                                records_required, records_done)
SELECT d.class_id, a.anchor, min(d.day), max(d.day),
       count(*) FILTER (WHERE d.day <= a.anchor),
       coalesce(sum(d.present) FILTER (WHERE d.day <= a.anchor), 0),
       coalesce(sum(d.sick) FILTER (WHERE d.day <= a.anchor), 0),
       coalesce(sum(d.scheduled) FILTER (WHERE d.day <= a.anchor), 0),
       coalesce(sum(d.records_required) FILTER (WHERE d.day <= a.anchor), 0),
       coalesce(sum(d.records_done) FILTER (WHERE d.day <= a.anchor), 0)
  FROM stats_class_days d,
       (SELECT to_char((now() AT TIME ZONE 'UTC') + interval '8 hours' - interval '1 day', 'YYYY-MM-DD') AS anchor) a
 GROUP BY d.class_id, a.anchor
ON CONFLICT (class_id) DO NOTHING;
