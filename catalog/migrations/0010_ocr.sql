-- 0010: excerpts read by OCR from a scanned page or a photographed
-- document. ocr is 1 for them; ocr_confidence is Tesseract's mean
-- confidence in their words (0 to 100), NULL for text read from a text
-- layer; ocr_boxes are their words' boxes as JSON, [[x0,y0,x1,y1],...], in
-- PDF points (y up) on a PDF page, in pixels of the upright picture (y
-- down) for a picture, so that an excerpt can be highlighted on a scan
-- that has no text to find it in. Every excerpt read before is ocr 0.
ALTER TABLE excerpts ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
ALTER TABLE excerpts ADD COLUMN ocr_confidence REAL;
ALTER TABLE excerpts ADD COLUMN ocr_boxes TEXT;
