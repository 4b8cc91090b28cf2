CREATE TABLE `import_chunks` (
	`import_id` text NOT NULL,
	`run` integer NOT NULL,
	`seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`rows` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`import_id`, `run`, `seq`)
);
--> statement-breakpoint
ALTER TABLE `imports` ADD `format` text DEFAULT 'csv' NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `run` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `step` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `checkpoint` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `bytes_total` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `bytes_processed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `rows_skipped` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `error_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `imports_active` ON `imports` (`status`,`updated_at`);