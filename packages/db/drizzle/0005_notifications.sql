CREATE TABLE `notification_digests` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`date` text NOT NULL,
	`run_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_digests_business_date_uq` ON `notification_digests` (`business_id`,`date`);--> statement-breakpoint
CREATE TABLE `notification_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`event_key` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`status` text NOT NULL,
	`provider_id` text,
	`error_code` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_sends_event_channel_recipient_uq` ON `notification_sends` (`event_key`,`channel`,`recipient`);--> statement-breakpoint
CREATE INDEX `notification_sends_provider_idx` ON `notification_sends` (`provider_id`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`user_id` text DEFAULT '' NOT NULL,
	`emails` text NOT NULL,
	`sms_number` text,
	`email_topics` text NOT NULL,
	`sms_topics` text NOT NULL,
	`caller_confirmation_sms` integer DEFAULT false NOT NULL,
	`digest_hour` integer DEFAULT 18 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_settings_business_user_uq` ON `notification_settings` (`business_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `sms_opt_outs` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`phone_number` text NOT NULL,
	`opted_out` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_opt_outs_business_number_uq` ON `sms_opt_outs` (`business_id`,`phone_number`);