ALTER TABLE `customers` ADD `min_remaining_shelf_life_days` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `warehouse` text;--> statement-breakpoint
ALTER TABLE `inbound_shipments` ADD `quantity_received` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_shipments` ADD `warehouse` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `warehouse` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `currency` text DEFAULT 'USD' NOT NULL;