package reportparse

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gtext "github.com/yuin/goldmark/text"
)

func goldmarkNew() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.DefinitionList))
}
func gtextNewReader(b []byte) gtext.Reader { return gtext.NewReader(b) }
