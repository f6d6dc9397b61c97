CREATE TABLE "campaign_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"draft_revision" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"reviewer" text,
	"comments" text DEFAULT '' NOT NULL,
	"simulation" jsonb,
	"published_version" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "campaign_reviews_status_check" CHECK ("campaign_reviews"."status" in ('submitted', 'approved', 'returned', 'superseded'))
);
--> statement-breakpoint
ALTER TABLE "campaign_reviews" ADD CONSTRAINT "campaign_reviews_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reviews" ADD CONSTRAINT "campaign_reviews_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_reviews_campaign_idx" ON "campaign_reviews" USING btree ("campaign_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_reviews_one_open_key" ON "campaign_reviews" USING btree ("campaign_id") WHERE status = 'submitted';