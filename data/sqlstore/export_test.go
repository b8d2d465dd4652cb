package sqlstore

// SetLinkAheadRead sets what runs once a late-locked import has read the
// journal's head, before it writes its entries (see linkAhead); nil: nothing.
func SetLinkAheadRead(f func()) { linkAheadRead = f }
