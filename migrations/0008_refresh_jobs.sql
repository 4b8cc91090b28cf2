CREATE TABLE `refresh_chunks` (
	`job_id` text NOT NULL,
	`idx` integer NOT NULL,
	`first_sku` text NOT NULL,
	`last_sku` text NOT NULL,
	`skus` integer NOT NULL,
	`done_at` integer,
	PRIMARY KEY(`job_id`, `idx`)
);
--> statement-breakpoint
CREATE TABLE `refresh_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`as_of` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`chunks` integer NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_jobs_version` ON `refresh_jobs` (`tenant_id`,`version`);--> statement-breakpoint
CREATE INDEX `refresh_jobs_status` ON `refresh_jobs` (`status`,`heartbeat_at`);