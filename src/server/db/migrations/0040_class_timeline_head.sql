ALTER TABLE "care_classes" ADD COLUMN "last_transition_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "care_classes" ADD COLUMN "last_transition_id" integer;--> statement-breakpoint
ALTER TABLE "care_classes" ADD COLUMN "last_transition_status" text;