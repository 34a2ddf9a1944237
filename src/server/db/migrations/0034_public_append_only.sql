-- A news post's history and the record of which children a photo shows are evidence: rows are appended, never
-- changed or removed (evidence_append_only() is defined in 0007).
CREATE TRIGGER news_post_events_append_only BEFORE UPDATE OR DELETE ON news_post_events
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER news_post_events_no_truncate BEFORE TRUNCATE ON news_post_events
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER public_photo_children_append_only BEFORE UPDATE OR DELETE ON public_photo_children
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER public_photo_children_no_truncate BEFORE TRUNCATE ON public_photo_children
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
