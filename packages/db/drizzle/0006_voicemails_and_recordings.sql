CREATE TABLE `call_recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`call_id` text NOT NULL,
	`audio_path` text NOT NULL,
	`audio_bytes` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_recordings_call_idx` ON `call_recordings` (`call_id`);--> statement-breakpoint
CREATE INDEX `call_recordings_business_expires_idx` ON `call_recordings` (`business_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `voicemails` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`message_id` text NOT NULL,
	`call_id` text,
	`recording_sid` text NOT NULL,
	`duration_seconds` integer NOT NULL,
	`audio_path` text,
	`audio_bytes` integer,
	`audio_content_type` text,
	`transcript` text,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voicemails_recording_sid_idx` ON `voicemails` (`recording_sid`);--> statement-breakpoint
CREATE INDEX `voicemails_business_message_idx` ON `voicemails` (`business_id`,`message_id`);