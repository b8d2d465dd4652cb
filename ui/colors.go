package ui

import "image/color"

// fadeColor makes a theme colour light enough to sit behind text, for a row's
// highlight.
func fadeColor(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40}
}
