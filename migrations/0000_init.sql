CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`sku` text NOT NULL,
	`lot_id` text,
	`quantity` integer NOT NULL,
	`value` real DEFAULT 0 NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'proposed' NOT NULL,
	`proposed_by` text NOT NULL,
	`decided_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `actions_state` ON `actions` (`tenant_id`,`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`deliveries` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupe` ON `alerts` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `backtests` (
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`model` text NOT NULL,
	`wape` real,
	`smape` real,
	`mase` real,
	`rmsse` real,
	`bias` real,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `sku`, `model`)
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`name` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`channel` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `forecasts` (
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`model` text NOT NULL,
	`as_of` text NOT NULL,
	`payload` text NOT NULL,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `sku`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`state` text NOT NULL,
	`status` integer,
	`response` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `import_errors` (
	`import_id` text NOT NULL,
	`seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`row` integer NOT NULL,
	`column` text DEFAULT '' NOT NULL,
	`value` text DEFAULT '' NOT NULL,
	`message` text NOT NULL,
	PRIMARY KEY(`import_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`entity` text NOT NULL,
	`file_name` text NOT NULL,
	`object_key` text NOT NULL,
	`sha256` text NOT NULL,
	`source` text DEFAULT 'upload' NOT NULL,
	`mode` text DEFAULT 'upsert' NOT NULL,
	`policy` text DEFAULT 'all-or-nothing' NOT NULL,
	`options` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`rows_total` integer DEFAULT 0 NOT NULL,
	`rows_processed` integer DEFAULT 0 NOT NULL,
	`rows_ok` integer DEFAULT 0 NOT NULL,
	`rows_failed` integer DEFAULT 0 NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `imports_tenant_time` ON `imports` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `imports_sha` ON `imports` (`tenant_id`,`entity`,`sha256`,`mode`,`policy`);--> statement-breakpoint
CREATE TABLE `inbound_shipments` (
	`tenant_id` text NOT NULL,
	`shipment_id` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`eta_date` text NOT NULL,
	`origin` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `shipment_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `inbound_eta` ON `inbound_shipments` (`tenant_id`,`sku`,`eta_date`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`scheduled_time` integer NOT NULL,
	`tenant_id` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`job`, `scheduled_time`, `tenant_id`)
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lots` (
	`tenant_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`sku` text NOT NULL,
	`warehouse` text NOT NULL,
	`quantity_on_hand` integer DEFAULT 0 NOT NULL,
	`received_date` text NOT NULL,
	`expiration_date` text NOT NULL,
	`unit_cost` real DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'available' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `lot_id`),
	CONSTRAINT "lots_qty_nonneg" CHECK("lots"."quantity_on_hand" >= 0)
);
--> statement-breakpoint
CREATE INDEX `lots_sku` ON `lots` (`tenant_id`,`sku`,`expiration_date`);--> statement-breakpoint
CREATE INDEX `lots_wh` ON `lots` (`tenant_id`,`warehouse`,`sku`);--> statement-breakpoint
CREATE INDEX `lots_exp` ON `lots` (`tenant_id`,`expiration_date`);--> statement-breakpoint
CREATE TABLE `movement_lines` (
	`movement_id` text NOT NULL,
	`line` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`warehouse` text NOT NULL,
	`delta` integer NOT NULL,
	PRIMARY KEY(`movement_id`, `line`)
);
--> statement-breakpoint
CREATE INDEX `movement_lines_lot` ON `movement_lines` (`tenant_id`,`lot_id`);--> statement-breakpoint
CREATE TABLE `movements` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`reverses_id` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `movements_tenant_time` ON `movements` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `movements_sku` ON `movements` (`tenant_id`,`sku`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `movements_reverses` ON `movements` (`tenant_id`,`reverses_id`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`tenant_id` text NOT NULL,
	`order_id` text NOT NULL,
	`sku` text NOT NULL,
	`customer_id` text NOT NULL,
	`order_date` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `order_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `order_lines_sku_date` ON `order_lines` (`tenant_id`,`sku`,`order_date`);--> statement-breakpoint
CREATE INDEX `order_lines_customer` ON `order_lines` (`tenant_id`,`customer_id`,`order_date`);--> statement-breakpoint
CREATE INDEX `order_lines_date` ON `order_lines` (`tenant_id`,`order_date`);--> statement-breakpoint
CREATE TABLE `products` (
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`case_size` integer DEFAULT 1 NOT NULL,
	`shelf_life_days` integer NOT NULL,
	`unit_cost` real DEFAULT 0 NOT NULL,
	`unit_price` real DEFAULT 0 NOT NULL,
	`lead_time_days` real DEFAULT 7 NOT NULL,
	`lead_time_sd_days` real DEFAULT 0 NOT NULL,
	`moq` integer DEFAULT 0 NOT NULL,
	`supplier` text DEFAULT '' NOT NULL,
	`min_remaining_shelf_life_days` integer DEFAULT 0 NOT NULL,
	`safety_stock` real,
	`reorder_point` real,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `sku`)
);
--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`tenant_id`,`category`);--> statement-breakpoint
CREATE INDEX `products_name` ON `products` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`oidc_issuer` text,
	`oidc_jwks_url` text,
	`oidc_audience` text,
	`oidc_role_claim` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_oidc_issuer` ON `tenants` (`oidc_issuer`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_tenant` ON `users` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `warehouses` (
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `code`)
);
