-- A rectification item's history (responses with their evidence, send-backs, closings) is evidence: rows are
-- appended, never changed or removed (evidence_append_only() is defined in 0007).
CREATE TRIGGER rectification_events_append_only BEFORE UPDATE OR DELETE ON rectification_events
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER rectification_events_no_truncate BEFORE TRUNCATE ON rectification_events
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
