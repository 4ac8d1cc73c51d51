package reportparse

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// This file is a tokenizer for PDF content streams and CMaps: the streams
// the text of a page is drawn by. It handles inline images (BI … ID … EI),
// whose binary data would otherwise read as garbage operators.

type opKind uint8

const (
	opNumber opKind = iota + 1
	opString
	opName
	opArray
	opDict
	opBool
	opNull
	opRef // an indirect reference "12 0 R" in an array or a dictionary: num is 12
)

// operand is one value on a content stream's operand stack.
type operand struct {
	kind opKind
	num  float64
	str  string    // string bytes (opString) or name (opName)
	arr  []operand // opArray; opDict holds key, value, key, value…
}

// maxNesting bounds arrays and dictionaries nested in a content stream.
const maxNesting = 32

// maxElements bounds the elements kept of one operand (an array or a
// dictionary, with what is nested in it), and maxStringBytes the bytes
// kept of one string: the rest is read and dropped. An element takes
// tens of bytes in memory for two in the stream.
const (
	maxElements    = 1 << 14
	maxStringBytes = 1 << 20
)

type lexer struct {
	r *bufio.Reader
	// err is the first read error other than io.EOF.
	err error
	// elements counts the elements kept of the operand being read.
	elements int
}

func newLexer(r io.Reader) *lexer { return newLexerSize(r, 4096) }

// newLexerSize is newLexer with a read buffer of the given size.
func newLexerSize(r io.Reader, size int) *lexer {
	return &lexer{r: bufio.NewReaderSize(r, size)}
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) readByte() (byte, bool) {
	c, err := l.r.ReadByte()
	if err != nil {
		if err != io.EOF && l.err == nil {
			l.err = err
		}
		return 0, false
	}
	return c, true
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() bool {
	for {
		c, ok := l.readByte()
		if !ok {
			return false
		}
		if isPDFSpace(c) {
			continue
		}
		if c == '%' {
			for {
				c, ok = l.readByte()
				if !ok {
					return false
				}
				if c == '\n' || c == '\r' {
					break
				}
			}
			continue
		}
		_ = l.r.UnreadByte()
		return true
	}
}

// next reads the next token: an operand, or an operator (returned as
// op != ""). ok is false at the end of the stream.
func (l *lexer) next() (v operand, op string, ok bool) {
	l.elements = 0
	return l.nextDepth(0)
}

func (l *lexer) nextDepth(depth int) (v operand, op string, ok bool) {
	if !l.skipSpace() {
		return v, "", false
	}
	c, _ := l.readByte()
	switch {
	case c == '(':
		return operand{kind: opString, str: l.literalString()}, "", true
	case c == '<':
		c2, ok2 := l.readByte()
		if ok2 && c2 == '<' {
			return l.collection(depth, ">>", opDict), "", true
		}
		if ok2 {
			_ = l.r.UnreadByte()
		}
		return operand{kind: opString, str: l.hexString()}, "", true
	case c == '[':
		return l.collection(depth, "]", opArray), "", true
	case c == '/':
		return operand{kind: opName, str: l.name()}, "", true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		if c == '>' {
			if c2, ok2 := l.readByte(); ok2 && c2 != '>' {
				_ = l.r.UnreadByte()
			}
			return v, ">>", true
		}
		return v, string(c), true
	}
	// A number or a keyword.
	word := []byte{c}
	for {
		c, ok := l.readByte()
		if !ok {
			break
		}
		if isPDFSpace(c) || isPDFDelim(c) {
			_ = l.r.UnreadByte()
			break
		}
		if len(word) < 256 {
			word = append(word, c)
		}
	}
	if (word[0] >= '0' && word[0] <= '9') || word[0] == '-' || word[0] == '+' || word[0] == '.' {
		f, err := strconv.ParseFloat(string(word), 64)
		if err != nil {
			f = lenientNumber(word)
		}
		return operand{kind: opNumber, num: f}, "", true
	}
	switch string(word) {
	case "true", "false":
		return operand{kind: opBool, num: b2f(string(word) == "true")}, "", true
	case "null":
		return operand{kind: opNull}, "", true
	}
	return v, string(word), true
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// lenientNumber reads numbers such as "--5" or "1.2.3" as PDF readers do:
// the longest valid prefix, else 0.
func lenientNumber(word []byte) float64 {
	for n := len(word) - 1; n > 0; n-- {
		if f, err := strconv.ParseFloat(string(bytes.TrimLeft(word[:n], "+-")), 64); err == nil {
			return f
		}
	}
	return 0
}

// collection reads an array or a dictionary up to its closing token.
func (l *lexer) collection(depth int, end string, kind opKind) operand {
	out := operand{kind: kind}
	if depth >= maxNesting {
		// Too deep: skip to the end of the stream's nesting gracefully.
		return out
	}
	for {
		v, op, ok := l.nextDepth(depth + 1)
		if !ok || op == end {
			return out
		}
		if op != "" {
			// Operators inside arrays are malformed, except R after two
			// numbers: an indirect reference (in a file's dictionaries).
			if op == "]" || op == ">>" {
				return out
			}
			if n := len(out.arr); op == "R" && n >= 2 && out.arr[n-1].kind == opNumber && out.arr[n-2].kind == opNumber {
				out.arr = append(out.arr[:n-2], operand{kind: opRef, num: out.arr[n-2].num})
			}
			continue
		}
		if l.elements < maxElements {
			l.elements++
			out.arr = append(out.arr, v)
		}
	}
}

func (l *lexer) literalString() string {
	var buf []byte
	depth := 1
	for {
		c, ok := l.readByte()
		if !ok {
			return string(buf)
		}
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(buf)
			}
		case '\r':
			// An end of line in a string is a single \n.
			if c2, ok := l.readByte(); ok && c2 != '\n' {
				_ = l.r.UnreadByte()
			}
			c = '\n'
		case '\\':
			c2, ok := l.readByte()
			if !ok {
				return string(buf)
			}
			switch c2 {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if c3, ok := l.readByte(); ok && c3 != '\n' {
					_ = l.r.UnreadByte()
				}
				continue
			case '\n':
				continue
			default:
				if c2 >= '0' && c2 <= '7' {
					n := int(c2 - '0')
					for i := 0; i < 2; i++ {
						c3, ok := l.readByte()
						if !ok {
							break
						}
						if c3 < '0' || c3 > '7' {
							_ = l.r.UnreadByte()
							break
						}
						n = n*8 + int(c3-'0')
					}
					c = byte(n)
				} else {
					c = c2
				}
			}
		}
		if len(buf) < maxStringBytes {
			buf = append(buf, c)
		}
	}
}

func unhexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) hexString() string {
	var buf []byte
	var hi byte
	half := false
	for {
		c, ok := l.readByte()
		if !ok || c == '>' {
			break
		}
		d, ok := unhexDigit(c)
		if !ok {
			continue
		}
		if !half {
			hi = d
		} else if len(buf) < maxStringBytes {
			buf = append(buf, hi<<4|d)
		}
		half = !half
	}
	if half {
		buf = append(buf, hi<<4)
	}
	return string(buf)
}

func (l *lexer) name() string {
	var buf []byte
	for {
		c, ok := l.readByte()
		if !ok {
			break
		}
		if isPDFSpace(c) || isPDFDelim(c) {
			_ = l.r.UnreadByte()
			break
		}
		if c == '#' {
			h, _ := l.r.Peek(2)
			if len(h) == 2 {
				a, ok1 := unhexDigit(h[0])
				b, ok2 := unhexDigit(h[1])
				if ok1 && ok2 {
					_, _ = l.r.Discard(2)
					c = a<<4 | b
				}
			}
		}
		if len(buf) < 256 {
			buf = append(buf, c)
		}
	}
	return string(buf)
}

// skipInlineImage is called after the BI operator: it reads the image's
// parameters up to ID and then skips its data up to EI.
func (l *lexer) skipInlineImage() {
	for {
		_, op, ok := l.next()
		if !ok {
			return
		}
		if op == "ID" {
			break
		}
	}
	// One white-space byte follows ID; then the data, ended by EI that is
	// preceded by white space and followed by white space or the end.
	var prev2, prev1 byte = ' ', ' '
	for {
		c, ok := l.readByte()
		if !ok {
			return
		}
		if prev1 == 'E' && c == 'I' && isPDFSpace(prev2) {
			n, _ := l.r.Peek(1)
			if len(n) == 0 || isPDFSpace(n[0]) || isPDFDelim(n[0]) {
				return
			}
		}
		prev2, prev1 = prev1, c
	}
}
