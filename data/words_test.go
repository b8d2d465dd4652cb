package data_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func TestAmountInWords(t *testing.T) {
	for cents, want := range map[int64]string{
		15_000_000:      "cent cinquante mille euros",
		8_150:           "quatre-vingt-un euros et cinquante centimes",
		0:               "zéro euro",
		1:               "un centime",
		45:              "quarante-cinq centimes",
		100:             "un euro",
		101:             "un euro et un centime",
		200:             "deux euros",
		1_700:           "dix-sept euros",
		2_100:           "vingt et un euros",
		2_200:           "vingt-deux euros",
		7_000:           "soixante-dix euros",
		7_100:           "soixante et onze euros",
		7_700:           "soixante-dix-sept euros",
		8_000:           "quatre-vingts euros",
		9_100:           "quatre-vingt-onze euros",
		9_900:           "quatre-vingt-dix-neuf euros",
		10_000:          "cent euros",
		10_100:          "cent un euros",
		20_000:          "deux cents euros",
		20_100:          "deux cent un euros",
		28_000:          "deux cent quatre-vingts euros",
		100_000:         "mille euros",
		100_100:         "mille un euros",
		202_100:         "deux mille vingt et un euros",
		1_250_050:       "douze mille cinq cents euros et cinquante centimes",
		2_300_000:       "vingt-trois mille euros",
		8_000_000:       "quatre-vingt mille euros",
		20_000_000:      "deux cent mille euros",
		8_100_000:       "quatre-vingt-un mille euros",
		100_000_000:     "un million d'euros",
		120_000_000:     "un million deux cent mille euros",
		200_000_000:     "deux millions d'euros",
		8_000_000_000:   "quatre-vingts millions d'euros",
		20_000_000_000:  "deux cents millions d'euros",
		300_000_000_100: "trois milliards un euros",
		-15_000:         "moins cent cinquante euros",
		data.MaxCents:   "neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros et quatre-vingt-dix-neuf centimes",
	} {
		if got := data.AmountInWords(cents); got != want {
			t.Errorf("AmountInWords(%d) = %q, want %q", cents, got, want)
		}
	}
}
