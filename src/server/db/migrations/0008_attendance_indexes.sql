DROP INDEX "attendance_days_class_day_idx";--> statement-breakpoint
DROP INDEX "attendance_events_child_day_idx";--> statement-breakpoint
DROP INDEX "attendance_events_class_day_idx";--> statement-breakpoint
DROP INDEX "attendance_days_pk";--> statement-breakpoint
CREATE INDEX "attendance_events_class_day_child_idx" ON "attendance_events" USING btree ("class_id","day","child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_days_pk" ON "attendance_days" USING btree ("class_id","day","child_id");