package markdown

import "testing"

func TestHeadingsToLeadIns(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a heading becomes a bold lead-in ending in a colon", "## Impact\n\nAll checkouts failed.", "**Impact:**\n\nAll checkouts failed."},
		{"a heading ending in punctuation keeps it", "# Why?\n### Done.", "**Why?**\n\n**Done.**"},
		{"closing hashes and indentation go", "   ## Follow-up ##  ", "**Follow-up:**"},
		{"an empty heading becomes an empty line", "##\ntext", "\ntext"},
		{"a hash without a space is not a heading", "#hashtag and #7", "#hashtag and #7"},
		{"seven hashes are not a heading", "####### no", "####### no"},
		{"indented four spaces is not a heading", "    # code", "    # code"},
		{"headings in fenced code stay", "```sh\n# not a heading\n```\n# Yes", "```sh\n# not a heading\n```\n**Yes:**"},
		{"a tilde fence closes only with tildes", "~~~\n```\n# still code\n~~~\n# out", "~~~\n```\n# still code\n~~~\n**out:**"},
		{"a longer fence needs a long enough close", "````\n```\n# code\n````\n# out", "````\n```\n# code\n````\n**out:**"},
		{"an unclosed fence runs to the end", "```\n# code", "```\n# code"},
		{"carriage returns are dropped", "# A\r\nb\r\n", "**A:**\n\nb\n"},
		{"a list right under a heading gets the blank line the heading gave it", "## Next\n- canary\n- alert", "**Next:**\n\n- canary\n- alert"},
		{"so does a fence", "# Query\n```\nrate(x[5m])\n```", "**Query:**\n\n```\nrate(x[5m])\n```"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HeadingsToLeadIns(tt.in); got != tt.want {
				t.Errorf("HeadingsToLeadIns(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
