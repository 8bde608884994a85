// Package markdown turns the markdown people write into HTML that is safe
// to show in the webview: goldmark renders it (raw HTML is never passed
// through: no html.WithUnsafe), and bluemonday's UGC policy sanitizes the
// result as a second line of defence.
package markdown

import (
	"bytes"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// MaxInput bounds what one render call accepts (bytes); larger input is
// refused by the caller's own validation long before this.
const MaxInput = 1 << 20

var (
	md = goldmark.New(goldmark.WithExtensions(extension.GFM))
	// policy allows what markdown produces (headings, lists, tables, code,
	// links, images) and strips everything else, scripts and event handlers
	// included. Links get rel="nofollow noreferrer" and open nowhere by
	// themselves: the frontend decides what a click does.
	policy = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("code", "pre", "span")
		p.AllowAttrs("type", "checked", "disabled").OnElements("input")
		p.RequireNoReferrerOnLinks(true)
		return p
	}()
)

// ToHTML renders markdown to sanitized HTML. Input over MaxInput is cut.
func ToHTML(src string) string {
	if len(src) > MaxInput {
		src = src[:MaxInput]
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails on writer errors, which a bytes.Buffer never
		// returns; fall back to escaped text all the same.
		return policy.Sanitize("<pre>" + src + "</pre>")
	}
	return policy.Sanitize(buf.String())
}
