package assets

import "embed"

// Templates holds templates/<name>.json, the built-in label templates that
// package label loads (see label.LoadTemplates for the format).
//
//go:embed templates/*.json
var Templates embed.FS

// TemplatesDir is the folder inside Templates.
const TemplatesDir = "templates"
