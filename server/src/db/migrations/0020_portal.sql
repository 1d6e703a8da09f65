CREATE TABLE "portal_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"contact_id" integer NOT NULL,
	"username" text,
	"password_hash" text,
	"invite_token_hash" text,
	"invite_expires_at" timestamp with time zone,
	"invited_by" integer,
	"invited_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	CONSTRAINT "portal_accounts_contact_id_unique" UNIQUE("contact_id"),
	CONSTRAINT "portal_accounts_invite_token_hash_unique" UNIQUE("invite_token_hash"),
	CONSTRAINT "portal_accounts_state_check" CHECK (("portal_accounts"."accepted_at" is null and "portal_accounts"."invite_token_hash" is not null and "portal_accounts"."invite_expires_at" is not null
           and "portal_accounts"."username" is null and "portal_accounts"."password_hash" is null)
       or ("portal_accounts"."accepted_at" is not null and "portal_accounts"."invite_token_hash" is null and "portal_accounts"."username" is not null
           and "portal_accounts"."password_hash" is not null))
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "portal_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "service_events" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ALTER COLUMN "created_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "service_events" ADD COLUMN "contact_id" integer;--> statement-breakpoint
ALTER TABLE "service_events" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "source" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "requested_by_contact_id" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "requested_by_name" text;--> statement-breakpoint
ALTER TABLE "portal_accounts" ADD CONSTRAINT "portal_accounts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_accounts" ADD CONSTRAINT "portal_accounts_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_account_id_portal_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."portal_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_accounts_username_key" ON "portal_accounts" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "portal_sessions_account_idx" ON "portal_sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "portal_sessions_seen_idx" ON "portal_sessions" USING btree ("last_seen_at");--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_requested_by_contact_id_contacts_id_fk" FOREIGN KEY ("requested_by_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "services_requested_by_idx" ON "services" USING btree ("requested_by_contact_id");--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_who_check" CHECK ("service_events"."user_id" is not null or "service_events"."contact_name" is not null);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_source_check" CHECK (("services"."source" = 'staff' and "services"."created_by" is not null and "services"."requested_by_name" is null)
       or ("services"."source" = 'portal' and "services"."requested_by_name" is not null));