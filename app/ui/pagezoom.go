package ui

import (
	"context"
	"math"
	"time"

	"fyne.io/fyne/v2"
)

// zoomed is called when the view's zoom changed, and when a page is
// shown: when the page shown has fewer pixels than the zoom needs, it is
// rendered again finer, after a pause (the zoom may go on changing).
func (p *PagePane) zoomed() {
	if p.zoomTimer != nil {
		p.zoomTimer.Stop()
		p.zoomTimer = nil
	}
	if p.current == nil {
		return
	}
	dpi := p.fineDPI()
	if dpi == 0 {
		return
	}
	p.zoomGen++
	gen := p.zoomGen
	p.zoomTimer = time.AfterFunc(p.delay, func() {
		fyne.Do(func() {
			if gen == p.zoomGen {
				p.zoomTimer = nil
				p.renderFine()
			}
		})
	})
}

// fineDPI is the resolution the zoom needs the page shown at, capped at
// MaxZoomSide and MaxZoomPixels; 0 when the image shown has enough pixels.
func (p *PagePane) fineDPI() int {
	base := p.current
	if base == nil || base.Image == nil || base.DPI <= 0 {
		return 0
	}
	need := float64(p.View.Scale() * canvasScale(p.View))
	b := base.Image.Bounds().Size()
	if b.X <= 0 || b.Y <= 0 {
		return 0
	}
	most := min(float64(MaxZoomSide)/float64(max(b.X, b.Y)), math.Sqrt(float64(MaxZoomPixels)/float64(b.X*b.Y)))
	factor := min(need, most)
	if factor <= float64(p.View.Density())*1.05 {
		return 0
	}
	return int(float64(base.DPI) * factor)
}

// renderFine renders the page shown again at the resolution its zoom
// needs, in the background; when it is done it replaces the page shown
// at the same size on screen.
func (p *PagePane) renderFine() {
	dpi := p.fineDPI()
	if dpi == 0 {
		return
	}
	base, page, render, hl := p.current, p.page, p.doc.Render, p.doc.highlights(p.page)
	Load(&p.fineLoad, p.ctx, func(ctx context.Context) (*RenderedPage, error) {
		return render(ctx, page, dpi, hl)
	}, func(rp *RenderedPage) {
		if p.current != base || rp.Image == nil {
			return
		}
		p.fine = rp
		p.View.SetPageAt(rp.Image, float32(rp.Image.Bounds().Dx())/float32(base.Image.Bounds().Dx()))
	}, func(err error) { fyne.LogError("render the page again for the zoom", err) })
}

// stopFine drops the page rendered again for the zoom, and any render of
// one in progress.
func (p *PagePane) stopFine() {
	p.fineLoad.Stop()
	p.zoomGen++
	if p.zoomTimer != nil {
		p.zoomTimer.Stop()
		p.zoomTimer = nil
	}
	p.fine = nil
}

// canvasScale is the device pixels per Fyne unit of the canvas showing
// o, 1 when it is on none.
func canvasScale(o fyne.CanvasObject) float32 {
	a := fyne.CurrentApp()
	if a == nil {
		return 1
	}
	c := a.Driver().CanvasForObject(o)
	if c == nil || c.Scale() <= 0 {
		return 1
	}
	return c.Scale()
}
