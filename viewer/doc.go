// Package viewer holds Exhibit's Fyne widgets that show images: ZoomView,
// one upright image with zoom and pan, and ThumbGrid, a virtualised grid of
// thumbnails for libraries of tens of thousands of images.
//
// Both widgets follow Fyne's threading model (2.6+): their methods must be
// called on the UI goroutine (event handlers, fyne.Do); decoding, scaling
// and loading run in background goroutines, which hand their results back
// through fyne.Do.
//
// Image positions are exchanged as catalog.Point, fractions of the upright
// image ((0,0) top left, (1,1) bottom right), so that they hold whatever the
// resolution of the pixels shown (preview or original).
package viewer
