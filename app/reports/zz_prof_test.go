package reports

import (
	"testing"

	"github.com/exhibit-app/exhibit/app/apptest"
)

func BenchmarkZZProfOpen(b *testing.B) {
	c := apptest.SampleCase(b)
	huge, took := addHugePDFReport(b, c, 1500)
	b.Logf("import %v", took)
	b.Run("open", func(b *testing.B) { benchOpen(b, c, huge) })
}
