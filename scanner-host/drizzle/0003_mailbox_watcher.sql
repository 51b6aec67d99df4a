CREATE TABLE `mailbox_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_row` integer NOT NULL,
	`account` text NOT NULL,
	`action` text NOT NULL,
	`from_mailbox` text,
	`from_uid` integer,
	`to_mailbox` text,
	`to_uid` integer,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`message_row`) REFERENCES `mailbox_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mailbox_actions_message` ON `mailbox_actions` (`message_row`);--> statement-breakpoint
CREATE TABLE `mailbox_cursors` (
	`account` text NOT NULL,
	`mailbox` text NOT NULL,
	`uid_validity` text NOT NULL,
	`last_uid` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`account`, `mailbox`)
);
--> statement-breakpoint
CREATE TABLE `mailbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account` text NOT NULL,
	`mailbox` text NOT NULL,
	`uid_validity` text NOT NULL,
	`uid` integer NOT NULL,
	`state` text NOT NULL,
	`sha256` text,
	`message_id` text,
	`subject` text,
	`size` integer,
	`action` text,
	`verdict` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`retry_at` integer,
	`outcome` text,
	`location` text,
	`location_uid` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mailbox_messages_uid` ON `mailbox_messages` (`account`,`mailbox`,`uid_validity`,`uid`);--> statement-breakpoint
CREATE INDEX `mailbox_messages_sha256` ON `mailbox_messages` (`account`,`sha256`);--> statement-breakpoint
CREATE INDEX `mailbox_messages_pending` ON `mailbox_messages` (`account`,`state`);--> statement-breakpoint
CREATE INDEX `mailbox_messages_retry` ON `mailbox_messages` (`account`,`retry_at`);