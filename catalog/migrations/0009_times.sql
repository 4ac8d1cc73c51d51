-- 0009: where each capture time comes from, the file's modification time
-- kept apart from it, capture times asserted by investigators, and camera
-- clock shifts.
--
-- taken_source names the tag or block taken_at was read from
-- (exif:DateTimeOriginal, exif:CreateDate, xmp, iptc, maker:..., gps); NULL
-- when there is no capture time, or for images cataloged before Exhibit
-- recorded it. modified_at is the file's own ModifyDate (camera clock, like
-- taken_at; modified_offset its "+02:00" when stated): never a capture time.
ALTER TABLE images ADD COLUMN taken_source TEXT;
ALTER TABLE images ADD COLUMN modified_at TEXT;
ALTER TABLE images ADD COLUMN modified_offset TEXT;

-- A capture time an investigator asserts for an image (a satellite image's
-- time from its provider's catalogue, a screenshot's, a scan's), with where
-- it comes from. It stands next to what the file says, never over it; a
-- cleared assertion is kept (cleared_at set), never deleted or changed.
CREATE TABLE asserted_times (
    id            INTEGER PRIMARY KEY,
    image_id      INTEGER NOT NULL REFERENCES images(id),
    taken_at      TEXT NOT NULL,   -- clock, "2006-01-02T15:04:05[.fff]"
    taken_offset  TEXT,            -- "+03:00" when given; NULL: zone not given
    source        TEXT NOT NULL,   -- what the investigator took it from
    actor         TEXT NOT NULL,   -- who asserted it (user@computer, program)
    at            TEXT NOT NULL,
    cleared_at    TEXT
);
CREATE INDEX asserted_times_image ON asserted_times(image_id) WHERE cleared_at IS NULL;
CREATE TRIGGER asserted_times_no_delete BEFORE DELETE ON asserted_times
BEGIN SELECT RAISE(ABORT, 'asserted capture times are kept'); END;
CREATE TRIGGER asserted_times_only_clear BEFORE UPDATE ON asserted_times
WHEN OLD.cleared_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.image_id IS NOT OLD.image_id
  OR NEW.taken_at IS NOT OLD.taken_at OR NEW.taken_offset IS NOT OLD.taken_offset OR NEW.source IS NOT OLD.source
  OR NEW.actor IS NOT OLD.actor OR NEW.at IS NOT OLD.at
BEGIN SELECT RAISE(ABORT, 'an asserted capture time can only be cleared, once'); END;

-- A correction of one camera's clock (named as catalog.CameraName names
-- it), applied to the capture time of that camera's images; the values the
-- files hold are unchanged. A cleared shift is kept.
CREATE TABLE clock_shifts (
    id          INTEGER PRIMARY KEY,
    camera      TEXT NOT NULL,
    shift_ns    INTEGER NOT NULL,  -- added to the camera's clock
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    cleared_at  TEXT
);
CREATE INDEX clock_shifts_camera ON clock_shifts(camera) WHERE cleared_at IS NULL;
CREATE TRIGGER clock_shifts_no_delete BEFORE DELETE ON clock_shifts
BEGIN SELECT RAISE(ABORT, 'clock shifts are kept'); END;
CREATE TRIGGER clock_shifts_only_clear BEFORE UPDATE ON clock_shifts
WHEN OLD.cleared_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.camera IS NOT OLD.camera
  OR NEW.shift_ns IS NOT OLD.shift_ns OR NEW.reason IS NOT OLD.reason OR NEW.actor IS NOT OLD.actor OR NEW.at IS NOT OLD.at
BEGIN SELECT RAISE(ABORT, 'a clock shift can only be cleared, once'); END;
