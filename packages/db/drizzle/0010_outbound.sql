CREATE TABLE `appointment_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`run_at` integer NOT NULL,
	`detail` text,
	`reply` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_reminders_key_unique` ON `appointment_reminders` (`appointment_id`,`start_at`,`channel`);--> statement-breakpoint
CREATE INDEX `appointment_reminders_business_idx` ON `appointment_reminders` (`business_id`,`run_at`);--> statement-breakpoint
CREATE TABLE `do_not_contact` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`phone_number` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `do_not_contact_business_number_unique` ON `do_not_contact` (`business_id`,`phone_number`);--> statement-breakpoint
CREATE TABLE `outbound_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`call_id` text NOT NULL,
	`purpose` text NOT NULL,
	`to_number` text NOT NULL,
	`from_number` text NOT NULL,
	`appointment_id` text,
	`appointment_start_at` integer,
	`message_id` text,
	`note` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`twilio_call_sid` text,
	`answered_by` text,
	`last_error` text,
	`last_dial_at` integer,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_calls_call_unique` ON `outbound_calls` (`call_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_calls_dedupe_unique` ON `outbound_calls` (`business_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbound_calls_sid_idx` ON `outbound_calls` (`twilio_call_sid`);--> statement-breakpoint
CREATE INDEX `outbound_calls_business_dial_idx` ON `outbound_calls` (`business_id`,`last_dial_at`);--> statement-breakpoint
CREATE TABLE `waitlist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`phone` text NOT NULL,
	`service_id` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`offered_start_at` integer,
	`offered_at` integer,
	`appointment_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `waitlist_entries_business_service_idx` ON `waitlist_entries` (`business_id`,`service_id`,`status`);--> statement-breakpoint
ALTER TABLE `calls` ADD `direction` text DEFAULT 'inbound' NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `time_zone` text;