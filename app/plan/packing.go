package plan

import "slices"

// PackingRules add lines to the label and the packing slip, and flag
// parcels for a packer to look at.
type PackingRules struct {
	// TagLines print a line for each SKU tag present in a parcel, in this
	// order, such as {"fragile", "易碎 轻拿轻放"}.
	TagLines []TagLine `json:"tag_lines"`
	// FlagKeywords flag a parcel whose buyer remark or seller memo
	// contains one of them; the parcel's Flags list the keywords found.
	FlagKeywords []string `json:"flag_keywords"`
}

// TagLine is the text printed for one SKU tag.
type TagLine struct {
	Tag  string `json:"tag"`
	Line string `json:"line"`
}

// skuTags returns the tags of the SKUs of items, each once, in the order
// they first appear.
func skuTags(items []Item, skus map[string]SKU) []string {
	var tags []string
	for _, item := range items {
		for _, tag := range skus[item.Code].Tags {
			if !slices.Contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
	}
	return tags
}

// tagLines returns the printed lines for a parcel's SKU tags.
func (rules PackingRules) tagLines(tags []string) []string {
	var lines []string
	for _, tl := range rules.TagLines {
		if slices.Contains(tags, tl.Tag) && !slices.Contains(lines, tl.Line) {
			lines = append(lines, tl.Line)
		}
	}
	return lines
}
