package reportparse

import "testing"

// A paragraph set in from the margin (a quotation, a licence) that runs
// over a page break is one excerpt on both pages, though the next page's
// margin (its other paragraphs) is further left.
func TestIndentedParagraphContinuesOnNextPage(t *testing.T) {
	parts := []docPart{
		{level: 1, text: "Appendix: the witness statement"},
		{text: "The statement below is copied as the witness signed it."},
		{text: "I was at the corner of the square when the first strike hit the bakery. The second came about a minute later and brought down the east wall of the clinic onto the street, where people had gathered to help the wounded; we carried them out through the back of the building because the street was full of dust.",
			indent: 14, breakAfter: 2},
		{text: "The witness read the statement again in the team's presence and signed each page."},
	}
	data, want := genPDF(t, parts, genOptions{header: runningHeader})
	got, _, err := parseAll(t, writeTemp(t, "indented.pdf", data))
	if err != nil {
		t.Fatal(err)
	}
	var quote *Block
	for i := range got {
		if got[i].Text == want[1].Text {
			quote = &got[i]
		}
	}
	if want[1].PageEnd != want[1].Page+1 {
		t.Fatalf("the generated statement is on pages %d–%d, want it over a page break", want[1].Page, want[1].PageEnd)
	}
	if quote == nil {
		t.Fatalf("the statement is not one excerpt:\n%s", blockTexts(got))
	}
	if quote.Page != want[1].Page || quote.PageEnd != want[1].PageEnd {
		t.Errorf("the statement on pages %d–%d, want %d–%d", quote.Page, quote.PageEnd, want[1].Page, want[1].PageEnd)
	}
}
