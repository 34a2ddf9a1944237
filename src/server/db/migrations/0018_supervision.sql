CREATE TABLE "inspection_inspectors" (
	"visit_id" integer NOT NULL,
	"user_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"planned_date" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_by" integer,
	"note" text,
	"items" jsonb NOT NULL,
	"results" jsonb,
	"head_count" integer,
	"door_present" integer,
	"summary" text,
	"client_id" text,
	"done_by" integer,
	"done_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invitees" (
	"meeting_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"attended" boolean
);
--> statement-breakpoint
CREATE TABLE "practice_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"visit_id" integer,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_escalations" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"visit_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"item_key" text NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"deadline" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"date" text NOT NULL,
	"class_id" integer,
	"place" text,
	"minutes" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_visit_id_inspection_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."inspection_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_planned_by_users_id_fk" FOREIGN KEY ("planned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_meeting_id_supervision_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."supervision_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cases" ADD CONSTRAINT "practice_cases_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cases" ADD CONSTRAINT "practice_cases_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cases" ADD CONSTRAINT "practice_cases_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cases" ADD CONSTRAINT "practice_cases_visit_id_inspection_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."inspection_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cases" ADD CONSTRAINT "practice_cases_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_cases" ADD CONSTRAINT "practice_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_escalations" ADD CONSTRAINT "rectification_escalations_item_id_rectification_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."rectification_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_events" ADD CONSTRAINT "rectification_events_item_id_rectification_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."rectification_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_events" ADD CONSTRAINT "rectification_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_visit_id_inspection_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."inspection_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_meetings" ADD CONSTRAINT "supervision_meetings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_meetings" ADD CONSTRAINT "supervision_meetings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_meetings" ADD CONSTRAINT "supervision_meetings_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_meetings" ADD CONSTRAINT "supervision_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_inspectors_pk" ON "inspection_inspectors" USING btree ("visit_id","user_id");--> statement-breakpoint
CREATE INDEX "inspection_inspectors_user_idx" ON "inspection_inspectors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "inspection_visits_class_idx" ON "inspection_visits" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "inspection_visits_campaign_idx" ON "inspection_visits" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_visits_client_uq" ON "inspection_visits" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_invitees_pk" ON "meeting_invitees" USING btree ("meeting_id","org_id");--> statement-breakpoint
CREATE INDEX "practice_cases_campaign_idx" ON "practice_cases" USING btree ("campaign_id","published");--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_escalations_uq" ON "rectification_escalations" USING btree ("item_id","kind");--> statement-breakpoint
CREATE INDEX "rectification_events_item_idx" ON "rectification_events" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "rectification_items_org_idx" ON "rectification_items" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "rectification_items_class_idx" ON "rectification_items" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "rectification_items_deadline_idx" ON "rectification_items" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "supervision_meetings_campaign_idx" ON "supervision_meetings" USING btree ("campaign_id","date");