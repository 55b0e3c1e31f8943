package assets

import "embed"

// Plan holds the data files of the parcel planner: plan/divisions.tsv (the
// GB/T 2260 province, city and district names) and plan/provinces.tsv (a
// location per province). plan/README.md names their sources.
//
//go:embed plan/divisions.tsv plan/provinces.tsv
var Plan embed.FS
