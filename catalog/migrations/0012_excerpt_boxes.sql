-- 0012: where each excerpt of a PDF stands on its pages, kept when the
-- PDF is imported, so that it is highlighted from these boxes rather than
-- found again in the page's text. boxes are its words' boxes as JSON,
-- [[page,x0,y0,x1,y1],...], page from 1, the box in PDF points (y up,
-- the page's rotation not applied), in reading order. A table of its own,
-- one row per excerpt that has boxes: the excerpts table, read whole when
-- a report is shown, stays small. Excerpts of other formats, and those
-- imported before, have none: they are found in the page's text as
-- before. Excerpts read by OCR keep theirs in excerpts.ocr_boxes too (a
-- picture's in its pixels).
CREATE TABLE excerpt_boxes (
    excerpt_id  INTEGER PRIMARY KEY REFERENCES excerpts(id),
    boxes       TEXT NOT NULL
);

-- A report's current excerpts (gone_at NULL) counted, every time reports
-- are listed or one is shown, from this index alone (a covering index),
-- without reading each excerpt: a PDF of 10,000 pages has some 35,000.
CREATE INDEX excerpts_current ON excerpts(report_id, gone_at);
