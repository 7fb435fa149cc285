-- Full-text search over what was said on calls and their summaries (FTS5; drizzle-kit cannot express it).
-- One row per transcript turn (rowid = the turn's rowid) and one per call summary (rowid = minus the
-- call's rowid), so each row is found again by rowid when its source changes. Content is stored in the
-- FTS table itself, which snippets read: an external-content table would depend on call_turns' implicit
-- rowids, which VACUUM may renumber. `tenant` holds the business as one token ('#' || hex(id)): every query
-- matches it, so FTS intersects with that business's rows only (the join on calls.business_id still
-- decides). '#' is a token character so that no searched word (letters and digits only) can match the
-- tenant token, which lets queries skip column filters (a column filter makes FTS5 read position lists,
-- ten times slower on a large business). `call_id` is stored, not indexed. Triggers keep it in sync.
CREATE VIRTUAL TABLE `call_search` USING fts5(
  `body`,
  `tenant`,
  `call_id` UNINDEXED,
  tokenize = "unicode61 remove_diacritics 2 tokenchars '#'"
);
--> statement-breakpoint
-- `rank` is bm25 over the body only: the tenant token is in every row of a business and says nothing.
INSERT INTO `call_search` (`call_search`, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
--> statement-breakpoint
CREATE TRIGGER `call_search_turn_insert` AFTER INSERT ON `call_turns`
BEGIN
  INSERT INTO `call_search` (rowid, `body`, `tenant`, `call_id`)
  VALUES (NEW.rowid, NEW.`text`, '#' || hex(NEW.`business_id`), NEW.`call_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `call_search_turn_update` AFTER UPDATE OF `text` ON `call_turns`
BEGIN
  DELETE FROM `call_search` WHERE rowid = OLD.rowid;
  INSERT INTO `call_search` (rowid, `body`, `tenant`, `call_id`)
  VALUES (NEW.rowid, NEW.`text`, '#' || hex(NEW.`business_id`), NEW.`call_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `call_search_turn_delete` AFTER DELETE ON `call_turns`
BEGIN
  DELETE FROM `call_search` WHERE rowid = OLD.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `call_search_summary_insert` AFTER INSERT ON `calls`
WHEN NEW.`summary` IS NOT NULL AND NEW.`summary` <> ''
BEGIN
  INSERT INTO `call_search` (rowid, `body`, `tenant`, `call_id`)
  VALUES (-NEW.rowid, NEW.`summary`, '#' || hex(NEW.`business_id`), NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `call_search_summary_update` AFTER UPDATE OF `summary` ON `calls`
BEGIN
  DELETE FROM `call_search` WHERE rowid = -OLD.rowid;
  INSERT INTO `call_search` (rowid, `body`, `tenant`, `call_id`)
  SELECT -NEW.rowid, NEW.`summary`, '#' || hex(NEW.`business_id`), NEW.`id`
  WHERE NEW.`summary` IS NOT NULL AND NEW.`summary` <> '';
END;
--> statement-breakpoint
CREATE TRIGGER `call_search_summary_delete` AFTER DELETE ON `calls`
BEGIN
  DELETE FROM `call_search` WHERE rowid = -OLD.rowid;
END;
--> statement-breakpoint
-- Backfill what databases already hold.
INSERT INTO `call_search` (rowid, `body`, `tenant`, `call_id`)
SELECT rowid, `text`, '#' || hex(`business_id`), `call_id` FROM `call_turns`;
--> statement-breakpoint
INSERT INTO `call_search` (rowid, `body`, `tenant`, `call_id`)
SELECT -rowid, `summary`, '#' || hex(`business_id`), `id` FROM `calls`
WHERE `summary` IS NOT NULL AND `summary` <> '';
