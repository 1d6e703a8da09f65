CREATE TABLE "mail_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notification_id" bigint NOT NULL,
	"to_address" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_status" CHECK ("mail_outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"email" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "ref_type" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "ref_id" integer;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "mail_outbox_notification_idx" ON "mail_outbox" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id","id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
-- hand-written below
-- The pool's warnings, written before notifications had their API, get the API's kind and the record they open.
UPDATE "notifications" SET "kind" = 'pool.returning', "ref_type" = 'customer', "ref_id" = ("payload"->>'customerId')::int
  WHERE "kind" = 'pool.warning';--> statement-breakpoint
-- docs/notifications.md#delivery: every new notification, whoever writes it (a service, the pool's or the churn
-- check's set-based statements), is announced on `crm_notifications` when its transaction commits (each app instance
-- listens once and tells its connected browsers), and queued for mail when its user chose the kind by email.
CREATE FUNCTION "notifications_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('crm_notifications', json_build_object('id', NEW.id, 'userId', NEW.user_id)::text);
  INSERT INTO mail_outbox (notification_id, to_address, next_attempt_at, created_at)
  SELECT NEW.id, u.email, NEW.created_at, NEW.created_at
  FROM users u JOIN notification_settings s ON s.user_id = u.id
  WHERE u.id = NEW.user_id AND u.active AND u.email IS NOT NULL AND u.email <> ''
    AND (s.email ->> NEW.kind) = 'true';
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "notifications_after_insert" AFTER INSERT ON "notifications"
  FOR EACH ROW EXECUTE FUNCTION "notifications_after_insert"();
