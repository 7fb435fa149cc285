CREATE TABLE `knowledge_gaps` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`call_id` text,
	`question` text NOT NULL,
	`normalized` text NOT NULL,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_gaps_call_question_unique` ON `knowledge_gaps` (`call_id`,`normalized`);--> statement-breakpoint
CREATE INDEX `knowledge_gaps_business_normalized_idx` ON `knowledge_gaps` (`business_id`,`normalized`);--> statement-breakpoint
ALTER TABLE `calls` ADD `analysis` text;