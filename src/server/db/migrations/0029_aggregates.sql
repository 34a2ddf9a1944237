CREATE TABLE "stats_class_days" (
	"class_id" integer NOT NULL,
	"day" text NOT NULL,
	"present" integer DEFAULT 0 NOT NULL,
	"sick" integer DEFAULT 0 NOT NULL,
	"scheduled" integer DEFAULT 0 NOT NULL,
	"records_required" integer DEFAULT 0 NOT NULL,
	"records_done" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_class_days_class_id_day_pk" PRIMARY KEY("class_id","day")
);
--> statement-breakpoint
CREATE TABLE "stats_stale_classes" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stats_class_days" ADD CONSTRAINT "stats_class_days_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_stale_classes_marked_idx" ON "stats_stale_classes" USING btree ("marked_at");