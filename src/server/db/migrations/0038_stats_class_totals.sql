CREATE TABLE "stats_class_totals" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"through_day" text NOT NULL,
	"first_day" text,
	"last_day" text,
	"days" integer DEFAULT 0 NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	"sick" integer DEFAULT 0 NOT NULL,
	"scheduled" integer DEFAULT 0 NOT NULL,
	"records_required" integer DEFAULT 0 NOT NULL,
	"records_done" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stats_class_totals" ADD CONSTRAINT "stats_class_totals_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_class_days_day_idx" ON "stats_class_days" USING btree ("day");