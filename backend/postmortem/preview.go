package postmortem

import (
	"encoding/base64"
	"html"
	"path"
	"strings"

	"github.com/hindsight-app/hindsight/backend/markdown"
)

// Charts draws every metric snapshot of d as the export would and returns,
// for each chart's link in a rendered document (AssetDir/name.svg, as set
// by Load), an image URI holding the drawing. Drawing is the slow part of a
// preview; callers keep the result while the data stay the same.
func Charts(d Data) (map[string]string, error) {
	out := make(map[string]string, len(d.Snapshots))
	names := assetNames(d.Snapshots)
	drawn, err := drawAll(d)
	if err != nil {
		return nil, err
	}
	for k, f := range drawn {
		out[path.Join(d.AssetDir, names[k]+".svg")] = "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(f.svg)
	}
	return out, nil
}

// Preview renders body for the editor's preview pane: placeholders filled
// from d, the markdown turned into sanitized HTML (markdown.ToHTML: goldmark
// without raw HTML, then bluemonday), and the charts drawn in place.
//
// Charts are put in after sanitizing, and only where an image's src is
// exactly one of the charts' own links: the sanitizer never has to allow
// data: URIs, so no link or image the author writes can carry one, and what
// is put in is base64 of an SVG that Hindsight drew, shown as an image
// (which never runs script).
//
// sections, when not nil, keeps the HTML of each section between calls, so
// a preview that follows typing renders only what changed.
func Preview(body string, d Data, charts map[string]string, sections *markdown.Sections) (string, []Problem) {
	rendered, problems := Render(body, d)
	var out string
	if sections != nil {
		out = sections.ToHTML(rendered)
	} else {
		out = markdown.ToHTML(rendered)
	}
	for link, uri := range charts {
		attr := `src="` + html.EscapeString(link) + `"`
		if strings.Contains(out, attr) {
			out = strings.ReplaceAll(out, attr, `src="`+uri+`"`)
		}
	}
	return out, problems
}
