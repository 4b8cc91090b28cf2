CREATE TABLE `alert_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`url` text NOT NULL,
	`secret` text,
	`config` text DEFAULT '{}' NOT NULL,
	`kinds` text DEFAULT '[]' NOT NULL,
	`min_severity` text DEFAULT 'warning' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_channels_tenant` ON `alert_channels` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`alert_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`response_status` integer,
	`error` text,
	`claimed_at` integer,
	`sent_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_deliveries_pair` ON `alert_deliveries` (`alert_id`,`channel_id`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_tenant` ON `alert_deliveries` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `request_metrics` (
	`tenant_id` text NOT NULL,
	`bucket` integer NOT NULL,
	`method` text NOT NULL,
	`route` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`errors_4xx` integer DEFAULT 0 NOT NULL,
	`errors_5xx` integer DEFAULT 0 NOT NULL,
	`total_ms` real DEFAULT 0 NOT NULL,
	`h0` integer DEFAULT 0 NOT NULL,
	`h1` integer DEFAULT 0 NOT NULL,
	`h2` integer DEFAULT 0 NOT NULL,
	`h3` integer DEFAULT 0 NOT NULL,
	`h4` integer DEFAULT 0 NOT NULL,
	`h5` integer DEFAULT 0 NOT NULL,
	`h6` integer DEFAULT 0 NOT NULL,
	`h7` integer DEFAULT 0 NOT NULL,
	`h8` integer DEFAULT 0 NOT NULL,
	`h9` integer DEFAULT 0 NOT NULL,
	`h10` integer DEFAULT 0 NOT NULL,
	`h11` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `bucket`, `method`, `route`)
);
--> statement-breakpoint
ALTER TABLE `alerts` ADD `condition_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `alerts` ADD `cleared_at` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `acknowledged_at` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `acknowledged_by` text;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_condition` ON `alerts` (`tenant_id`,`condition_key`) WHERE "alerts"."cleared_at" IS NULL AND "alerts"."condition_key" <> '';--> statement-breakpoint
CREATE INDEX `alerts_tenant_time` ON `alerts` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `job_runs` ADD `started_at` integer;