-- 公示 and naming are evidence (issue 17): the published lists, the objections and their responses, the namings and
-- their revocations are appended, never changed or removed (evidence_append_only() is defined in 0007). A revocation
-- is a new row with its reason; a later response adds to an objection's record.
CREATE TRIGGER publicity_notices_append_only BEFORE UPDATE OR DELETE ON publicity_notices
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_notices_no_truncate BEFORE TRUNCATE ON publicity_notices
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_entries_append_only BEFORE UPDATE OR DELETE ON publicity_entries
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_entries_no_truncate BEFORE TRUNCATE ON publicity_entries
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_objections_append_only BEFORE UPDATE OR DELETE ON publicity_objections
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_objections_no_truncate BEFORE TRUNCATE ON publicity_objections
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_objection_responses_append_only BEFORE UPDATE OR DELETE ON publicity_objection_responses
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER publicity_objection_responses_no_truncate BEFORE TRUNCATE ON publicity_objection_responses
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER demonstration_namings_append_only BEFORE UPDATE OR DELETE ON demonstration_namings
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER demonstration_namings_no_truncate BEFORE TRUNCATE ON demonstration_namings
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER demonstration_revocations_append_only BEFORE UPDATE OR DELETE ON demonstration_revocations
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER demonstration_revocations_no_truncate BEFORE TRUNCATE ON demonstration_revocations
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
