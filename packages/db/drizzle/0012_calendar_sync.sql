CREATE TABLE `calendar_busy` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`source_id` text NOT NULL,
	`external_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `calendar_sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_busy_source_external_unique` ON `calendar_busy` (`source_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `calendar_busy_business_range_idx` ON `calendar_busy` (`business_id`,`start_at`,`end_at`);--> statement-breakpoint
CREATE TABLE `calendar_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`member_user_id` text,
	`provider` text DEFAULT 'google' NOT NULL,
	`account_email` text NOT NULL,
	`tokens_ciphertext` text NOT NULL,
	`status` text DEFAULT 'connected' NOT NULL,
	`booking_calendar_id` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calendar_connections_business_idx` ON `calendar_connections` (`business_id`);--> statement-breakpoint
CREATE TABLE `calendar_event_links` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`calendar_id` text NOT NULL,
	`external_event_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `calendar_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_event_links_appointment_connection_unique` ON `calendar_event_links` (`appointment_id`,`connection_id`);--> statement-breakpoint
CREATE INDEX `calendar_event_links_external_idx` ON `calendar_event_links` (`connection_id`,`external_event_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`member_user_id` text,
	`token_hash` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_business_idx` ON `calendar_feeds` (`business_id`);--> statement-breakpoint
CREATE TABLE `calendar_oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`member_user_id` text,
	`started_by_user_id` text NOT NULL,
	`code_verifier` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calendar_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`calendar_id` text NOT NULL,
	`summary` text NOT NULL,
	`time_zone` text,
	`blocks_availability` integer DEFAULT false NOT NULL,
	`sync_token` text,
	`synced_at` integer,
	`channel_id` text,
	`channel_resource_id` text,
	`channel_token` text,
	`channel_expires_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `calendar_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_sources_connection_calendar_unique` ON `calendar_sources` (`connection_id`,`calendar_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_sources_channel_unique` ON `calendar_sources` (`channel_id`);--> statement-breakpoint
CREATE INDEX `calendar_sources_business_idx` ON `calendar_sources` (`business_id`);