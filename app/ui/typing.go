package ui

import "time"

// TypingDelay is how long a search box waits for the next key before it
// searches (the Library's filter, Review's excerpt search).
const TypingDelay = 250 * time.Millisecond
