package viewer

import (
	"time"

	"fyne.io/fyne/v2"
)

// swipeKeyStep is how far an arrow key moves the swipe divider, as a
// share of the visible width.
const swipeKeyStep = 0.02

// typedRune handles the compare view's keys for every view in it.
func (cv *CompareView) typedRune(r rune) bool {
	if r >= '1' && r <= '5' {
		cv.SetMode(CompareMode(r - '1'))
		return true
	}
	return false // Space arrives as a key too: see typedKey
}

// typedKey moves the swipe divider with the left and right arrows.
func (cv *CompareView) typedKey(ev *fyne.KeyEvent) bool {
	if cv.mode == ModeSwipe && (ev.Name == fyne.KeyLeft || ev.Name == fyne.KeyRight) {
		step := swipeKeyStep * cv.ov.VisibleRegion().Dx()
		if step <= 0 {
			step = swipeKeyStep
		}
		if ev.Name == fyne.KeyLeft {
			step = -step
		}
		cv.SetSwipe(cv.params.swipe + step)
		return true
	}
	if cv.mode == ModeFlicker && ev.Name == fyne.KeySpace {
		cv.FlickerStep()
		return true
	}
	return false
}

// flickerState is the flicker mode's timer.
type flickerState struct {
	interval  time.Duration
	showAfter bool
	paused    bool
	stop      chan struct{} // open while the timer runs
	toggles   int
}

// SetFlickerInterval sets how long each image shows in flicker mode; 0 or
// less switches only by hand (Space). It resumes a paused flicker.
func (cv *CompareView) SetFlickerInterval(d time.Duration) {
	cv.flick.interval = d
	cv.flick.paused = false
	cv.stopFlicker()
	cv.updateFlicker()
	cv.Refresh()
}

// FlickerInterval returns how long each image shows in flicker mode.
func (cv *CompareView) FlickerInterval() time.Duration { return cv.flick.interval }

// FlickerStep shows the other image in flicker mode and pauses the
// automatic flicker (SetFlickerInterval or choosing the mode again
// resumes it).
func (cv *CompareView) FlickerStep() {
	if cv.mode != ModeFlicker {
		return
	}
	cv.flick.paused = true
	cv.stopFlicker()
	cv.toggleFlicker()
}

// FlickerShowsAfter reports whether flicker mode shows the after image.
func (cv *CompareView) FlickerShowsAfter() bool { return cv.flick.showAfter }

func (cv *CompareView) toggleFlicker() {
	cv.flick.showAfter = !cv.flick.showAfter
	cv.flick.toggles++
	cv.Refresh()
}

// flickerRunning reports whether the timer runs.
func (cv *CompareView) flickerRunning() bool { return cv.flick.stop != nil }

// updateFlicker starts the timer when the flicker should run (its mode,
// shown, not paused) and stops it otherwise.
func (cv *CompareView) updateFlicker() {
	f := &cv.flick
	want := cv.mode == ModeFlicker && cv.Visible() && !cv.destroyed && !f.paused && f.interval > 0
	if !want {
		cv.stopFlicker()
		return
	}
	if f.stop != nil {
		return
	}
	stop := make(chan struct{})
	f.stop = stop
	interval := f.interval
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() {
					if cv.flick.stop == stop {
						cv.toggleFlicker()
					}
				})
			}
		}
	}()
}

func (cv *CompareView) stopFlicker() {
	if cv.flick.stop != nil {
		close(cv.flick.stop)
		cv.flick.stop = nil
	}
}
