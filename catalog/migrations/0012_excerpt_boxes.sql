-- 0012: where each excerpt of a PDF stands on its pages, kept when the
-- PDF is imported, so that it is highlighted from these boxes rather than
-- found again in the page's text. boxes are its words' boxes as JSON,
-- [[page,x0,y0,x1,y1],...], page from 1, the box in PDF points (y up,
-- the page's rotation not applied), in reading order. NULL for excerpts
-- of other formats, and for those imported before: they are found in the
-- page's text as before. Excerpts read by OCR keep theirs in ocr_boxes
-- too (a picture's in its pixels).
ALTER TABLE excerpts ADD COLUMN boxes TEXT;
