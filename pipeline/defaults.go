package pipeline

// defaultStages returns the stages a plain pipeline runs, in order, and
// the names the knowledge base wants protected from clitic cutting. Each
// stage package lands with one line here.
func defaultStages() ([]Stage, []string, error) {
	var stages []Stage
	var names []string
	return stages, names, nil
}
