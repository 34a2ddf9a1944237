CREATE TABLE "activity_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"day" text NOT NULL,
	"slot" text NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"kind" text NOT NULL,
	"title" text,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"done_by_name" text,
	"note" text,
	"photo_file_id" integer
);
--> statement-breakpoint
CREATE TABLE "attendance_days" (
	"class_id" integer NOT NULL,
	"child_id" integer NOT NULL,
	"day" text NOT NULL,
	"status" text NOT NULL,
	"check_in_event_id" bigint,
	"check_in_at" timestamp (3) with time zone,
	"check_out_event_id" bigint,
	"check_out_at" timestamp (3) with time zone,
	"pickup_adult_id" integer,
	"absence_reason" text,
	"health_ack_at" timestamp with time zone,
	"health_ack_by" integer,
	"arrival_alert_at" timestamp with time zone,
	"pickup_alert_at" timestamp with time zone,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"class_id" integer NOT NULL,
	"child_id" integer NOT NULL,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"device_id" text,
	"pickup_adult_id" integer,
	"pickup_method" text,
	"reason" text,
	"note" text,
	"target_event_id" bigint,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "daily_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"time" text NOT NULL,
	"data" jsonb NOT NULL,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"supersedes_id" integer,
	"reason" text,
	"recorded_by" integer NOT NULL,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_addenda" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"changes" jsonb,
	"note" text,
	"author_id" integer NOT NULL,
	"author_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"child_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"people_involved" text,
	"actions_taken" text,
	"guardian_notified_by" text,
	"guardian_notified_at" timestamp with time zone,
	"follow_up" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_by" integer,
	"closed_at" timestamp with time zone,
	"reported_by" integer NOT NULL,
	"reported_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret_enc" text,
	"filter" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"severity" text DEFAULT 'info' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"channel_id" integer,
	"target" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "pickup_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"pickup_adult_id" integer NOT NULL,
	"code_hash" text NOT NULL,
	"code_enc" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer
);
--> statement-breakpoint
ALTER TABLE "activity_sessions" ADD CONSTRAINT "activity_sessions_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_records" ADD CONSTRAINT "daily_records_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_addenda" ADD CONSTRAINT "incident_addenda_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_channels" ADD CONSTRAINT "notification_channels_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_codes" ADD CONSTRAINT "pickup_codes_pickup_adult_id_pickup_adults_id_fk" FOREIGN KEY ("pickup_adult_id") REFERENCES "public"."pickup_adults"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_sessions_uq" ON "activity_sessions" USING btree ("class_id","day","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_days_pk" ON "attendance_days" USING btree ("class_id","child_id","day");--> statement-breakpoint
CREATE INDEX "attendance_days_class_day_idx" ON "attendance_days" USING btree ("class_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_events_client_uq" ON "attendance_events" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "attendance_events_child_day_idx" ON "attendance_events" USING btree ("child_id","day");--> statement-breakpoint
CREATE INDEX "attendance_events_class_day_idx" ON "attendance_events" USING btree ("class_id","day");--> statement-breakpoint
CREATE INDEX "daily_records_class_day_idx" ON "daily_records" USING btree ("class_id","day");--> statement-breakpoint
CREATE INDEX "incident_addenda_incident_idx" ON "incident_addenda" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incidents_class_idx" ON "incidents" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "incidents_org_idx" ON "incidents" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "notification_channels_org_idx" ON "notification_channels" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE read_at IS NULL;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_codes_hash_uq" ON "pickup_codes" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "pickup_codes_adult_idx" ON "pickup_codes" USING btree ("pickup_adult_id");--> statement-breakpoint
CREATE INDEX "consents_child_idx" ON "consents" USING btree ("child_id");