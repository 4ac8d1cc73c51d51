package pdfengine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Budgets of an engine, unless Options say otherwise.
const (
	// DefaultInstances is how many documents may be open at once; more
	// wait for one to close.
	DefaultInstances = 2
	// DefaultMaxFileSize is the largest PDF file opened.
	DefaultMaxFileSize = 1 << 30
	// DefaultTimeout bounds the life of one open document: a PDF that
	// keeps PDFium busy longer is abandoned (its instance killed).
	DefaultTimeout = 2 * time.Minute
	// DefaultMaxSide is the largest image side rendered, in pixels.
	DefaultMaxSide = 6000
	// memoryLimitPages bounds one instance's WebAssembly memory (64 KiB
	// pages): 2 GiB.
	memoryLimitPages = 1 << 15
)

// Options configure an engine; the zero value is the defaults.
type Options struct {
	// CacheDir keeps PDFium's compiled module between runs; "" is
	// CacheDir(). When it cannot be made, the module is compiled in
	// memory on every start (CacheError says why).
	CacheDir string
	// Instances, MaxFileSize, Timeout, MaxSide and KeepOpen: see the
	// defaults.
	Instances   int
	MaxFileSize int64
	Timeout     time.Duration
	MaxSide     int
	KeepOpen    int
}

// Engine runs PDFium. It is started on first use and safe for concurrent
// use; documents opened on it are independent.
type Engine struct {
	opt Options

	mu       sync.Mutex
	pool     pdfium.Pool
	closed   bool
	cacheErr error
	// kept are the documents OpenKept keeps open, the least recently
	// used first; inUse counts the instances documents hold; opened the
	// documents opened.
	kept   []*kept
	inUse  atomic.Int64
	opened int64
}

// New returns an engine, not yet started.
func New(opt Options) *Engine {
	if opt.Instances <= 0 {
		opt.Instances = DefaultInstances
	}
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxSide <= 0 {
		opt.MaxSide = DefaultMaxSide
	}
	if opt.KeepOpen <= 0 {
		opt.KeepOpen = DefaultKeepOpen
	}
	return &Engine{opt: opt}
}

var (
	sharedMu sync.Mutex
	shared   *Engine
)

// Shared returns the process's engine, made on first call (and started on
// first use). Close it with CloseShared when the program ends.
func Shared() *Engine {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if shared == nil {
		shared = New(Options{})
	}
	return shared
}

// CloseShared closes the process's engine, if it was made; a later Shared
// makes a new one.
func CloseShared() error {
	sharedMu.Lock()
	e := shared
	shared = nil
	sharedMu.Unlock()
	if e == nil {
		return nil
	}
	return e.Close()
}

// CacheDir is where compiled PDFium code is kept: "wazero" in
// $EXHIBIT_CACHE_DIR when set, else in "exhibit" in the user's cache folder
// (~/.cache/exhibit/wazero on Linux).
func CacheDir() (string, error) {
	if d := os.Getenv("EXHIBIT_CACHE_DIR"); d != "" {
		return filepath.Join(d, "wazero"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w", err)
	}
	return filepath.Join(d, "exhibit", "wazero"), nil
}

// Start starts the engine if it is not running: compiles PDFium's module,
// or loads it compiled from the cache folder. Using the engine starts it;
// Start is for starting it ahead of time.
func (e *Engine) Start() error {
	_, err := e.started()
	return err
}

// CacheError is why the compiled module could not be cached (nil when it
// is, or before Start).
func (e *Engine) CacheError() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cacheErr
}

// started returns the running pool, starting it first if needed.
func (e *Engine) started() (pdfium.Pool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if e.pool != nil {
		return e.pool, nil
	}
	rc := wazero.NewRuntimeConfig().
		// PDFium's module lowers setjmp/longjmp to exception handling.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(memoryLimitPages).
		// Killing an instance (Doc's timeout) stops the code it runs.
		WithCloseOnContextDone(true)
	if cache, err := e.cache(); err != nil {
		e.cacheErr = err
	} else {
		rc = rc.WithCompilationCache(cache)
	}
	pool, err := initPool(webassembly.Config{
		MinIdle: 0, MaxIdle: e.opt.Instances, MaxTotal: e.opt.Instances, // A fresh instance per document: nothing a PDF did to one outlives it.
		ReuseWorkers:  false,
		RuntimeConfig: rc,
		// No file system: documents are given as bytes.
		FSConfig: wazero.NewFSConfig(),
		Stdout:   discard{}, Stderr: discard{},
	})
	if err != nil {
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	e.pool = pool
	return pool, nil
}

// initPool starts go-pdfium's pool, turning a panic into an error.
func initPool(cfg webassembly.Config) (p pdfium.Pool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return webassembly.Init(cfg)
}

// cache opens the compilation cache in the cache folder.
func (e *Engine) cache() (wazero.CompilationCache, error) {
	dir := e.opt.CacheDir
	if dir == "" {
		d, err := CacheDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("make the cache folder: %w", err)
	}
	c, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open the cache folder %s: %w", dir, err)
	}
	return c, nil
}

// Close stops the engine; documents still open are closed with it. Using
// the engine after Close is ErrClosed.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	e.closeKept()
	if e.pool == nil {
		return nil
	}
	err := e.pool.Close()
	e.pool = nil
	if err != nil {
		return fmt.Errorf("stop PDFium: %w", err)
	}
	return nil
}

// instance borrows a PDFium instance for a document, waiting for one
// while all are in use (a kept document no one uses is closed first to
// free its instance).
func (e *Engine) instance(ctx context.Context) (pdfium.Pdfium, error) {
	pool, err := e.started()
	if err != nil {
		return nil, err
	}
	if e.inUse.Load() >= int64(e.opt.Instances) {
		e.evictIdle()
	}
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("wait for PDFium: %w", ctx.Err())
		}
		if errors.Is(err, context.Canceled) || e.isClosed() {
			return nil, ErrClosed
		}
		return nil, fmt.Errorf("start a PDFium instance: %w", err)
	}
	e.inUse.Add(1)
	return inst, nil
}

func (e *Engine) isClosed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// discard swallows PDFium's own output.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
