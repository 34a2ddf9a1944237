-- The head of each class's timeline on the class (care_classes.last_transition_*; docs/FIGURES.md, "Dashboard"): its
-- latest transition by time, then id. A class's status as of a day is its head's status when the head came before the
-- day's end, so a dashboard reads 16,000 classes' statuses without reading their timelines. The timeline is evidence
-- (rows are only added), so an insert is all there is to follow; a row added out of order (a restore, a bulk load)
-- moves the head only when it is later.
CREATE OR REPLACE FUNCTION class_timeline_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE care_classes
     SET last_transition_at = NEW.at, last_transition_id = NEW.id, last_transition_status = NEW.to_status
   WHERE id = NEW.class_id
     AND (last_transition_at IS NULL OR (NEW.at, NEW.id) > (last_transition_at, last_transition_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER class_transitions_head AFTER INSERT ON class_transitions
  FOR EACH ROW EXECUTE FUNCTION class_timeline_head();
--> statement-breakpoint
-- Existing timelines. Also what `tuoguan stats rebuild-aggregates` runs (classTimelineHeadsSql), after a bulk load
-- with triggers off.
UPDATE care_classes c
   SET last_transition_at = t.at, last_transition_id = t.id, last_transition_status = t.to_status
  FROM (SELECT DISTINCT ON (class_id) class_id, id, at, to_status FROM class_transitions
         ORDER BY class_id, at DESC, id DESC) t
 WHERE t.class_id = c.id;
