CREATE TABLE "staff_door_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"class_staff_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"kind" text NOT NULL,
	"employer" text,
	"skills" jsonb NOT NULL,
	"availability" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"class_staff_id" integer,
	"user_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skills" jsonb NOT NULL,
	"other_skill" text,
	"volunteer_kind" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"schedule" text NOT NULL,
	"hours_per_week" integer,
	"wanted" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_door_events" ADD CONSTRAINT "staff_door_events_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_door_events" ADD CONSTRAINT "staff_door_events_class_staff_id_class_staff_id_fk" FOREIGN KEY ("class_staff_id") REFERENCES "public"."class_staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_door_events" ADD CONSTRAINT "staff_door_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD CONSTRAINT "volunteer_applications_call_id_volunteer_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."volunteer_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD CONSTRAINT "volunteer_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD CONSTRAINT "volunteer_applications_class_staff_id_class_staff_id_fk" FOREIGN KEY ("class_staff_id") REFERENCES "public"."class_staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_applications" ADD CONSTRAINT "volunteer_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_calls" ADD CONSTRAINT "volunteer_calls_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_calls" ADD CONSTRAINT "volunteer_calls_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_calls" ADD CONSTRAINT "volunteer_calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_door_events_user_idx" ON "staff_door_events" USING btree ("user_id","day");--> statement-breakpoint
CREATE INDEX "staff_door_events_class_idx" ON "staff_door_events" USING btree ("class_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_applications_call_phone_uq" ON "volunteer_applications" USING btree ("call_id","phone");--> statement-breakpoint
CREATE INDEX "volunteer_applications_call_idx" ON "volunteer_applications" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "volunteer_calls_class_idx" ON "volunteer_calls" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "volunteer_calls_org_idx" ON "volunteer_calls" USING btree ("org_id");