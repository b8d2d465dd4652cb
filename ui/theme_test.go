package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Every text colour of the theme reads at least 4.5:1 (WCAG AA) on every
// background it may be drawn on, in both variants; a colour on a colour
// (white on a primary button) too.
func TestThemeContrast(t *testing.T) {
	th := Theme()
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
		theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameError, theme.ColorNameSuccess, theme.ColorNameWarning}
	backgrounds := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameMenuBackground,
		theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground}
	on := map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
		theme.ColorNameForegroundOnError:   theme.ColorNameError,
		theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
		theme.ColorNameForegroundOnWarning: theme.ColorNameWarning,
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		check := func(fg, bg fyne.ThemeColorName) {
			r := contrast(th.Color(fg, v), th.Color(bg, v))
			if r < 4.5 {
				t.Errorf("variant %d: %s %s on %s %s: %.2f:1", v, fg, hex(th.Color(fg, v)), bg, hex(th.Color(bg, v)), r)
			}
		}
		for _, fg := range texts {
			for _, bg := range backgrounds {
				check(fg, bg)
			}
		}
		for fg, bg := range on {
			check(fg, bg)
		}
		check(theme.ColorNameDisabled, theme.ColorNameDisabledButton) // a disabled button's text
	}
}

// contrast is WCAG's contrast ratio, the text's alpha laid over the background.
func contrast(fg, bg color.Color) float64 {
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) float64 { return (float64(x)*a + float64(y)*(1-a)) / 255 }
	l1 := luminance(mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B))
	l2 := luminance(float64(b.R)/255, float64(b.G)/255, float64(b.B)/255)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func luminance(r, g, b float64) float64 {
	lin := func(c float64) float64 {
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func hex(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02X%02X%02X%02X", n.R, n.G, n.B, n.A)
}

// The default theme fails where Cohésion's is fixed: the test would see it.
func TestDefaultThemeFailsContrast(t *testing.T) {
	d := theme.DefaultTheme()
	if r := contrast(d.Color(theme.ColorNameDisabled, theme.VariantLight), d.Color(theme.ColorNameBackground, theme.VariantLight)); r >= 4.5 {
		t.Fatalf("Fyne's light disabled text reads %.2f:1: the override may go", r)
	}
}
