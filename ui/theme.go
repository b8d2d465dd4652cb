package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's own theme with every text colour readable, at least 4.5:1
// against each background it is drawn on (WCAG AA, TestThemeContrast): in the
// light variant Fyne writes a LowImportance label (the Notation screen's
// legend of the criteria) in #E3E3E3 on white, 1.3:1, a success in #43F436,
// 1.5:1; the warning orange, the error red and the primary blue fall short too.
// Only those text colours change; each keeps its hue, darker (lighter in the
// dark variant), so that buttons and charts drawn with them read the same.
func Theme() fyne.Theme { return cohesionTheme{theme.DefaultTheme()} }

type cohesionTheme struct{ fyne.Theme }

var (
	lightColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:    color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
		theme.ColorNamePrimary:     color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
		theme.ColorNameHyperlink:   color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
		theme.ColorNameSuccess:     color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
		theme.ColorNameWarning:     color.NRGBA{R: 0xa8, G: 0x52, B: 0x00, A: 0xff},
	}
	darkColors = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameDisabled:    color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff},
		theme.ColorNamePrimary:     color.NRGBA{R: 0x64, G: 0xa8, B: 0xff, A: 0xff},
		theme.ColorNameHyperlink:   color.NRGBA{R: 0x64, G: 0xa8, B: 0xff, A: 0xff},
		theme.ColorNameError:       color.NRGBA{R: 0xff, G: 0x6e, B: 0x63, A: 0xff},
		// On the lighter blue, dark text: white would read 2.5:1.
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
	}
)

// Color is Fyne's colour but for the text colours above.
func (t cohesionTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	m := lightColors
	if v == theme.VariantDark {
		m = darkColors
	}
	if c, ok := m[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
