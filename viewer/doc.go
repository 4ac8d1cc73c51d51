// Package viewer holds Exhibit's Fyne widgets that show images:
//
//   - ZoomView, one upright image with zoom and pan, which shows a preview
//     and, where zoomed in beyond it, a full-resolution crop of the region
//     shown (OnDetailRegion, SetDetail);
//   - AnnotationLayer, an overlay of a ZoomView that draws a list of
//     annotations and edits them (tools, selection, move, resize, delete,
//     undo and redo), handing every change to the app through callbacks;
//   - CompareView, a before and an after image side by side (linked, with
//     a layer on each) or aligned one over the other in swipe, blend,
//     difference and flicker modes, with point picking to align them;
//   - ThumbGrid, a virtualised grid of thumbnails for libraries of tens of
//     thousands of images.
//
// The widgets follow Fyne's threading model (2.6+): their methods must be
// called on the UI goroutine (event handlers, fyne.Do); decoding, scaling,
// compositing and loading run in background goroutines, which hand their
// results back through fyne.Do.
//
// Image positions are exchanged as catalog.Point, fractions of the upright
// image ((0,0) top left, (1,1) bottom right), so that they hold whatever the
// resolution of the pixels shown (preview or original); regions as Region.
package viewer
