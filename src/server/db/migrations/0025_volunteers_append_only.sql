-- A staff member's arrivals and departures at the door are evidence (volunteer hours are counted from them): rows
-- are appended, never changed or removed (evidence_append_only() is defined in 0007).
CREATE TRIGGER staff_door_events_append_only BEFORE UPDATE OR DELETE ON staff_door_events
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER staff_door_events_no_truncate BEFORE TRUNCATE ON staff_door_events
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
