PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_lots` (
	`tenant_id` text NOT NULL,
	`id` text COLLATE NOCASE NOT NULL,
	`lot_id` text COLLATE NOCASE NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
	`warehouse` text COLLATE NOCASE NOT NULL,
	`quantity_on_hand` integer DEFAULT 0 NOT NULL,
	`received_date` text NOT NULL,
	`expiration_date` text NOT NULL,
	`unit_cost` real DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'available' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `sku`, `lot_id`, `warehouse`),
	CONSTRAINT "lots_qty_nonneg" CHECK("__new_lots"."quantity_on_hand" >= 0)
);
--> statement-breakpoint
-- hand-written: an existing lot keeps its lot_id as its API id (lot ids were unique per tenant).
INSERT INTO `__new_lots`("tenant_id", "id", "lot_id", "sku", "warehouse", "quantity_on_hand", "received_date", "expiration_date", "unit_cost", "status", "created_at", "updated_at") SELECT "tenant_id", "lot_id", "lot_id", "sku", "warehouse", "quantity_on_hand", "received_date", "expiration_date", "unit_cost", "status", "created_at", "updated_at" FROM `lots`;--> statement-breakpoint
DROP TABLE `lots`;--> statement-breakpoint
ALTER TABLE `__new_lots` RENAME TO `lots`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `lots_id` ON `lots` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `lots_lot` ON `lots` (`tenant_id`,`lot_id`);--> statement-breakpoint
CREATE INDEX `lots_sku` ON `lots` (`tenant_id`,`sku`,`expiration_date`);--> statement-breakpoint
CREATE INDEX `lots_wh` ON `lots` (`tenant_id`,`warehouse`,`sku`);--> statement-breakpoint
CREATE INDEX `lots_exp` ON `lots` (`tenant_id`,`expiration_date`);--> statement-breakpoint
CREATE TABLE `__new_order_lines` (
	`tenant_id` text NOT NULL,
	`order_id` text COLLATE NOCASE NOT NULL,
	`line` integer DEFAULT 1 NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
	`customer_id` text COLLATE NOCASE NOT NULL,
	`order_date` text NOT NULL,
	`warehouse` text COLLATE NOCASE,
	`quantity` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `order_id`, `line`)
);
--> statement-breakpoint
-- hand-written: existing lines (one per order and SKU) are numbered 1, 2, … within each order by SKU.
INSERT INTO `__new_order_lines`("tenant_id", "order_id", "line", "sku", "customer_id", "order_date", "warehouse", "quantity", "status", "created_at", "updated_at") SELECT "tenant_id", "order_id", row_number() OVER (PARTITION BY "tenant_id", "order_id" ORDER BY "sku"), "sku", "customer_id", "order_date", "warehouse", "quantity", "status", "created_at", "updated_at" FROM `order_lines`;--> statement-breakpoint
DROP TABLE `order_lines`;--> statement-breakpoint
ALTER TABLE `__new_order_lines` RENAME TO `order_lines`;--> statement-breakpoint
CREATE INDEX `order_lines_sku_date` ON `order_lines` (`tenant_id`,`sku`,`order_date`);--> statement-breakpoint
CREATE INDEX `order_lines_customer` ON `order_lines` (`tenant_id`,`customer_id`,`order_date`);--> statement-breakpoint
CREATE INDEX `order_lines_date` ON `order_lines` (`tenant_id`,`order_date`);--> statement-breakpoint
CREATE TABLE `__new_customers` (
	`tenant_id` text NOT NULL,
	`customer_id` text COLLATE NOCASE NOT NULL,
	`name` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`channel` text DEFAULT '' NOT NULL,
	`min_remaining_shelf_life_days` integer,
	`warehouse` text COLLATE NOCASE,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `customer_id`)
);
--> statement-breakpoint
INSERT INTO `__new_customers`("tenant_id", "customer_id", "name", "region", "channel", "min_remaining_shelf_life_days", "warehouse", "archived", "created_at", "updated_at") SELECT "tenant_id", "customer_id", "name", "region", "channel", "min_remaining_shelf_life_days", "warehouse", "archived", "created_at", "updated_at" FROM `customers`;--> statement-breakpoint
DROP TABLE `customers`;--> statement-breakpoint
ALTER TABLE `__new_customers` RENAME TO `customers`;--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `__new_inbound_shipments` (
	`tenant_id` text NOT NULL,
	`shipment_id` text COLLATE NOCASE NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
	`quantity` integer NOT NULL,
	`quantity_received` integer DEFAULT 0 NOT NULL,
	`eta_date` text NOT NULL,
	`origin` text DEFAULT '' NOT NULL,
	`warehouse` text COLLATE NOCASE,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `shipment_id`, `sku`)
);
--> statement-breakpoint
INSERT INTO `__new_inbound_shipments`("tenant_id", "shipment_id", "sku", "quantity", "quantity_received", "eta_date", "origin", "warehouse", "status", "created_at", "updated_at") SELECT "tenant_id", "shipment_id", "sku", "quantity", "quantity_received", "eta_date", "origin", "warehouse", "status", "created_at", "updated_at" FROM `inbound_shipments`;--> statement-breakpoint
DROP TABLE `inbound_shipments`;--> statement-breakpoint
ALTER TABLE `__new_inbound_shipments` RENAME TO `inbound_shipments`;--> statement-breakpoint
CREATE INDEX `inbound_eta` ON `inbound_shipments` (`tenant_id`,`sku`,`eta_date`);--> statement-breakpoint
CREATE TABLE `__new_movement_lines` (
	`movement_id` text NOT NULL,
	`line` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`lot_id` text COLLATE NOCASE NOT NULL,
	`warehouse` text COLLATE NOCASE NOT NULL,
	`delta` integer NOT NULL,
	PRIMARY KEY(`movement_id`, `line`)
);
--> statement-breakpoint
INSERT INTO `__new_movement_lines`("movement_id", "line", "tenant_id", "lot_id", "warehouse", "delta") SELECT "movement_id", "line", "tenant_id", "lot_id", "warehouse", "delta" FROM `movement_lines`;--> statement-breakpoint
DROP TABLE `movement_lines`;--> statement-breakpoint
ALTER TABLE `__new_movement_lines` RENAME TO `movement_lines`;--> statement-breakpoint
CREATE INDEX `movement_lines_lot` ON `movement_lines` (`tenant_id`,`lot_id`);--> statement-breakpoint
CREATE TABLE `__new_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`reverses_id` text,
	`customer_id` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_movements`("id", "tenant_id", "type", "sku", "quantity", "reason", "reference", "reverses_id", "customer_id", "created_by", "created_at") SELECT "id", "tenant_id", "type", "sku", "quantity", "reason", "reference", "reverses_id", "customer_id", "created_by", "created_at" FROM `movements`;--> statement-breakpoint
DROP TABLE `movements`;--> statement-breakpoint
ALTER TABLE `__new_movements` RENAME TO `movements`;--> statement-breakpoint
CREATE INDEX `movements_tenant_time` ON `movements` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `movements_sku` ON `movements` (`tenant_id`,`sku`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `movements_reverses` ON `movements` (`tenant_id`,`reverses_id`);--> statement-breakpoint
CREATE TABLE `__new_products` (
	`tenant_id` text NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
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
INSERT INTO `__new_products`("tenant_id", "sku", "name", "category", "case_size", "shelf_life_days", "unit_cost", "unit_price", "lead_time_days", "lead_time_sd_days", "moq", "supplier", "min_remaining_shelf_life_days", "safety_stock", "reorder_point", "archived", "created_at", "updated_at") SELECT "tenant_id", "sku", "name", "category", "case_size", "shelf_life_days", "unit_cost", "unit_price", "lead_time_days", "lead_time_sd_days", "moq", "supplier", "min_remaining_shelf_life_days", "safety_stock", "reorder_point", "archived", "created_at", "updated_at" FROM `products`;--> statement-breakpoint
DROP TABLE `products`;--> statement-breakpoint
ALTER TABLE `__new_products` RENAME TO `products`;--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`tenant_id`,`category`);--> statement-breakpoint
CREATE INDEX `products_name` ON `products` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `__new_warehouses` (
	`tenant_id` text NOT NULL,
	`code` text COLLATE NOCASE NOT NULL,
	`name` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `code`)
);
--> statement-breakpoint
INSERT INTO `__new_warehouses`("tenant_id", "code", "name", "region", "archived", "created_at", "updated_at") SELECT "tenant_id", "code", "name", "region", "archived", "created_at", "updated_at" FROM `warehouses`;--> statement-breakpoint
DROP TABLE `warehouses`;--> statement-breakpoint
ALTER TABLE `__new_warehouses` RENAME TO `warehouses`;