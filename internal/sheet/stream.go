package sheet

import (
	"runtime"
	"sync"
)

// printer makes the prints of jobs on all cores, in the background, while
// the pages are written: at most ahead prints wait to be taken, so that
// the pictures being made (the memory that counts) are never more than
// one per worker, however many sheets a document has.
type printer struct {
	results []chan result
	window  chan struct{} // a token per print made and not yet taken
	stop    chan struct{}
	wg      sync.WaitGroup
	next    int
}

type result struct {
	pi  printImage
	err error
}

// startPrinter starts making the prints of jobs, in order.
func startPrinter(jobs []job) *printer {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(jobs)))
	p := &printer{
		results: make([]chan result, len(jobs)),
		window:  make(chan struct{}, 2*workers),
		stop:    make(chan struct{}),
	}
	for i := range p.results {
		p.results[i] = make(chan result, 1)
	}
	todo := make(chan int)
	p.wg.Go(func() {
		defer close(todo)
		for i := range jobs {
			select {
			case p.window <- struct{}{}:
			case <-p.stop:
				return
			}
			select {
			case todo <- i:
			case <-p.stop:
				return
			}
		}
	})
	for range workers {
		p.wg.Go(func() {
			for i := range todo {
				pi, err := jobs[i].run()
				p.results[i] <- result{pi, err}
			}
		})
	}
	return p
}

// take returns the next print, in the order of the jobs, waiting for it.
func (p *printer) take() (printImage, error) {
	r := <-p.results[p.next]
	p.next++
	<-p.window
	return r.pi, r.err
}

// close stops the workers (after the print each is making) and waits for
// them.
func (p *printer) close() {
	close(p.stop)
	p.wg.Wait() // no worker blocks: each result has room waiting for it
}
