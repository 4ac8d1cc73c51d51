package compare

// The actions of the window's Pair menu, on the pair shown.

// PairShown reports whether a pair is shown (the Pair menu acts on it).
func (cs *compareScreen) PairShown() bool { return cs.data != nil }

// EditPair asks for the title, notes and date window of the pair shown.
func (cs *compareScreen) EditPair() { cs.editPair() }

// SwapPair exchanges the before and after images of the pair shown.
func (cs *compareScreen) SwapPair() { cs.swapPair() }

// Align starts picking the points that align the pair shown.
func (cs *compareScreen) Align() { cs.align.start() }

// ResetAlignment forgets the alignment of the pair shown, once confirmed.
func (cs *compareScreen) ResetAlignment() { cs.align.reset() }

// DeletePair deletes the pair shown, once confirmed.
func (cs *compareScreen) DeletePair() { cs.deletePair() }
