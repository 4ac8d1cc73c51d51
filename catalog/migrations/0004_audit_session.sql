-- 0004: who made each change. session is random and new each time a program
-- opens the case (the app, or one command), so that a window can tell the
-- changes made elsewhere; actor is the user, the computer and the program.
-- Entries written before this migration have both empty.
ALTER TABLE audit ADD COLUMN session TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN actor TEXT NOT NULL DEFAULT '';
