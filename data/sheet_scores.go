package data

// Sheet is one juror's scoring sheet for one application: the scores the
// juror gave, criterion by criterion.
type Sheet struct {
	JurorID, ApplicationID int64
	Scores                 map[int64]int // criterion ID → score; absent = not scored
}

// ScoreChange is what one save or one imported file does to a juror's sheet:
// the scores it sets and the criteria it clears. A criterion it does not name
// keeps its score: clearing is an explicit act, never the side effect of a
// shorter file.
type ScoreChange struct {
	JurorID, ApplicationID int64
	Set                    map[int64]int // criterion ID → new score
	Clear                  []int64       // criterion IDs whose score is removed
}
