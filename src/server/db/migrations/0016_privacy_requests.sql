CREATE TABLE "privacy_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL,
	"requested_by" integer NOT NULL,
	"scope" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"process_after" timestamp with time zone,
	"processed_at" timestamp with time zone,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_requests_family_idx" ON "privacy_requests" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "privacy_requests_status_idx" ON "privacy_requests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_requests_open_uq" ON "privacy_requests" USING btree ("requested_by") WHERE status = 'waiting';