package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// DefaultTimeout bounds Tesseract's work on one page.
const DefaultTimeout = 3 * time.Minute

// ErrNotInstalled is Tesseract's command missing.
var ErrNotInstalled = errors.New("tesseract (the OCR engine) is not installed")

// installHint says how to install Tesseract and the languages Exhibit's
// users read.
const installHint = "install it: on Debian or Ubuntu `sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara`, " +
	"on macOS `brew install tesseract tesseract-lang`, on Windows the UB Mannheim installer (https://github.com/UB-Mannheim/tesseract/wiki)"

// Options say how Tesseract is run.
type Options struct {
	// Langs are Tesseract's language codes joined by "+" ("ara+eng");
	// "" is DefaultLangs of those installed.
	Langs string
	// Command is Tesseract's command; "" is "tesseract" on PATH.
	Command string
	// Timeout bounds one page; 0 is DefaultTimeout.
	Timeout time.Duration
}

func (o Options) command() string {
	if o.Command != "" {
		return o.Command
	}
	return "tesseract"
}

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

// LangError is a language asked for whose data Tesseract does not have.
type LangError struct {
	Missing   []string
	Installed []string
}

func (e *LangError) Error() string {
	pkgs := make([]string, len(e.Missing))
	for i, l := range e.Missing {
		pkgs[i] = "tesseract-ocr-" + strings.ReplaceAll(strings.ToLower(l), "_", "-")
	}
	return fmt.Sprintf("Tesseract has no data for %s (installed: %s); install it (Debian, Ubuntu: `sudo apt-get install %s`)",
		strings.Join(e.Missing, ", "), strings.Join(e.Installed, ", "), strings.Join(pkgs, " "))
}

// Installed lists the languages Tesseract has data for
// (`tesseract --list-langs`), "osd" (orientation detection) left out.
// Without Tesseract it returns an error wrapping ErrNotInstalled.
func Installed(ctx context.Context, opt Options) ([]string, error) {
	bin, err := exec.LookPath(opt.command())
	if err != nil {
		return nil, fmt.Errorf("%w (%s not found); %s", ErrNotInstalled, opt.command(), installHint)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--list-langs")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out // older versions list on stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("tesseract --list-langs: %w: %s", err, oneLine(out.String()))
	}
	var langs []string
	for _, l := range strings.Split(out.String(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.Contains(l, " ") || l == "osd" {
			continue // the heading line ("List of available languages in ...")
		}
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs, nil
}

// DefaultLangs is the languages read when none are asked for: English
// and Arabic, those of them installed ("ara+eng" when both are), else
// every language installed.
func DefaultLangs(installed []string) string {
	var out []string
	for _, l := range []string{"ara", "eng"} {
		if slices.Contains(installed, l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = installed
	}
	return strings.Join(out, "+")
}

// Ready checks that Tesseract is installed with the languages asked for,
// and returns the options with Langs settled (DefaultLangs when none were
// asked for).
func Ready(ctx context.Context, opt Options) (Options, error) {
	installed, err := Installed(ctx, opt)
	if err != nil {
		return opt, err
	}
	if strings.TrimSpace(opt.Langs) == "" {
		opt.Langs = DefaultLangs(installed)
		if opt.Langs == "" {
			return opt, &LangError{Missing: []string{"eng"}, Installed: installed}
		}
		return opt, nil
	}
	var missing, want []string
	for _, l := range strings.Split(opt.Langs, "+") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		want = append(want, l)
		if !slices.Contains(installed, l) {
			missing = append(missing, l)
		}
	}
	if len(want) == 0 {
		return opt, fmt.Errorf("no OCR language in %q (give Tesseract's codes joined by +, such as ara+eng)", opt.Langs)
	}
	if len(missing) > 0 {
		return opt, &LangError{Missing: missing, Installed: installed}
	}
	opt.Langs = strings.Join(want, "+")
	return opt, nil
}

// run runs Tesseract on the image in img (any format Leptonica reads:
// PNG, PNM, JPEG, TIFF), given on its standard input, and parses its TSV.
// dpi, when > 0, is the image's resolution.
func run(ctx context.Context, opt Options, img []byte, dpi int) (*Page, error) {
	bin, err := exec.LookPath(opt.command())
	if err != nil {
		return nil, fmt.Errorf("%w (%s not found); %s", ErrNotInstalled, opt.command(), installHint)
	}
	tctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	args := []string{"stdin", "stdout", "-l", opt.Langs}
	if dpi > 0 {
		args = append(args, "--dpi", fmt.Sprint(dpi))
	}
	cmd := exec.CommandContext(tctx, bin, append(args, "tsv")...)
	// One thread a page: Tesseract's OpenMP threads gain little and
	// compete with the rest of the program.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(img)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case tctx.Err() != nil:
			return nil, fmt.Errorf("tesseract took over %v on one page: stopped", opt.timeout())
		}
		return nil, fmt.Errorf("tesseract: %w: %s", err, oneLine(errOut.String()))
	}
	p, err := ParseTSV(&out)
	if err != nil {
		return nil, fmt.Errorf("read tesseract's output: %w", err)
	}
	return p, nil
}

// oneLine is s on one line, cut to 300 bytes.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
