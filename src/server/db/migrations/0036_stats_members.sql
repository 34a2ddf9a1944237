CREATE TABLE "stats_members" (
	"campaign_id" integer NOT NULL,
	"scope" text NOT NULL,
	"scope_id" integer NOT NULL,
	"kind" text NOT NULL,
	"member_id" integer NOT NULL,
	"family_id" integer NOT NULL,
	"from_day" text NOT NULL,
	"to_day" text,
	"kindergarten" boolean DEFAULT false NOT NULL,
	CONSTRAINT "stats_members_scope_scope_id_campaign_id_kind_member_id_from_day_pk" PRIMARY KEY("scope","scope_id","campaign_id","kind","member_id","from_day")
);
--> statement-breakpoint
CREATE TABLE "stats_scope_days" (
	"scope" text NOT NULL,
	"scope_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"day" text NOT NULL,
	"families" integer DEFAULT 0 NOT NULL,
	"children" integer DEFAULT 0 NOT NULL,
	"places" integer DEFAULT 0 NOT NULL,
	"kindergarten" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_scope_days_scope_scope_id_campaign_id_day_pk" PRIMARY KEY("scope","scope_id","campaign_id","day")
);
--> statement-breakpoint
CREATE INDEX "stats_members_family_idx" ON "stats_members" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "stats_members_campaign_idx" ON "stats_members" USING btree ("campaign_id");