-- A selection's evidence — dossier snapshots, recommendations, recusals, scores — is appended, never changed or
-- removed (evidence_append_only() is defined in 0007): a changed score or recommendation is a new row.
CREATE TRIGGER selection_snapshots_append_only BEFORE UPDATE OR DELETE ON selection_snapshots
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_snapshots_no_truncate BEFORE TRUNCATE ON selection_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_recommendations_append_only BEFORE UPDATE OR DELETE ON selection_recommendations
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_recommendations_no_truncate BEFORE TRUNCATE ON selection_recommendations
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_recusals_append_only BEFORE UPDATE OR DELETE ON selection_recusals
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_recusals_no_truncate BEFORE TRUNCATE ON selection_recusals
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_scores_append_only BEFORE UPDATE OR DELETE ON selection_scores
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER selection_scores_no_truncate BEFORE TRUNCATE ON selection_scores
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
